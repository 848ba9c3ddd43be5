/**
 * The Markdown report of a board: per area, its notes and clusters ranked by votes, with kinds,
 * stakeholder groups and (where votes exist) votes per group; then notes per stakeholder group.
 * Written to be pasted into a strategy document. Every piece of participant text goes through
 * `escapeMarkdown`, so it renders as the literal text that was typed.
 */
import type { RankedItem } from '@verksted/shared';
import type { BoardExport, ExportedNote } from './board-export.js';
import { groupName, labelsFor, type ReportLabels } from './report-labels.js';
import { notesByGroup, rankExport, sumGroupCounts, votesByGroup, type GroupCounts } from './ranking.js';
import { escapeMarkdown as md } from './text-safety.js';

/** `2025-11-03` (UTC). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `2025-11-03 12:00 UTC`. */
export function isoMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "Ansatte 2, Politikere 1", biggest first. */
export function formatGroupCounts(labels: ReportLabels, counts: GroupCounts): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([group, n]) => `${md(groupName(labels, group))} ${n}`)
    .join(', ');
}

/** "(Idé; Ansatte; Kari)": kind, the author's group and name when known. */
export function noteDetails(labels: ReportLabels, note: Pick<ExportedNote, 'kind' | 'group' | 'authorName'>, extra: string[] = []): string {
  const parts = [labels.kinds[note.kind], ...extra];
  if (note.group !== null) parts.push(md(groupName(labels, note.group)));
  if (note.authorName) parts.push(md(note.authorName));
  return `(${parts.join('; ')})`;
}

/** The whole report. */
export function renderMarkdown(file: BoardExport): string {
  const labels = labelsFor(file.board.language);
  const context: ItemContext = {
    labels,
    showVotes: file.dots.length > 0,
    byNote: votesByGroup(file),
    noteVotes: new Map(file.areas.flatMap((area) => area.notes.map((n) => [n.id, n.votes] as const))),
  };
  const ranked = rankExport(file);
  const noteCount = file.areas.reduce((sum, area) => sum + area.notes.length, 0);
  const totalVotes = file.areas.reduce((sum, area) => sum + area.notes.reduce((s, n) => s + n.votes, 0), 0);
  const out: string[] = [`# ${md(file.board.title)}`, ''];
  const facts = [
    `${labels.exported} ${isoDate(Date.parse(file.exportedAt))}`,
    `${labels.phase}: ${labels.phases[file.settings.phase]}`,
    `${labels.notes}: ${noteCount}`,
  ];
  if (context.showVotes) facts.push(`${labels.votes}: ${totalVotes} (${file.settings.voteBudget} ${labels.votesPerParticipant})`);
  out.push(facts.join(' · '));
  if (file.snapshot) {
    const label = file.snapshot.label ? `${md(file.snapshot.label)}, ` : '';
    out.push('', `${labels.snapshot}: ${label}${isoMinute(file.snapshot.createdAt)}`);
  }
  if (file.settings.anonymous && file.view === 'participant') out.push('', `*${labels.anonymous}*`);

  file.areas.forEach((area, i) => {
    out.push('', `## ${md(area.title)}`, '');
    if (area.description.trim()) out.push(md(area.description), '');
    const items = ranked[i]?.items ?? [];
    if (items.length === 0) out.push(`*${labels.noNotes}*`);
    items.forEach((item, rank) => out.push(...renderItem(context, item, rank + 1)));
    const groups = notesByGroup(area);
    if (groups.size > 0) {
      out.push('', `**${labels.byGroup}**`, '', `| ${labels.group} | ${labels.notes} |`, '| --- | ---: |');
      for (const [group, n] of [...groups].sort((a, b) => b[1] - a[1])) out.push(`| ${md(groupName(labels, group))} | ${n} |`);
    }
  });
  return `${out.join('\n')}\n`;
}

interface ItemContext {
  labels: ReportLabels;
  /** False for a board nobody voted on: no vote counts at all then. */
  showVotes: boolean;
  byNote: Map<string, GroupCounts>;
  noteVotes: Map<string, number>;
}

function renderItem(context: ItemContext, item: RankedItem, rank: number): string[] {
  const { labels, showVotes, byNote, noteVotes } = context;
  const votesText = (votes: number): string => (showVotes ? ` — ${labels.voteCount(votes)}` : '');
  const lines: string[] = [];
  const breakdown = (counts: GroupCounts | undefined, indent: string): void => {
    if (showVotes && counts && counts.size > 0) lines.push(`${indent}*${labels.votesByGroup}: ${formatGroupCounts(labels, counts)}*`);
  };
  switch (item.type) {
    case 'note':
      lines.push(`${rank}. ${md(item.note.text)} ${noteDetails(labels, item.note)}${votesText(item.votes)}`);
      breakdown(byNote.get(item.id), '   ');
      break;
    case 'cluster': {
      const title = item.title.trim() ? md(item.title) : '…';
      lines.push(`${rank}. **${labels.cluster}: ${title}**${votesText(item.votes)}`);
      breakdown(sumGroupCounts(item.notes.map((n) => byNote.get(n.id))), '   ');
      for (const note of item.notes) {
        lines.push(`   - ${md(note.text)} ${noteDetails(labels, note)}${votesText(noteVotes.get(note.id) ?? 0)}`);
      }
      break;
    }
  }
  return lines;
}
