/**
 * Board HTTP API:
 *   POST /api/boards                      create (rate-limited per address)
 *   GET  /api/boards/:id                  public summary (no secrets)
 *   GET  /api/join/:code                  join code → board id (rate-limited per address)
 * Downloads (export.json/md/csv) are in export-routes.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CLOSE, countNotes, normaliseJoinCode, readAreas, readMeta, type Language, type TemplateId } from '@verksted/shared';
import { BoardNotFoundHttpError, BoardUnavailableError, JoinCodeNotFoundError, RateLimitedError, RelayError } from '../errors.js';
import type { Room } from '../relay/Room.js';
import { FixedWindowLimiter } from './rate-limiter.js';
import {
  boardIdParams,
  boardSummaryResponse,
  createBoardBody,
  createdBoardResponse,
  errorResponses,
  joinCodeParams,
  joinResponse,
} from './board-routes.schema.js';

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** Registers the board routes. Needs `app.verksted` (see app-context.ts). */
export async function boardRoutes(app: FastifyInstance): Promise<void> {
  const { config, registry, directory, now } = app.verksted;
  const createLimiter = new FixedWindowLimiter(config.BOARDS_PER_IP_PER_HOUR, HOUR_MS, now);
  const joinLimiter = new FixedWindowLimiter(config.JOIN_LOOKUPS_PER_IP_PER_MINUTE, MINUTE_MS, now);

  function enforce(limiter: FixedWindowLimiter, request: FastifyRequest, reply: FastifyReply): void {
    if (limiter.take(request.ip)) return;
    void reply.header('retry-after', String(limiter.retryAfterSeconds(request.ip)));
    throw new RateLimitedError();
  }

  /** Runs `read` on the board's room: the live one, or one loaded now (and unloaded again when idle). */
  async function withRoom<T>(boardId: string, read: (room: Room) => T): Promise<T> {
    let room: Room;
    try {
      room = await registry.acquire(boardId);
    } catch (err) {
      if (err instanceof RelayError && (err.closeCode === CLOSE.boardNotFound || err.closeCode === CLOSE.boardDeleted)) {
        throw new BoardNotFoundHttpError();
      }
      if (err instanceof RelayError) throw new BoardUnavailableError();
      throw err;
    }
    try {
      return read(room);
    } finally {
      room.release();
    }
  }

  app.post<{ Body: { title: string; template: TemplateId; language?: Language } }>(
    '/api/boards',
    { schema: { body: createBoardBody, response: { 201: createdBoardResponse, ...errorResponses } } },
    async (request, reply) => {
      enforce(createLimiter, request, reply);
      const created = await directory.create(request.body);
      return reply.code(201).send(created);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/boards/:id',
    { schema: { params: boardIdParams, response: { 200: boardSummaryResponse, ...errorResponses } } },
    async (request) =>
      withRoom(request.params.id, (room) => {
        const meta = readMeta(room.doc);
        return {
          id: room.boardId,
          title: meta.title,
          template: meta.template,
          language: meta.language,
          createdAt: meta.createdAt,
          joinCode: room.record.joinCode,
          areaCount: readAreas(room.doc).length,
          noteCount: countNotes(room.doc),
          online: room.connectionCount,
        };
      }),
  );

  app.get<{ Params: { code: string } }>(
    '/api/join/:code',
    { schema: { params: joinCodeParams, response: { 200: joinResponse, ...errorResponses } } },
    async (request, reply) => {
      enforce(joinLimiter, request, reply);
      const code = normaliseJoinCode(request.params.code);
      const id = code === null ? null : directory.findByJoinCode(code);
      if (id === null) throw new JoinCodeNotFoundError();
      return { id };
    },
  );
}
