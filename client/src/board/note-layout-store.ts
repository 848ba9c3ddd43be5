/**
 * Which notes are in which area, in order, shared by all area columns of one doc.
 *
 * One observer per doc recomputes the layout once per layout change (note added, removed or
 * moved; area added or removed), then hands each area the SAME array as before when its ids
 * did not change. So `useSyncExternalStore` in an unchanged column sees an identical snapshot
 * and that column does not re-render. Text edits do not touch the layout at all.
 */
import type * as Y from 'yjs';
import { observeAreas, observeNoteLayout, readNoteIdsByArea } from '@verksted/shared';

const EMPTY: readonly string[] = Object.freeze([]);

export interface NoteLayoutStore {
  subscribe(listener: () => void): () => void;
  /** Note ids of one area, in order; the same array instance while they do not change. */
  getAreaNoteIds(areaId: string): readonly string[];
}

function isSameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function createNoteLayoutStore(doc: Y.Doc): NoteLayoutStore {
  let layout = new Map<string, readonly string[]>();
  let stale = true;
  const listeners = new Set<() => void>();
  let stopObserving: (() => void) | null = null;

  function recompute(): void {
    const next = new Map<string, readonly string[]>();
    for (const [areaId, ids] of readNoteIdsByArea(doc)) {
      const previous = layout.get(areaId);
      next.set(areaId, previous && isSameIds(previous, ids) ? previous : ids);
    }
    layout = next;
    stale = false;
  }

  function handleChange(): void {
    recompute();
    for (const listener of [...listeners]) listener();
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!stopObserving) {
        const stopLayout = observeNoteLayout(doc, handleChange);
        const stopAreas = observeAreas(doc, handleChange);
        stopObserving = () => {
          stopLayout();
          stopAreas();
        };
        // Changes between the first read and this subscription would otherwise be missed.
        stale = true;
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stopObserving) {
          stopObserving();
          stopObserving = null;
        }
      };
    },
    getAreaNoteIds(areaId) {
      // Without observers the cache cannot know about changes, so it is recomputed on read.
      if (stale || !stopObserving) recompute();
      return layout.get(areaId) ?? EMPTY;
    },
  };
}

const stores = new WeakMap<Y.Doc, NoteLayoutStore>();

export function getNoteLayoutStore(doc: Y.Doc): NoteLayoutStore {
  let store = stores.get(doc);
  if (!store) {
    store = createNoteLayoutStore(doc);
    stores.set(doc, store);
  }
  return store;
}
