/**
 * Facilitator HTTP API (needs `Authorization: Bearer <facilitatorKey>`):
 *   PATCH /api/boards/:id               change title, phase, lock, anonymity, votes, focus, groups, timer
 *   GET   /api/boards/:id/facilitator   check the key; the board's id, join code, settings and title
 *
 * Settings live in the board document, but only the server writes them (the write policy refuses
 * them over the websocket): the room applies the change as a server write, so it is logged before
 * anyone sees it, and the timer is computed with the server's clock.
 *
 * Failed key checks are limited per address; past the limit the address gets 429 for the rest of
 * the window whatever key it sends, so guessing cannot continue. The key is never logged.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BoardInputError, CLOSE, hasArea, readMeta, readSettings } from '@verksted/shared';
import {
  BoardNotFoundHttpError,
  BoardReadOnlyError,
  BoardUnavailableError,
  ForbiddenError,
  InvalidValueError,
  RateLimitedError,
  RelayError,
  UnauthorizedError,
} from '../errors.js';
import { isFacilitatorKey } from '../boards/facilitator-key.js';
import type { Room } from '../relay/Room.js';
import { FixedWindowLimiter } from './rate-limiter.js';
import { boardIdParams } from './board-routes.schema.js';
import {
  describeIssue,
  facilitatorErrorResponses,
  settingsChangeBody,
  type FacilitatorBoardResponse,
  type SettingsChangeResponse,
} from './facilitator-routes.schema.js';

const MINUTE_MS = 60 * 1000;

/** `Bearer <token>`; the token is whatever has no spaces (isFacilitatorKey checks the rest). */
const BEARER = /^Bearer +(\S+) *$/i;

type BoardRequest = FastifyRequest<{ Params: { id: string } }>;

/** Registers the facilitator routes. Needs `app.verksted` (see app-context.ts). */
export async function facilitatorRoutes(app: FastifyInstance): Promise<void> {
  const { registry, now, config } = app.verksted;
  const failures = new FixedWindowLimiter(config.FACILITATOR_AUTH_FAILURES_PER_IP_PER_MINUTE, MINUTE_MS, now);
  /** Addresses over the failure limit, until when (ms). */
  const blockedUntil = new Map<string, number>();

  function assertNotBlocked(request: FastifyRequest, reply: FastifyReply): void {
    const until = blockedUntil.get(request.ip);
    if (until === undefined) return;
    const waitMs = until - now();
    if (waitMs <= 0) {
      blockedUntil.delete(request.ip);
      return;
    }
    void reply.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
    throw new RateLimitedError();
  }

  function recordFailure(request: FastifyRequest, reply: FastifyReply): void {
    if (failures.take(request.ip)) return;
    if (blockedUntil.size > 10_000) {
      const at = now();
      for (const [ip, until] of blockedUntil) if (until <= at) blockedUntil.delete(ip);
    }
    const retryAfter = failures.retryAfterSeconds(request.ip);
    blockedUntil.set(request.ip, now() + retryAfter * 1000);
    request.log.warn({ boardId: (request.params as { id?: string }).id }, 'too many wrong facilitator keys from one address');
    void reply.header('retry-after', String(retryAfter));
    throw new RateLimitedError();
  }

  /** The key from the Authorization header; 401 (with WWW-Authenticate) when there is none. */
  function bearerKey(request: FastifyRequest, reply: FastifyReply): string {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) {
      void reply.header('www-authenticate', 'Bearer');
      throw new UnauthorizedError();
    }
    return match[1]!;
  }

  /**
   * Runs `act` on the board's room once the request proved it has the facilitator key: the live
   * room, or one loaded now (and unloaded again when idle).
   */
  async function asFacilitator<T>(request: BoardRequest, reply: FastifyReply, act: (room: Room) => T): Promise<T> {
    assertNotBlocked(request, reply);
    const key = bearerKey(request, reply);
    let room: Room;
    try {
      room = await registry.acquire(request.params.id);
    } catch (err) {
      if (err instanceof RelayError && err.closeCode === CLOSE.boardNotFound) throw new BoardNotFoundHttpError();
      if (err instanceof RelayError) throw new BoardUnavailableError();
      throw err;
    }
    try {
      if (!isFacilitatorKey(key, room.record.facilitatorKeyHash)) {
        request.log.info({ boardId: room.boardId }, 'wrong facilitator key');
        recordFailure(request, reply);
        throw new ForbiddenError();
      }
      return act(room);
    } finally {
      room.release();
    }
  }

  app.patch<{ Params: { id: string } }>(
    '/api/boards/:id',
    { schema: { params: boardIdParams, response: facilitatorErrorResponses } },
    async (request, reply): Promise<SettingsChangeResponse> =>
      asFacilitator(request, reply, (room) => {
        // Checked after the key, so that nobody without it learns anything from the answers.
        const parsed = settingsChangeBody.safeParse(request.body);
        if (!parsed.success) throw new InvalidValueError(describeIssue(parsed.error));
        const change = parsed.data;
        if (typeof change.focusAreaId === 'string' && !hasArea(room.doc, change.focusAreaId)) {
          throw new InvalidValueError('focusAreaId: no such area on this board');
        }
        try {
          const result = room.changeSettings(change);
          request.log.info({ boardId: room.boardId, fields: Object.keys(change) }, 'settings changed');
          return result;
        } catch (err) {
          if (err instanceof BoardInputError) throw new InvalidValueError(err.message);
          if (err instanceof RelayError) throw new BoardReadOnlyError();
          throw err;
        }
      }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/boards/:id/facilitator',
    { schema: { params: boardIdParams, response: facilitatorErrorResponses } },
    async (request, reply): Promise<FacilitatorBoardResponse> =>
      asFacilitator(request, reply, (room) => ({
        id: room.boardId,
        joinCode: room.record.joinCode,
        settings: readSettings(room.doc),
        title: readMeta(room.doc).title,
      })),
  );
}
