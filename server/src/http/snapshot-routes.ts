/**
 * Snapshots of a board (saved versions; see relay/RoomSnapshots.ts):
 *   GET  /api/boards/:id/snapshots                          list, oldest first (participants: only with downloads open)
 *   POST /api/boards/:id/snapshots                          facilitator: take one now, `{ label? }` → 201 SnapshotMeta
 *   POST /api/boards/:id/snapshots/:snapshotId/restore      facilitator: `{ mode: 'copy' | 'rollback' }`
 *
 * Restoring as a copy creates a new board (new id, join code and facilitator key; 201 like
 * `POST /api/boards`) with the snapshot's content and settings, unlocked, timer and focus reset.
 * Rolling back saves the current state as a 'rollback' snapshot, then makes the live board's
 * content the snapshot's; its settings stay as they are (409 during a secret phase).
 * Downloads of snapshots are in export-routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { IDLE_TIMER, replaceBoardContent, updateSettings } from '@verksted/shared';
import { BoardReadOnlyError, BoardUnavailableError, ConflictError, InvalidValueError, SnapshotNotFoundError } from '../errors.js';
import { SnapshotError, docOf } from '../relay/RoomSnapshots.js';
import type { CreatedBoard } from '../boards/board-directory.js';
import { describeIssue } from './facilitator-routes.schema.js';
import { createdBoardResponse } from './board-routes.schema.js';
import { assertParticipantDownloads } from './export-routes.js';
import { enforceCreationLimit, optionalKeyOf, requesterOf, withRoom } from './room-access.js';
import {
  boardIdParams,
  createSnapshotBody,
  restoreBody,
  rollbackResponse,
  snapshotErrorResponses,
  snapshotListResponse,
  snapshotParams,
  snapshotResponse,
} from './snapshot-routes.schema.js';

/** The HTTP error for a refused snapshot operation. */
function toHttpError(err: unknown): unknown {
  if (!(err instanceof SnapshotError)) return err;
  switch (err.code) {
    case 'not-found':
      return new SnapshotNotFoundError();
    case 'secret-phase':
    case 'too-many':
      return new ConflictError(err.message);
    case 'read-only':
      return new BoardReadOnlyError();
    case 'unavailable':
      return new BoardUnavailableError();
  }
}

/** Registers the snapshot routes. Needs `app.verksted` (see app-context.ts). */
export async function snapshotRoutes(app: FastifyInstance): Promise<void> {
  const { store, directory, facilitatorAuth } = app.verksted;

  app.get<{ Params: { id: string } }>(
    '/api/boards/:id/snapshots',
    { schema: { params: boardIdParams, response: { 200: snapshotListResponse, ...snapshotErrorResponses } } },
    async (request, reply) => {
      const key = optionalKeyOf(app, request, reply);
      return withRoom(app, request.params.id, async (room) => {
        assertParticipantDownloads(room, requesterOf(app, request, reply, key, room));
        return { snapshots: await store.listSnapshots(room.boardId) };
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/boards/:id/snapshots',
    { schema: { params: boardIdParams, response: { 201: snapshotResponse, ...snapshotErrorResponses } } },
    async (request, reply) => {
      const key = facilitatorAuth.keyOf(request, reply);
      const meta = await withRoom(app, request.params.id, async (room) => {
        facilitatorAuth.assertKey(request, reply, key, room.record.facilitatorKeyHash, room.boardId);
        const parsed = createSnapshotBody.safeParse(request.body ?? {});
        if (!parsed.success) throw new InvalidValueError(describeIssue(parsed.error));
        try {
          return await room.takeSnapshot(parsed.data.label ?? '');
        } catch (err) {
          throw toHttpError(err);
        }
      });
      return reply.code(201).send(meta);
    },
  );

  app.post<{ Params: { id: string; snapshotId: string } }>(
    '/api/boards/:id/snapshots/:snapshotId/restore',
    { schema: { params: snapshotParams, response: { 200: rollbackResponse, 201: createdBoardResponse, ...snapshotErrorResponses } } },
    async (request, reply) => {
      const key = facilitatorAuth.keyOf(request, reply);
      const { id, snapshotId } = request.params;
      return withRoom(app, id, async (room) => {
        facilitatorAuth.assertKey(request, reply, key, room.record.facilitatorKeyHash, room.boardId);
        const parsed = restoreBody.safeParse(request.body);
        if (!parsed.success) throw new InvalidValueError(describeIssue(parsed.error));
        if (parsed.data.mode === 'rollback') {
          try {
            const result = await room.rollbackTo(snapshotId);
            request.log.info({ boardId: room.boardId, snapshotId, safetySnapshotId: result.safety.id }, 'board rolled back');
            return { mode: 'rollback', ...result };
          } catch (err) {
            throw toHttpError(err);
          }
        }
        enforceCreationLimit(app, request, reply);
        const stored = await store.readSnapshot(room.boardId, snapshotId);
        if (!stored) throw new SnapshotNotFoundError();
        const created = await copyToNewBoard(stored.state);
        request.log.info({ boardId: room.boardId, snapshotId, copyId: created.id }, 'snapshot copied to a new board');
        return reply.code(201).send(created);
      });
    },
  );

  /** A new board with the content and settings of a stored state; a copy starts unlocked, timer and focus reset. */
  async function copyToNewBoard(state: Uint8Array): Promise<CreatedBoard> {
    const source = docOf(state);
    const copy = new Y.Doc();
    try {
      replaceBoardContent(copy, source, null, { settings: true });
      updateSettings(copy, { locked: false, focusAreaId: null, timer: { ...IDLE_TIMER }, brainstormCounts: {} });
      return await directory.createFrom(copy, 'copy');
    } finally {
      source.destroy();
      copy.destroy();
    }
  }
}
