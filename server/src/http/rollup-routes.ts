/**
 * Roll-up:
 *   POST /api/rollup   { boards: [{ id, facilitatorKey }], format?: 'json' | 'md' | 'csv', sep?: 'comma' | 'semicolon' }
 *
 * Combines up to 20 boards the requester facilitates (each key proves it) into one overview per
 * area (exports/rollup.ts), sent as a download (JSON by default). 403 naming the first board whose
 * key is wrong, 404 naming the first that does not exist; wrong keys count towards the same
 * per-address limit as every facilitator route.
 */
import type { FastifyInstance } from 'fastify';
import { ForbiddenError, InvalidValueError, NamedBoardForbiddenError, NamedBoardNotFoundError } from '../errors.js';
import { exportBoard, type BoardExport } from '../exports/board-export.js';
import { buildRollup } from '../exports/rollup.js';
import { renderRollupFile, sendDownload } from '../exports/download.js';
import { exportFileName } from '../exports/file-names.js';
import { describeIssue } from './facilitator-routes.schema.js';
import { withRoom } from './room-access.js';
import { rollupBody, snapshotErrorResponses } from './snapshot-routes.schema.js';

/** Registers the roll-up route. Needs `app.verksted` (see app-context.ts). */
export async function rollupRoutes(app: FastifyInstance): Promise<void> {
  const { facilitatorAuth, now } = app.verksted;

  app.post('/api/rollup', { schema: { response: snapshotErrorResponses } }, async (request, reply) => {
    facilitatorAuth.assertNotBlocked(request, reply);
    const parsed = rollupBody.safeParse(request.body);
    if (!parsed.success) throw new InvalidValueError(describeIssue(parsed.error));
    const { boards, format = 'json', sep = 'comma' } = parsed.data;
    const exportedAt = now();
    const files: BoardExport[] = [];
    for (const [i, board] of boards.entries()) {
      const name = `boards[${i}] (${board.id})`;
      let file: BoardExport;
      try {
        file = await withRoom(app, board.id, (room) => {
          facilitatorAuth.assertKey(request, reply, board.facilitatorKey, room.record.facilitatorKeyHash, room.boardId);
          return exportBoard({ boardId: room.boardId, doc: room.doc, exportedAt, view: 'facilitator', hideAuthors: false });
        });
      } catch (err) {
        if (err instanceof ForbiddenError) throw new NamedBoardForbiddenError(`${name}: that is not this board’s facilitator key`);
        if ((err as { statusCode?: number }).statusCode === 404) throw new NamedBoardNotFoundError(`${name}: no board with that id`);
        throw err;
      }
      files.push(file);
    }
    const rollup = buildRollup(files, exportedAt);
    request.log.info({ boards: files.length, format }, 'roll-up');
    return sendDownload(reply, format, exportFileName('rollup', exportedAt, format), renderRollupFile(rollup, format, sep));
  });
}
