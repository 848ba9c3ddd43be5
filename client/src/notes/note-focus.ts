import type * as Y from 'yjs';
import { readNote } from '@verksted/shared';
import { getNoteLayoutStore } from '../board/note-layout-store';
import { useAppStore } from '../store/app-store';

/**
 * Before a note leaves an area (deleted, or moved out of sight), asks for focus on a sensible
 * neighbour: the next note, else the previous one, else the area's "Add note" button.
 */
export function focusAfterRemoval(doc: Y.Doc, noteId: string, areaId?: string): void {
  const store = useAppStore.getState();
  const area = areaId ?? readNote(doc, noteId)?.areaId;
  if (!area) return;
  const ids = getNoteLayoutStore(doc).getAreaNoteIds(area);
  const index = ids.indexOf(noteId);
  const neighbour = index < 0 ? undefined : (ids[index + 1] ?? ids[index - 1]);
  store.requestFocus(neighbour ? { kind: 'note', noteId: neighbour } : { kind: 'add-button', areaId: area });
}
