/**
 * Note writes made by this user, each one transaction with `LOCAL_ORIGIN`, so the save
 * indicator, undo and remote peers see one change per action.
 */
import type * as Y from 'yjs';
import {
  addNote,
  addVote,
  deleteNote,
  groupNotes,
  moveCluster,
  moveNote,
  readAreaLayout,
  readCluster,
  readNote,
  removeVote,
  renameCluster,
  ungroupCluster,
  updateNote,
  type Note,
  type NoteKind,
} from '@verksted/shared';
import { getNoteLayoutStore } from '../board/note-layout-store';

/** Transaction origin of every edit made in this tab's UI. */
export const LOCAL_ORIGIN = Object.freeze({ source: 'verksted-ui' });

export interface Author {
  participantId: string;
  name: string;
  /** A default stakeholder group id or the board's own label; null for none. */
  group: string | null;
}

export function addNoteAsAuthor(doc: Y.Doc, areaId: string, text: string, kind: NoteKind, author: Author): string {
  return addNote(
    doc,
    { areaId, text, kind, authorId: author.participantId, authorName: author.name, group: author.group },
    LOCAL_ORIGIN,
  );
}

export function editNote(doc: Y.Doc, noteId: string, patch: { text?: string; kind?: NoteKind }): void {
  updateNote(doc, noteId, patch, LOCAL_ORIGIN);
}

/**
 * Moves a note to position `index` of the target area as shown (the area's notes without this
 * one, clusters expanded; 0 = first). `moveNote` counts top-level items (loose notes and
 * clusters), so the shown position becomes "before the item holding the note now at `index`".
 */
export function moveNoteTo(
  doc: Y.Doc,
  noteId: string,
  areaId: string,
  index: number,
  options: { dissolveEmptyGroups?: boolean } = {},
): void {
  const layout = getNoteLayoutStore(doc);
  const shown = layout.getAreaNoteIds(areaId).filter((id) => id !== noteId);
  const before = shown[index] ?? null;
  // The layout store's copy of the area's items (the same as `readAreaLayout`, without reading the board again).
  const items = layout.getAreaItems(areaId).filter((item) => !(item.type === 'note' && item.id === noteId));
  const itemIndex =
    before === null
      ? items.length
      : items.findIndex((item) => (item.type === 'note' ? item.id === before : item.noteIds.includes(before)));
  withClusterCleanup(
    doc,
    [noteId],
    () => moveNote(doc, noteId, { areaId, index: itemIndex < 0 ? items.length : itemIndex }, LOCAL_ORIGIN),
    options.dissolveEmptyGroups ?? false,
  );
}

/** The clusters that hold any of `noteIds` now. */
function clustersOf(doc: Y.Doc, noteIds: readonly string[]): Set<string> {
  const clusters = new Set<string>();
  for (const id of noteIds) {
    const clusterId = readNote(doc, id)?.clusterId;
    if (clusterId && readCluster(doc, clusterId)) clusters.add(clusterId);
  }
  return clusters;
}

function isEmptyCluster(doc: Y.Doc, clusterId: string): boolean {
  for (const items of readAreaLayout(doc).values()) {
    const cluster = items.find((item) => item.type === 'cluster' && item.id === clusterId);
    if (cluster) return cluster.type === 'cluster' && cluster.noteIds.length === 0;
  }
  return false;
}

/**
 * Runs `change` (which moves `noteIds`) and, with `dissolve`, removes any group it left empty,
 * all in one transaction: one change for undo, the server and the other devices. Only those who
 * may change groups (the cluster phase, or the facilitator) dissolve them; for anyone else the
 * server would refuse the whole change, so an empty group stays (and is not shown).
 */
function withClusterCleanup<T>(doc: Y.Doc, noteIds: readonly string[], change: () => T, dissolve: boolean): T {
  let result!: T;
  doc.transact(() => {
    const before = dissolve ? clustersOf(doc, noteIds) : new Set<string>();
    result = change();
    for (const clusterId of before) if (isEmptyCluster(doc, clusterId)) ungroupCluster(doc, clusterId, LOCAL_ORIGIN);
  }, LOCAL_ORIGIN);
  return result;
}

/** Puts a note into a group at `index` among the group's other notes. */
export function moveNoteIntoCluster(doc: Y.Doc, noteId: string, clusterId: string, index: number): void {
  const cluster = readCluster(doc, clusterId);
  if (!cluster) return;
  withClusterCleanup(doc, [noteId], () => moveNote(doc, noteId, { areaId: cluster.areaId, index, clusterId }, LOCAL_ORIGIN), true);
}

/** Groups notes (the first one's place is the group's); returns the new group's id. */
export function groupNotesTogether(doc: Y.Doc, noteIds: readonly string[]): string {
  return withClusterCleanup(doc, noteIds, () => groupNotes(doc, noteIds, {}, LOCAL_ORIGIN), true);
}

export function renameGroup(doc: Y.Doc, clusterId: string, title: string): void {
  renameCluster(doc, clusterId, title, LOCAL_ORIGIN);
}

export function ungroup(doc: Y.Doc, clusterId: string): void {
  ungroupCluster(doc, clusterId, LOCAL_ORIGIN);
}

/** Moves a whole group to the end of another area. */
export function moveGroupToArea(doc: Y.Doc, clusterId: string, areaId: string): void {
  const count = readAreaLayout(doc).get(areaId)?.length ?? 0;
  moveCluster(doc, clusterId, { areaId, index: count }, LOCAL_ORIGIN);
}

/** Gives a dot; false when all `budget` dots are used (nothing changes then). */
export function giveDot(doc: Y.Doc, participantId: string, noteId: string, budget: number): boolean {
  return addVote(doc, participantId, noteId, budget, LOCAL_ORIGIN);
}

export function takeBackDot(doc: Y.Doc, participantId: string, noteId: string): boolean {
  return removeVote(doc, participantId, noteId, LOCAL_ORIGIN);
}

export function removeNote(doc: Y.Doc, noteId: string): void {
  deleteNote(doc, noteId, LOCAL_ORIGIN);
}

/** Authors edit and delete their own notes; the facilitator may edit and delete any. */
export function canChangeNote(note: Pick<Note, 'authorId'>, participantId: string, isFacilitator: boolean): boolean {
  return isFacilitator || note.authorId === participantId;
}

/** Where a note is shown: its area (as laid out, which places orphans in the first area) and index. */
export function locateNote(doc: Y.Doc, noteId: string, areaIds: readonly string[]): { areaId: string; index: number } | null {
  const layout = getNoteLayoutStore(doc);
  for (const areaId of areaIds) {
    const index = layout.getAreaNoteIds(areaId).indexOf(noteId);
    if (index >= 0) return { areaId, index };
  }
  return null;
}
