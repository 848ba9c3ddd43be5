/**
 * The roll-up: several workshops (typically one per stakeholder group, from the same template)
 * combined into one overview per area for the strategy document. Areas are matched by title,
 * trimmed and case-insensitive; an area only one of several workshops has is listed separately.
 * Within an area every note is listed with its workshop and stakeholder group, ranked by votes
 * (ties keep workshop order, then board order).
 */
import type { Language, NoteKind, TemplateId } from '@verksted/shared';
import type { BoardExport } from './board-export.js';

export const ROLLUP_FORMAT = 'verksted.rollup';
export const ROLLUP_VERSION = 1;

/** The workshop a note comes from. */
export interface RollupSource {
  boardId: string;
  boardTitle: string;
}

export interface RollupNote {
  id: string;
  text: string;
  kind: NoteKind;
  /** The author's stakeholder group, or null. */
  group: string | null;
  /** '' when the workshop hides its authors from this download. */
  authorName: string;
  votes: number;
  /** Title of the cluster the note is in on its board, or null. */
  cluster: string | null;
  /** Ms since epoch. */
  createdAt: number;
  source: RollupSource;
}

export interface RollupArea {
  /** As the first workshop that has it spells it. */
  title: string;
  /** Ids of the workshops that have the area, in request order. */
  boardIds: string[];
  /** Ranked by votes, most first. */
  notes: RollupNote[];
}

/** The roll-up file (`format: "verksted.rollup"`, version 1). */
export interface Rollup {
  format: typeof ROLLUP_FORMAT;
  version: typeof ROLLUP_VERSION;
  exportedAt: string;
  /** The first workshop's language; the reports use it. */
  language: Language;
  boards: { id: string; title: string; template: TemplateId; noteCount: number; votes: number }[];
  /** Areas found in more than one workshop (or all of them, when there is one). */
  areas: RollupArea[];
  /** Areas found in one workshop only. */
  unmatchedAreas: RollupArea[];
}

/** The key areas are matched by. */
export function areaKey(title: string): string {
  return title.trim().toLowerCase();
}

/**
 * Combines the exports of several boards (in the order given).
 * @example
 *   const rollup = buildRollup([exportA, exportB], Date.now());
 */
export function buildRollup(files: readonly BoardExport[], exportedAt: number): Rollup {
  const byKey = new Map<string, { area: RollupArea; order: number[] }>();
  files.forEach((file, boardIndex) => {
    const source = { boardId: file.board.id, boardTitle: file.board.title };
    for (const area of file.areas) {
      const key = areaKey(area.title);
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { area: { title: area.title.trim(), boardIds: [], notes: [] }, order: [] }));
      if (!entry.area.boardIds.includes(source.boardId)) entry.area.boardIds.push(source.boardId);
      const clusterTitle = new Map(area.clusters.flatMap((c) => c.noteIds.map((id) => [id, c.title] as const)));
      area.notes.forEach((note, noteIndex) => {
        entry.area.notes.push({
          id: note.id,
          text: note.text,
          kind: note.kind,
          group: note.group,
          authorName: note.authorName,
          votes: note.votes,
          cluster: clusterTitle.get(note.id) ?? null,
          createdAt: note.createdAt,
          source,
        });
        entry.order.push(boardIndex * 1_000_000 + noteIndex);
      });
    }
  });
  const areas: RollupArea[] = [];
  const unmatchedAreas: RollupArea[] = [];
  for (const { area, order } of byKey.values()) {
    const ranked = area.notes.map((note, i) => ({ note, at: order[i]! })).sort((a, b) => b.note.votes - a.note.votes || a.at - b.at);
    area.notes = ranked.map((r) => r.note);
    (files.length > 1 && area.boardIds.length < 2 ? unmatchedAreas : areas).push(area);
  }
  return {
    format: ROLLUP_FORMAT,
    version: ROLLUP_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    language: files[0]?.board.language ?? 'nb',
    boards: files.map((file) => ({
      id: file.board.id,
      title: file.board.title,
      template: file.board.template,
      noteCount: file.areas.reduce((sum, area) => sum + area.notes.length, 0),
      votes: file.areas.reduce((sum, area) => sum + area.notes.reduce((s, n) => s + n.votes, 0), 0),
    })),
    areas,
    unmatchedAreas,
  };
}
