/**
 * Schemas of the snapshot, download, import and roll-up routes. Params are checked by Fastify's
 * JSON schema; bodies with zod (as the facilitator routes do: Fastify's Ajv would silently drop
 * unknown properties and coerce types, and a typo must be a 400).
 */
import { z } from 'zod';
import { BOARD_ID_PATTERN, CSV_SEPARATOR_NAMES } from '@verksted/shared';
import { MAX_SNAPSHOT_LABEL_CHARS, SNAPSHOT_ID_PATTERN } from '../persistence/snapshot-meta.js';
import { DOWNLOAD_FORMATS } from '../exports/download.js';

export { boardIdParams } from './board-routes.schema.js';

/** Most boards in one roll-up. */
export const MAX_ROLLUP_BOARDS = 20;

export const snapshotParams = {
  type: 'object',
  required: ['id', 'snapshotId'],
  properties: {
    id: { type: 'string', pattern: BOARD_ID_PATTERN.source },
    snapshotId: { type: 'string', pattern: SNAPSHOT_ID_PATTERN.source },
  },
} as const;

/** `POST /api/boards/:id/snapshots`: an optional label (no body at all is fine too). */
export const createSnapshotBody = z.strictObject({ label: z.string().trim().max(MAX_SNAPSHOT_LABEL_CHARS).optional() });

/** `POST /api/boards/:id/snapshots/:snapshotId/restore`. */
export const restoreBody = z.strictObject({ mode: z.enum(['copy', 'rollback']) });

/**
 * The query of the download routes: `?sep=semicolon` for a CSV that Excel opens in columns where
 * the decimal mark is a comma. Other query parameters are ignored, as on any download link.
 */
export const downloadQuery = z.object({ sep: z.enum(CSV_SEPARATOR_NAMES).optional() });

/** `POST /api/rollup`. */
export const rollupBody = z
  .strictObject({
    boards: z
      .array(z.strictObject({ id: z.string().regex(BOARD_ID_PATTERN, 'must be a board id'), facilitatorKey: z.string().min(1).max(200) }))
      .min(1)
      .max(MAX_ROLLUP_BOARDS),
    format: z.enum(DOWNLOAD_FORMATS).optional(),
    /** The CSV's cell separator (see CSV_SEPARATORS). */
    sep: z.enum(CSV_SEPARATOR_NAMES).optional(),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.boards.forEach((board, i) => {
      if (seen.has(board.id)) ctx.addIssue({ code: 'custom', path: ['boards', i, 'id'], message: 'the same board is listed twice' });
      seen.add(board.id);
    });
  });

const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;

/** Error bodies of these routes, for serialisation. */
export const snapshotErrorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  413: errorBody,
  429: errorBody,
  503: errorBody,
} as const;

const snapshotMeta = {
  type: 'object',
  required: ['id', 'createdAt', 'label', 'reason', 'phase', 'noteCount', 'secret'],
  properties: {
    id: { type: 'string' },
    createdAt: { type: 'number' },
    label: { type: 'string' },
    reason: { type: 'string' },
    phase: { type: 'string' },
    noteCount: { type: 'integer' },
    secret: { type: 'boolean' },
  },
} as const;

export const snapshotListResponse = {
  type: 'object',
  required: ['snapshots'],
  properties: { snapshots: { type: 'array', items: snapshotMeta } },
} as const;

export const snapshotResponse = snapshotMeta;

export const rollbackResponse = {
  type: 'object',
  required: ['mode', 'restored', 'safety'],
  properties: { mode: { type: 'string' }, restored: snapshotMeta, safety: snapshotMeta },
} as const;
