import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { observeNote, readNote } from '@verksted/shared';

/**
 * The author id of one note only: a text edit of the note does not re-render the caller (the
 * draggable wrapper, which must stay put when the card re-renders).
 */
export function useNoteAuthorId(doc: Y.Doc, noteId: string): string | null {
  const store = useMemo(
    () => ({
      subscribe: (listener: () => void) => observeNote(doc, noteId, listener),
      getSnapshot: () => readNote(doc, noteId)?.authorId ?? null,
    }),
    [doc, noteId],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
