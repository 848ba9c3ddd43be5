/**
 * Helpers of the download, snapshot, import and roll-up routes: reaching a board's room, telling
 * the facilitator from a participant, and the per-address limit on creating boards from files.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CLOSE } from '@verksted/shared';
import { BoardNotFoundHttpError, BoardUnavailableError, RateLimitedError, RelayError } from '../errors.js';
import type { AppContext } from '../app-context.js';
import type { Room } from '../relay/Room.js';
import { FixedWindowLimiter } from './rate-limiter.js';

const HOUR_MS = 60 * 60 * 1000;

/** Who asks: the facilitator (proved the key) or a participant (sent no key). */
export type Requester = 'facilitator' | 'participant';

/**
 * Runs `use` on the board's room (the live one, or one loaded now and unloaded again when idle),
 * keeping it loaded until `use` has finished, awaits included. 404 / 503 when it cannot be had.
 */
export async function withRoom<T>(app: FastifyInstance, boardId: string, use: (room: Room) => T | Promise<T>): Promise<T> {
  let room: Room;
  try {
    room = await app.verksted.registry.acquire(boardId);
  } catch (err) {
    if (err instanceof RelayError && (err.closeCode === CLOSE.boardNotFound || err.closeCode === CLOSE.boardDeleted)) {
      throw new BoardNotFoundHttpError();
    }
    if (err instanceof RelayError) throw new BoardUnavailableError();
    throw err;
  }
  try {
    return await use(room);
  } finally {
    room.release();
  }
}

/**
 * The facilitator key of a request where it is optional: null without an Authorization header
 * (a participant); otherwise the key (401 when malformed, 429 while the address is blocked).
 */
export function optionalKeyOf(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): string | null {
  if (request.headers.authorization === undefined) return null;
  return app.verksted.facilitatorAuth.keyOf(request, reply);
}

/** 'facilitator' when `key` is the room's (403 / 429 when it is given and wrong), 'participant' without a key. */
export function requesterOf(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, key: string | null, room: Room): Requester {
  if (key === null) return 'participant';
  app.verksted.facilitatorAuth.assertKey(request, reply, key, room.record.facilitatorKeyHash, room.boardId);
  return 'facilitator';
}

const creationLimiters = new WeakMap<AppContext, FixedWindowLimiter>();

/**
 * Counts one board created from a file (import, copy of a snapshot) for the request's address;
 * 429 with Retry-After past BOARDS_PER_IP_PER_HOUR. One counter per server, shared by those routes.
 */
export function enforceCreationLimit(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): void {
  const context = app.verksted;
  let limiter = creationLimiters.get(context);
  if (!limiter) creationLimiters.set(context, (limiter = new FixedWindowLimiter(context.config.BOARDS_PER_IP_PER_HOUR, HOUR_MS, context.now)));
  if (limiter.take(request.ip)) return;
  void reply.header('retry-after', String(limiter.retryAfterSeconds(request.ip)));
  throw new RateLimitedError();
}
