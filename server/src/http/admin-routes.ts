/**
 * Board administration for the facilitator (needs `Authorization: Bearer <facilitatorKey>`):
 *   DELETE /api/boards/:id          delete the board for good: record, snapshot and log leave the
 *                                   disk, the join code stops working, everyone connected is closed
 *                                   with 4410 (boardDeleted) and does not reconnect; then 404
 *   POST   /api/boards/:id/extend   count the board as opened now, postponing retention; answers
 *                                   the new expiry
 *
 * Neither loads the board into memory: the key is checked against the stored record.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { BoardCorruptError, BoardNotFoundError, type BoardRecord } from '../persistence/board-store.js';
import { BoardNotFoundHttpError, BoardUnavailableError, RelayError } from '../errors.js';
import { deleteBoard } from '../ops/board-deletion.js';
import { expiresAt } from '../ops/retention.js';
import { boardIdParams } from './board-routes.schema.js';
import { deleteResponses, extendResponses, type ExtendResponse } from './admin-routes.schema.js';

type BoardRequest = { Params: { id: string } };

/** Registers the admin routes. Needs `app.verksted` (see app-context.ts). */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const context = app.verksted;
  const { store, facilitatorAuth, config, now } = context;

  /** The board's record; 404 when there is none, 503 when it cannot be read. */
  async function readRecord(boardId: string): Promise<BoardRecord> {
    let record: BoardRecord | null;
    try {
      record = await store.readRecord(boardId);
    } catch (err) {
      if (err instanceof BoardCorruptError) throw new BoardUnavailableError();
      throw err;
    }
    if (!record) throw new BoardNotFoundHttpError();
    return record;
  }

  app.delete<BoardRequest>('/api/boards/:id', { schema: { params: boardIdParams, response: deleteResponses } }, async (request, reply: FastifyReply) => {
    const boardId = request.params.id;
    const key = facilitatorAuth.keyOf(request, reply);
    const record = await readRecord(boardId);
    facilitatorAuth.assertKey(request, reply, key, record.facilitatorKeyHash, boardId);
    let outcome;
    try {
      outcome = await deleteBoard({ ...context, logger: request.log }, boardId, { cause: 'facilitator' });
    } catch (err) {
      // Another request is deleting it right now.
      if (err instanceof RelayError) throw new BoardNotFoundHttpError();
      throw err;
    }
    if (outcome === 'not-found') throw new BoardNotFoundHttpError();
    return reply.code(204).send();
  });

  app.post<BoardRequest>(
    '/api/boards/:id/extend',
    { schema: { params: boardIdParams, response: extendResponses } },
    async (request, reply): Promise<ExtendResponse> => {
      const boardId = request.params.id;
      const key = facilitatorAuth.keyOf(request, reply);
      const record = await readRecord(boardId);
      facilitatorAuth.assertKey(request, reply, key, record.facilitatorKeyHash, boardId);
      const at = now();
      try {
        await store.touch(boardId, at);
      } catch (err) {
        if (err instanceof BoardNotFoundError) throw new BoardNotFoundHttpError();
        throw err;
      }
      request.log.info({ boardId }, 'board retention extended');
      return { lastOpenedAt: at, expiresAt: expiresAt(at, config.RETENTION_DAYS) };
    },
  );
}
