/**
 * Which notes are in which area, in order, shared by all area columns of one doc: as a flat
 * list of note ids (clusters expanded in place) and as the area's items (loose notes and
 * clusters with their note ids), which is what the columns render.
 *
 * One observer per doc recomputes the layout once per layout change (note added, removed or
 * moved; area added or removed), then hands each area the SAME array as before when its ids
 * did not change. So `useSyncExternalStore` in an unchanged column sees an identical snapshot
 * and that column does not re-render. Text edits do not touch the layout at all.
 */
import type * as Y from 'yjs';
import { observeAreas, observeNoteLayout, readAreaLayout, type LayoutItem } from '@verksted/shared';

const EMPTY: readonly string[] = Object.freeze([]);
const NO_ITEMS: readonly LayoutItem[] = Object.freeze([]);

export interface NoteLayoutStore {
  subscribe(listener: () => void): () => void;
  /** Note ids of one area, in order; the same array instance while they do not change. */
  getAreaNoteIds(areaId: string): readonly string[];
  /** Top-level items of one area (loose notes and clusters); the same array while they do not change. */
  getAreaItems(areaId: string): readonly LayoutItem[];
  /** The cluster a note is in, as laid out, or null. */
  getClusterOf(noteId: string): string | null;
}

/** Whether two layout items are the same note, or the same cluster with the same notes in order. */
export function isSameItem(a: LayoutItem, b: LayoutItem): boolean {
  if (a.type !== b.type || a.id !== b.id) return false;
  return a.type === 'note' || (b.type === 'cluster' && isSameIds(a.noteIds, b.noteIds));
}

/** `next` with unchanged items (and the whole list, if nothing changed) taken from `previous`. */
function shareItems(previous: readonly LayoutItem[] | undefined, next: LayoutItem[]): readonly LayoutItem[] {
  if (!previous) return next;
  const byId = new Map(previous.map((item) => [item.id, item]));
  const shared = next.map((item) => {
    const old = byId.get(item.id);
    return old && isSameItem(old, item) ? old : item;
  });
  return shared.length === previous.length && shared.every((item, i) => item === previous[i]) ? previous : shared;
}

function isSameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function createNoteLayoutStore(doc: Y.Doc): NoteLayoutStore {
  let layout = new Map<string, readonly string[]>();
  let items = new Map<string, readonly LayoutItem[]>();
  let clusterOf = new Map<string, string>();
  let stale = true;
  const listeners = new Set<() => void>();
  let stopObserving: (() => void) | null = null;

  function recompute(): void {
    const next = new Map<string, readonly string[]>();
    const nextItems = new Map<string, readonly LayoutItem[]>();
    const nextClusterOf = new Map<string, string>();
    // The live layout: a change costs the areas' lists, not reading and sorting every note.
    for (const [areaId, areaItems] of readAreaLayout(doc, { live: true })) {
      const ids: string[] = [];
      for (const item of areaItems) {
        if (item.type === 'note') ids.push(item.id);
        else
          for (const id of item.noteIds) {
            ids.push(id);
            nextClusterOf.set(id, item.id);
          }
      }
      const previous = layout.get(areaId);
      next.set(areaId, previous && isSameIds(previous, ids) ? previous : ids);
      nextItems.set(areaId, shareItems(items.get(areaId), areaItems));
    }
    layout = next;
    items = nextItems;
    clusterOf = nextClusterOf;
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
    getAreaItems(areaId) {
      if (stale || !stopObserving) recompute();
      return items.get(areaId) ?? NO_ITEMS;
    },
    getClusterOf(noteId) {
      if (stale || !stopObserving) recompute();
      return clusterOf.get(noteId) ?? null;
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
