import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { observeMeta, readMeta, type BoardMeta } from '@verksted/shared';

/** The board's meta (title, template, language); re-reads only when meta changes. */
export function useBoardMeta(doc: Y.Doc): BoardMeta {
  const store = useMemo(() => {
    let cached = readMeta(doc);
    let stale = false;
    return {
      subscribe(listener: () => void) {
        stale = true;
        return observeMeta(doc, () => {
          stale = true;
          listener();
        });
      },
      getSnapshot() {
        if (stale) {
          const next = readMeta(doc);
          if (JSON.stringify(next) !== JSON.stringify(cached)) cached = next;
          stale = false;
        }
        return cached;
      },
    };
  }, [doc]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
