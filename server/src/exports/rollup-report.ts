/**
 * Markdown and CSV of a roll-up. Same rules as the board reports: participant text is escaped
 * (Markdown) or neutralised (CSV), CSV has a BOM.
 */
import type { Rollup, RollupArea } from './rollup.js';
import { groupName, labelsFor, type ReportLabels } from './report-labels.js';
import { isoDate, noteDetails } from './markdown-report.js';
import type { CsvSeparator } from '@verksted/shared';
import { toCsv } from './csv-report.js';
import { escapeMarkdown as md } from './text-safety.js';

/** The roll-up as a Markdown report: workshops, then each area's notes ranked across all of them. */
export function renderRollupMarkdown(rollup: Rollup): string {
  const labels = labelsFor(rollup.language);
  const out: string[] = [`# ${labels.workshops}: ${rollup.boards.map((b) => md(b.title)).join(', ')}`, ''];
  out.push(`${labels.exported} ${isoDate(Date.parse(rollup.exportedAt))}`, '', `| ${labels.workshop} | ${labels.notes} | ${labels.votes} |`, '| --- | ---: | ---: |');
  for (const board of rollup.boards) out.push(`| ${md(board.title)} | ${board.noteCount} | ${board.votes} |`);
  for (const area of rollup.areas) out.push(...renderArea(labels, area, '##'));
  if (rollup.unmatchedAreas.length > 0) {
    out.push('', `## ${labels.unmatchedAreas}`);
    for (const area of rollup.unmatchedAreas) out.push(...renderArea(labels, area, '###'));
  }
  return `${out.join('\n')}\n`;
}

function renderArea(labels: ReportLabels, area: RollupArea, heading: string): string[] {
  const lines = ['', `${heading} ${md(area.title)}`, ''];
  if (area.notes.length === 0) lines.push(`*${labels.noNotes}*`);
  area.notes.forEach((note, i) => {
    const extra = [`${labels.workshop}: ${md(note.source.boardTitle)}`];
    if (note.cluster !== null && note.cluster.trim()) extra.push(`${labels.cluster}: ${md(note.cluster)}`);
    lines.push(`${i + 1}. ${md(note.text)} ${noteDetails(labels, note, extra)} — ${labels.voteCount(note.votes)}`);
  });
  return lines;
}

/** The roll-up as CSV: one row per note, areas in order (unmatched ones last), ranked within each. */
export function renderRollupCsv(rollup: Rollup, separator: CsvSeparator = 'comma'): string {
  const labels = labelsFor(rollup.language);
  const header = [labels.area, labels.workshop, labels.cluster, labels.kind, labels.text, labels.author, labels.group, labels.votes, labels.created];
  const rows: (string | number)[][] = [];
  for (const area of [...rollup.areas, ...rollup.unmatchedAreas]) {
    for (const note of area.notes) {
      rows.push([
        area.title,
        note.source.boardTitle,
        note.cluster ?? '',
        labels.kinds[note.kind],
        note.text,
        note.authorName,
        note.group === null ? '' : groupName(labels, note.group),
        note.votes,
        new Date(note.createdAt).toISOString(),
      ]);
    }
  }
  return toCsv(header, rows, separator);
}
