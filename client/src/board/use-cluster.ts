import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { observeCluster, readCluster, type Cluster } from '@verksted/shared';

function isSame(a: Cluster | null, b: Cluster | null): boolean {
  if (a === null || b === null) return a === b;
  return a.title === b.title && a.areaId === b.areaId && a.position === b.position;
}

/** One group's own fields (title, area, position), re-read only when they change. */
export function useCluster(doc: Y.Doc, clusterId: string): Cluster | null {
  const store = useMemo(() => {
    let cached = readCluster(doc, clusterId);
    let stale = false;
    return {
      subscribe(listener: () => void) {
        stale = true;
        return observeCluster(doc, clusterId, () => {
          stale = true;
          listener();
        });
      },
      getSnapshot() {
        if (stale) {
          const next = readCluster(doc, clusterId);
          if (!isSame(cached, next)) cached = next;
          stale = false;
        }
        return cached;
      },
    };
  }, [doc, clusterId]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
