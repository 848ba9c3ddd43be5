/**
 * Facilitator HTTP API (needs `Authorization: Bearer <facilitatorKey>`):
 *   PATCH /api/boards/:id               change title, phase, lock, anonymity, votes, focus, groups, timer
 *   GET   /api/boards/:id/facilitator   check the key; the board's id, join code, settings, title and expiry
 *
 * Settings live in the board document, but only the server writes them (the write policy refuses
 * them over the websocket): the room applies the change as a server write, so it is logged before
 * anyone sees it, and the timer is computed with the server's clock.
 *
 * The key check and its per-address failure limit are in facilitator-auth.ts (shared with the
 * admin routes). The key is never logged.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BoardInputError, CLOSE, hasArea, readMeta, readSettings } from '@verksted/shared';
import { BoardNotFoundHttpError, BoardReadOnlyError, BoardUnavailableError, InvalidValueError, RelayError } from '../errors.js';
import type { Room } from '../relay/Room.js';
import { expiresAt } from '../ops/retention.js';
import { boardIdParams } from './board-routes.schema.js';
import {
  describeIssue,
  facilitatorErrorResponses,
  settingsChangeBody,
  type FacilitatorBoardResponse,
  type SettingsChangeResponse,
} from './facilitator-routes.schema.js';

type BoardRequest = FastifyRequest<{ Params: { id: string } }>;

/** Registers the facilitator routes. Needs `app.verksted` (see app-context.ts). */
export async function facilitatorRoutes(app: FastifyInstance): Promise<void> {
  const { registry, now, config, facilitatorAuth } = app.verksted;

  /**
   * Runs `act` on the board's room once the request proved it has the facilitator key: the live
   * room, or one loaded now (and unloaded again when idle).
   */
  async function asFacilitator<T>(request: BoardRequest, reply: FastifyReply, act: (room: Room) => T): Promise<T> {
    const key = facilitatorAuth.keyOf(request, reply);
    let room: Room;
    try {
      room = await registry.acquire(request.params.id);
    } catch (err) {
      if (err instanceof RelayError && (err.closeCode === CLOSE.boardNotFound || err.closeCode === CLOSE.boardDeleted)) {
        throw new BoardNotFoundHttpError();
      }
      if (err instanceof RelayError) throw new BoardUnavailableError();
      throw err;
    }
    try {
      facilitatorAuth.assertKey(request, reply, key, room.record.facilitatorKeyHash, room.boardId);
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
        // The board is open right now, and retention counts from its last use.
        expiresAt: expiresAt(Math.max(room.record.lastOpenedAt, now()), config.RETENTION_DAYS),
      })),
  );
}
