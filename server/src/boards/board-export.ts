/**
 * Moved: the `verksted.board` export lives in exports/board-export.ts (with the reports, the
 * import and the roll-up). This keeps the first signature for callers not yet moved over.
 */
import type * as Y from 'yjs';
import { exportBoard as exportBoardFile, type BoardExport } from '../exports/board-export.js';

export type { BoardExport, ExportedArea, ExportedNote } from '../exports/board-export.js';
export { EXPORT_FORMAT, EXPORT_VERSION } from '../exports/board-export.js';
export { exportFileName, slugify } from '../exports/file-names.js';

/**
 * The facilitator's export of a board's document (everything, authors included).
 * @deprecated Use `exportBoard({ boardId, doc, exportedAt, view: 'facilitator', hideAuthors: false })` from exports/board-export.ts.
 */
export function exportBoard(boardId: string, doc: Y.Doc, exportedAt: number): BoardExport {
  return exportBoardFile({ boardId, doc, exportedAt, view: 'facilitator', hideAuthors: false });
}
