import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { LayoutItem } from '@verksted/shared';
import { getNoteLayoutStore } from './note-layout-store';

/**
 * Note ids of one area in order. Re-renders only when this area's list changes: a note added,
 * removed or moved here. A text edit or a change in another area leaves it alone.
 */
export function useAreaNoteIds(doc: Y.Doc, areaId: string): readonly string[] {
  const store = getNoteLayoutStore(doc);
  const getSnapshot = useCallback(() => store.getAreaNoteIds(areaId), [store, areaId]);
  return useSyncExternalStore(store.subscribe, getSnapshot);
}

/** Top-level items of one area (loose notes and clusters), re-rendering only when they change. */
export function useAreaItems(doc: Y.Doc, areaId: string): readonly LayoutItem[] {
  const store = getNoteLayoutStore(doc);
  const getSnapshot = useCallback(() => store.getAreaItems(areaId), [store, areaId]);
  return useSyncExternalStore(store.subscribe, getSnapshot);
}
