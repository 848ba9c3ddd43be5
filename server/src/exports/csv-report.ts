/**
 * The CSV report of a board: one row per note, in the order of the Markdown report (areas in board
 * order, items ranked by votes, a cluster's notes together). UTF-8 with a byte order mark so that
 * Excel reads æøå; CRLF line ends; every text cell neutralised against formula injection.
 */
import Papa from 'papaparse';
import { CSV_SEPARATORS, type CsvSeparator } from '@verksted/shared';
import type { BoardExport } from './board-export.js';
import { groupName, labelsFor } from './report-labels.js';
import { rankExport } from './ranking.js';
import { neutraliseCell } from './text-safety.js';

/** The UTF-8 byte order mark, first in every CSV download. */
export const CSV_BOM = '\uFEFF';

/** A CSV document (BOM, header row, rows) with every string cell neutralised. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[], separator: CsvSeparator = 'comma'): string {
  const data = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutraliseCell(cell) : cell)));
  const csv = Papa.unparse({ fields: header.map(neutraliseCell), data }, { newline: '\r\n', delimiter: CSV_SEPARATORS[separator] });
  return `${CSV_BOM}${csv}\r\n`;
}

/**
 * The board as CSV. Columns: area, group (cluster), kind, text, author, stakeholder group, votes,
 * created (ISO 8601), named in the board's language. The author column is left out when the file
 * has no authors (an anonymous board downloaded by a participant).
 */
export function renderCsv(file: BoardExport, separator: CsvSeparator = 'comma'): string {
  const labels = labelsFor(file.board.language);
  const withAuthors = file.areas.some((area) => area.notes.some((note) => note.authorName !== ''));
  const votesOf = new Map(file.areas.flatMap((area) => area.notes.map((n) => [n.id, n.votes] as const)));
  const header = [labels.area, labels.cluster, labels.kind, labels.text, ...(withAuthors ? [labels.author] : []), labels.group, labels.votes, labels.created];
  const rows: (string | number)[][] = [];
  rankExport(file).forEach((ranked, i) => {
    const area = file.areas[i]!;
    for (const item of ranked.items) {
      const notes = item.type === 'note' ? [item.note] : item.notes;
      const cluster = item.type === 'cluster' ? item.title : '';
      for (const note of notes) {
        rows.push([
          area.title,
          cluster,
          labels.kinds[note.kind],
          note.text,
          ...(withAuthors ? [note.authorName] : []),
          note.group === null ? '' : groupName(labels, note.group),
          votesOf.get(note.id) ?? 0,
          new Date(note.createdAt).toISOString(),
        ]);
      }
    }
  });
  return toCsv(header, rows, separator);
}
