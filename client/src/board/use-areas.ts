import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { observeAreas, readAreas, type Area } from '@verksted/shared';

function isSameAreas(a: readonly Area[], b: readonly Area[]): boolean {
  return (
    a.length === b.length &&
    a.every((area, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        area.id === other.id &&
        area.title === other.title &&
        area.description === other.description &&
        area.position === other.position
      );
    })
  );
}

/** The board's areas in order; the same array while nothing about the areas changes. */
export function useAreas(doc: Y.Doc): readonly Area[] {
  const store = useMemo(() => {
    let cached: readonly Area[] = readAreas(doc);
    let stale = false;
    return {
      subscribe(listener: () => void) {
        stale = true;
        return observeAreas(doc, () => {
          stale = true;
          listener();
        });
      },
      getSnapshot() {
        if (stale) {
          const next = readAreas(doc);
          if (!isSameAreas(cached, next)) cached = next;
          stale = false;
        }
        return cached;
      },
    };
  }, [doc]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
