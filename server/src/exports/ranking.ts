/**
 * Ranking and stakeholder-group counts over an export file, shared by the Markdown and CSV reports
 * and the roll-up. Ranking is the shared `rankBoard`, fed with the file's per-note votes.
 */
import { SCHEMA_VERSION, rankBoard, type BoardView, type Note, type RankedArea } from '@verksted/shared';
import type { BoardExport, ExportedArea, ExportedNote } from './board-export.js';

/** The shared Note shape of an exported note (position is implied by the file's order). */
export function toNote(note: ExportedNote, areaId: string): Note {
  return {
    id: note.id,
    text: note.text,
    areaId,
    kind: note.kind,
    colour: note.colour,
    authorId: note.authorId,
    authorName: note.authorName,
    group: note.group,
    createdAt: note.createdAt,
    position: '',
    clusterId: note.clusterId,
  };
}

/**
 * Each area's notes and clusters ranked by votes, most first (a cluster counts its notes' votes
 * together); ties keep board order.
 */
export function rankExport(file: BoardExport): RankedArea[] {
  const view: BoardView = {
    schemaVersion: SCHEMA_VERSION,
    title: file.board.title,
    template: file.board.template,
    language: file.board.language,
    createdAt: file.board.createdAt,
    noteCount: file.areas.reduce((sum, area) => sum + area.notes.length, 0),
    areas: file.areas.map((area) => ({
      id: area.id,
      title: area.title,
      description: area.description,
      position: '',
      notes: area.notes.map((note) => toNote(note, area.id)),
      clusters: area.clusters.map((c) => ({ id: c.id, title: c.title, noteIds: c.noteIds })),
    })),
  };
  const tallies = new Map(file.areas.flatMap((area) => area.notes.map((note) => [note.id, note.votes] as const)));
  return rankBoard(view, tallies);
}

/** Counts per stakeholder group; `null` stands for notes or voters without a group. */
export type GroupCounts = Map<string | null, number>;

function increment(counts: GroupCounts, group: string | null, by = 1): void {
  counts.set(group, (counts.get(group) ?? 0) + by);
}

/** Notes per author group in one area. */
export function notesByGroup(area: ExportedArea): GroupCounts {
  const counts: GroupCounts = new Map();
  for (const note of area.notes) increment(counts, note.group);
  return counts;
}

/**
 * Votes per voter group for every note that has votes, each voter's dots counted up to the budget
 * (earliest first), as the per-note `votes` are.
 */
export function votesByGroup(file: BoardExport): Map<string, GroupCounts> {
  const ballots = new Map<string, { group: string | null; noteIds: string[] }>();
  for (const dot of file.dots) {
    const ballot = ballots.get(dot.participantId);
    if (ballot) ballot.noteIds.push(dot.noteId);
    else ballots.set(dot.participantId, { group: dot.group, noteIds: [dot.noteId] });
  }
  const byNote = new Map<string, GroupCounts>();
  for (const ballot of ballots.values()) {
    for (const noteId of ballot.noteIds.slice(0, Math.max(0, file.settings.voteBudget))) {
      let counts = byNote.get(noteId);
      if (!counts) byNote.set(noteId, (counts = new Map()));
      increment(counts, ballot.group);
    }
  }
  return byNote;
}

/** The sum of several notes' group counts (a cluster's). */
export function sumGroupCounts(all: readonly (GroupCounts | undefined)[]): GroupCounts {
  const sum: GroupCounts = new Map();
  for (const counts of all) for (const [group, n] of counts ?? []) increment(sum, group, n);
  return sum;
}
