/**
 * Note writes made by this user, each one transaction with `LOCAL_ORIGIN`, so the save
 * indicator, undo and remote peers see one change per action.
 */
import type * as Y from 'yjs';
import {
  addNote,
  deleteNote,
  moveNote,
  readAreaLayout,
  updateNote,
  type Note,
  type NoteKind,
  type StakeholderGroup,
} from '@verksted/shared';
import { getNoteLayoutStore } from '../board/note-layout-store';

/** Transaction origin of every edit made in this tab's UI. */
export const LOCAL_ORIGIN = Object.freeze({ source: 'verksted-ui' });

export interface Author {
  participantId: string;
  name: string;
  group: StakeholderGroup | null;
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
export function moveNoteTo(doc: Y.Doc, noteId: string, areaId: string, index: number): void {
  const shown = getNoteLayoutStore(doc).getAreaNoteIds(areaId).filter((id) => id !== noteId);
  const before = shown[index] ?? null;
  const items = (readAreaLayout(doc).get(areaId) ?? []).filter((item) => !(item.type === 'note' && item.id === noteId));
  const itemIndex =
    before === null
      ? items.length
      : items.findIndex((item) => (item.type === 'note' ? item.id === before : item.noteIds.includes(before)));
  moveNote(doc, noteId, { areaId, index: itemIndex < 0 ? items.length : itemIndex }, LOCAL_ORIGIN);
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
