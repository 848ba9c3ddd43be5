import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { readBoard, type BoardView } from '@verksted/shared';

/**
 * The whole board as a plain object, re-read after every change to the doc. For views that show
 * everything at once and are not edited in place (results, projector ranking); the editable
 * board uses the narrow per-note hooks instead.
 */
export function useBoardSnapshot(doc: Y.Doc): BoardView {
  const store = useMemo(() => {
    let version = 0;
    return {
      subscribe(listener: () => void) {
        const handle = (): void => {
          version += 1;
          listener();
        };
        // Changes between the render that read the board and this subscription count too.
        version += 1;
        doc.on('update', handle);
        return () => doc.off('update', handle);
      },
      getVersion: () => version,
    };
  }, [doc]);
  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  // `version` stands for the doc's content: a new board object after each change.
  return useMemo(() => readBoard(doc), [doc, version]);
}
