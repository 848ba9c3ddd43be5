/**
 * The websocket endpoint `/ws/:boardId` (standard y-websocket protocol, see shared/protocol.ts).
 *
 * Per socket: validate the id, enforce connection limits, acquire the room (which may have to load
 * from disk) and attach. The socket's message listener exists from the first moment (ClientSocket
 * buffers), so frames sent during the load are not lost.
 */
import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CLIENT_PARAM, CLIENT_PARAM_VALUE, CLOSE, KEY_PARAM, PARTICIPANT_PARAM, isBoardId } from '@verksted/shared';
import { RelayError, UpgradeRequiredError } from '../errors.js';
import { isFacilitatorKey } from '../boards/facilitator-key.js';
import { participantIdOf } from '../boards/participant-id.js';
import { ClientSocket } from './ClientSocket.js';
import { ROOM_STATE } from './Room.js';

/** How long shutdown waits for clients to complete the close handshake. */
const CLOSE_GRACE_MS = 1000;

/** Registers @fastify/websocket and the relay route. Needs `app.verksted` (see app-context.ts). */
export async function relayPlugin(app: FastifyInstance): Promise<void> {
  const { config, registry, metrics } = app.verksted;
  const sockets = new Set<ClientSocket>();
  const perIp = new Map<string, number>();
  const perBoard = new Map<string, number>();

  await app.register(websocket, {
    options: { maxPayload: config.MAX_MESSAGE_BYTES },
    errorHandler(error, socket, request) {
      // ws reports protocol violations (oversized frame, bad opcode) here after it has already sent
      // the close frame (1009, 1002...); terminating now could cut that frame off.
      const code: unknown = (error as Error & { code?: unknown }).code;
      const { boardId } = request.params as { boardId?: string };
      const log = isBoardId(boardId) ? request.log.child({ boardId }) : request.log;
      if (typeof code === 'string' && code.startsWith('WS_ERR_')) {
        metrics.rejected(code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'tooLarge' : 'protocolError');
        log.warn({ code }, 'websocket protocol error');
        return;
      }
      log.error({ err: error }, 'websocket error');
      socket.terminate();
    },
    preClose(done) {
      shutDown().then(
        () => done(),
        (err: unknown) => done(err as Error),
      );
    },
  });

  /** Closes every socket with "restarting", flushes every room, then drops sockets that did not finish closing. */
  async function shutDown(): Promise<void> {
    const closed = [...sockets].map((conn) => new Promise<void>((resolve) => conn.onClose(resolve)));
    for (const conn of sockets) conn.close(CLOSE.restarting, 'restarting');
    await registry.closeAll('restarting');
    // Everything is on disk now; a client that does not answer the close handshake must not hold up
    // the exit (ws itself would wait 30 s).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(closed), new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
    clearTimeout(timer);
    for (const conn of sockets) conn.terminate();
  }

  const ping = setInterval(() => {
    for (const conn of sockets) {
      if (conn.alive) conn.ping();
      else conn.terminate();
    }
  }, config.PING_INTERVAL_MS);
  ping.unref();
  app.addHook('onClose', async () => clearInterval(ping));

  function count(map: Map<string, number>, key: string, delta: number): void {
    const next = (map.get(key) ?? 0) + delta;
    if (next === 0) map.delete(key);
    else map.set(key, next);
  }

  app.route({
    method: 'GET',
    url: '/ws/:boardId',
    handler: async () => {
      throw new UpgradeRequiredError();
    },
    wsHandler: (socket, request: FastifyRequest) => {
      const { boardId } = request.params as { boardId?: string };
      const query = request.query as Record<string, unknown>;
      const validId = isBoardId(boardId);
      const conn = new ClientSocket(socket, {
        logger: validId ? request.log.child({ boardId }) : request.log,
        optedIn: query[CLIENT_PARAM] === CLIENT_PARAM_VALUE,
        maxMessagesPerSecond: config.MAX_MESSAGES_PER_SECOND,
        metrics,
      });
      sockets.add(conn);
      conn.onClose(() => sockets.delete(conn));
      if (!validId) {
        conn.close(CLOSE.boardNotFound, 'board not found');
        return;
      }
      const ip = request.ip;
      if ((perIp.get(ip) ?? 0) >= config.MAX_CONNECTIONS_PER_IP || (perBoard.get(boardId) ?? 0) >= config.MAX_CONNECTIONS_PER_BOARD) {
        conn.log.warn('connection limit reached');
        conn.close(CLOSE.tooManyConnections, 'too many connections');
        return;
      }
      count(perIp, ip, 1);
      count(perBoard, boardId, 1);
      conn.onClose(() => {
        count(perIp, ip, -1);
        count(perBoard, boardId, -1);
      });

      const secret = query[PARTICIPANT_PARAM];
      const participantId =
        typeof secret === 'string' && secret.length >= 16 && secret.length <= 200 ? participantIdOf(secret) : null;
      registry.acquire(boardId).then(
        (room) => {
          if (!conn.isOpen || room.state !== ROOM_STATE.live) {
            room.release();
            conn.close(CLOSE.restarting, 'restarting');
            return;
          }
          conn.role = isFacilitatorKey(query[KEY_PARAM], room.record.facilitatorKeyHash) ? 'facilitator' : 'participant';
          conn.participantId = participantId;
          room.attach(conn);
        },
        (err: unknown) => {
          if (err instanceof RelayError) conn.close(err.closeCode, err.message);
          else {
            conn.log.error({ err }, 'acquiring the room failed');
            conn.close(CLOSE.loadFailed, 'board could not be loaded');
          }
        },
      );
    },
  });
}
