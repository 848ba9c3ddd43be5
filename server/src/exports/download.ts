/**
 * Sending a board, snapshot or roll-up as a file download: format, content type, body, file name.
 */
import type { FastifyReply } from 'fastify';
import type { BoardExport } from './board-export.js';
import type { Rollup } from './rollup.js';
import { renderMarkdown } from './markdown-report.js';
import type { CsvSeparator } from '@verksted/shared';
import { renderCsv } from './csv-report.js';
import { renderRollupCsv, renderRollupMarkdown } from './rollup-report.js';

/** The download formats, as file extensions. */
export const DOWNLOAD_FORMATS = ['json', 'md', 'csv'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export const CONTENT_TYPES: Readonly<Record<DownloadFormat, string>> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** A board export (or a snapshot's) in a download format (`csvSeparator`: CSV only). */
export function renderBoardFile(file: BoardExport, format: DownloadFormat, csvSeparator: CsvSeparator = 'comma'): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(file, null, 2)}\n`;
    case 'md':
      return renderMarkdown(file);
    case 'csv':
      return renderCsv(file, csvSeparator);
  }
}

/** A roll-up in a download format (`csvSeparator`: CSV only). */
export function renderRollupFile(rollup: Rollup, format: DownloadFormat, csvSeparator: CsvSeparator = 'comma'): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(rollup, null, 2)}\n`;
    case 'md':
      return renderRollupMarkdown(rollup);
    case 'csv':
      return renderRollupCsv(rollup, csvSeparator);
  }
}

/** Sends `body` as an attachment named `fileName` (already safe: see file-names.ts). Never cached. */
export function sendDownload(reply: FastifyReply, format: DownloadFormat, fileName: string, body: string): FastifyReply {
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(body);
}
