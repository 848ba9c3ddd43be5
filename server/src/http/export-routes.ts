/**
 * Downloads of a board and of its snapshots:
 *   GET /api/boards/:id/export.{json,md,csv}                          the board now
 *   GET /api/boards/:id/snapshots/:snapshotId/export.{json,md,csv}    a saved snapshot
 * `?sep=semicolon` separates a CSV's cells with semicolons (default: commas; see CSV_SEPARATORS).
 *
 * With `Authorization: Bearer <facilitatorKey>` the facilitator gets everything. Without it a
 * participant gets the participant view (no notes or dots withheld by a secret phase; authors left
 * out on an anonymous board), only while `settings.participantDownloads` is on, and never a
 * snapshot taken during a secret phase (403 otherwise). A wrong key is 403, as everywhere.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readSettings, type CsvSeparator } from '@verksted/shared';
import { DownloadForbiddenError, InvalidValueError, SnapshotNotFoundError } from '../errors.js';
import type { Room } from '../relay/Room.js';
import { docOf } from '../relay/RoomSnapshots.js';
import { exportBoard } from '../exports/board-export.js';
import { DOWNLOAD_FORMATS, renderBoardFile, sendDownload, type DownloadFormat } from '../exports/download.js';
import { exportFileName, snapshotFileName } from '../exports/file-names.js';
import { describeIssue } from './facilitator-routes.schema.js';
import { optionalKeyOf, requesterOf, withRoom, type Requester } from './room-access.js';
import { boardIdParams, downloadQuery, snapshotParams, snapshotErrorResponses } from './snapshot-routes.schema.js';

/** 403 for a participant while the facilitator keeps downloads closed. */
export function assertParticipantDownloads(room: Room, requester: Requester): void {
  if (requester === 'participant' && !readSettings(room.doc).participantDownloads) {
    throw new DownloadForbiddenError('The facilitator has not opened downloads for participants');
  }
}

/** The CSV separator a download asks for; 400 for one we do not know. */
function separatorOf(request: FastifyRequest): CsvSeparator {
  const parsed = downloadQuery.safeParse(request.query ?? {});
  if (!parsed.success) throw new InvalidValueError(describeIssue(parsed.error));
  return parsed.data.sep ?? 'comma';
}

/** Registers the download routes. Needs `app.verksted` (see app-context.ts). */
export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const { now } = app.verksted;

  for (const format of DOWNLOAD_FORMATS) {
    app.get<{ Params: { id: string } }>(
      `/api/boards/:id/export.${format}`,
      { schema: { params: boardIdParams, response: snapshotErrorResponses } },
      async (request, reply) => downloadBoard(request, reply, format),
    );
    app.get<{ Params: { id: string; snapshotId: string } }>(
      `/api/boards/:id/snapshots/:snapshotId/export.${format}`,
      { schema: { params: snapshotParams, response: snapshotErrorResponses } },
      async (request, reply) => downloadSnapshot(request, reply, format),
    );
  }

  async function downloadBoard(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, format: DownloadFormat) {
    const separator = separatorOf(request);
    const key = optionalKeyOf(app, request, reply);
    const exportedAt = now();
    const file = await withRoom(app, request.params.id, (room) => {
      const requester = requesterOf(app, request, reply, key, room);
      assertParticipantDownloads(room, requester);
      const participant = requester === 'participant';
      return exportBoard({
        boardId: room.boardId,
        doc: participant ? room.participantView : room.doc,
        exportedAt,
        view: requester,
        hideAuthors: participant && readSettings(room.doc).anonymous,
      });
    });
    return sendDownload(reply, format, exportFileName(file.board.title, exportedAt, format), renderBoardFile(file, format, separator));
  }

  async function downloadSnapshot(request: FastifyRequest<{ Params: { id: string; snapshotId: string } }>, reply: FastifyReply, format: DownloadFormat) {
    const separator = separatorOf(request);
    const key = optionalKeyOf(app, request, reply);
    const exportedAt = now();
    const file = await withRoom(app, request.params.id, async (room) => {
      const requester = requesterOf(app, request, reply, key, room);
      assertParticipantDownloads(room, requester);
      const stored = await app.verksted.store.readSnapshot(room.boardId, request.params.snapshotId);
      if (!stored) throw new SnapshotNotFoundError();
      const participant = requester === 'participant';
      if (participant && stored.meta.secret) {
        throw new DownloadForbiddenError('Only the facilitator can download a snapshot taken during a private phase');
      }
      const doc = docOf(stored.state);
      try {
        return exportBoard({
          boardId: room.boardId,
          doc,
          exportedAt,
          view: requester,
          // Anonymous then or now: either way its authors stay hidden from participants.
          hideAuthors: participant && (readSettings(doc).anonymous || readSettings(room.doc).anonymous),
          snapshot: stored.meta,
        });
      } finally {
        doc.destroy();
      }
    });
    return sendDownload(reply, format, snapshotFileName(file.board.title, file.snapshot!.createdAt, format), renderBoardFile(file, format, separator));
  }
}
