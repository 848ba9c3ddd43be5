import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { observeNote, readNote, type Note } from '@verksted/shared';

function isSameNote(a: Note | null, b: Note | null): boolean {
  if (a === null || b === null) return a === b;
  return (Object.keys(a) as (keyof Note)[]).every((key) => a[key] === b[key]);
}

/**
 * One note, re-read only when that note changes (text, kind, colour, area, position).
 * The snapshot is cached, so React sees the same object until the note itself changes.
 */
export function useNote(doc: Y.Doc, noteId: string): Note | null {
  const store = useMemo(() => {
    let cached: Note | null = readNote(doc, noteId);
    let stale = false;
    return {
      subscribe(listener: () => void) {
        // The note may have changed between the render that read it and this subscription.
        stale = true;
        return observeNote(doc, noteId, () => {
          stale = true;
          listener();
        });
      },
      getSnapshot() {
        if (stale) {
          const next = readNote(doc, noteId);
          if (!isSameNote(cached, next)) cached = next;
          stale = false;
        }
        return cached;
      },
    };
  }, [doc, noteId]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
