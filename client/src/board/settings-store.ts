/**
 * The board's facilitation settings (phase, lock, timer…), read from the doc's settings root,
 * which only the server writes. One observer per doc; the snapshot keeps the previous objects
 * of parts that did not change (timer, group list, counts), so a selector that picks one part
 * returns the same value and its component does not re-render. This matters because the
 * server rewrites `brainstormCounts` on every note during the brainstorm: the note cards, which
 * select the phase only, stay put.
 */
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { observeSettings, readSettings, type BoardSettings, type TimerState } from '@verksted/shared';

export interface SettingsStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): BoardSettings;
}

function sameTimer(a: TimerState, b: TimerState): boolean {
  return a.status === b.status && a.durationMs === b.durationMs && a.endsAt === b.endsAt && a.remainingMs === b.remainingMs;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** `next`, with every part equal to `previous`'s replaced by that same object; `previous` if all equal. */
export function shareSettings(previous: BoardSettings, next: BoardSettings): BoardSettings {
  const shared: BoardSettings = {
    ...next,
    timer: sameTimer(previous.timer, next.timer) ? previous.timer : next.timer,
    stakeholderGroups: sameList(previous.stakeholderGroups, next.stakeholderGroups)
      ? previous.stakeholderGroups
      : next.stakeholderGroups,
    brainstormCounts: sameCounts(previous.brainstormCounts, next.brainstormCounts)
      ? previous.brainstormCounts
      : next.brainstormCounts,
  };
  const keys = Object.keys(shared) as (keyof BoardSettings)[];
  return keys.every((key) => shared[key] === previous[key]) ? previous : shared;
}

function createSettingsStore(doc: Y.Doc): SettingsStore {
  let snapshot = readSettings(doc);
  const listeners = new Set<() => void>();
  let stop: (() => void) | null = null;

  function refresh(): void {
    snapshot = shareSettings(snapshot, readSettings(doc));
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!stop) {
        stop = observeSettings(doc, () => {
          refresh();
          for (const l of [...listeners]) l();
        });
        // Changes between the first read and this subscription would otherwise be missed.
        refresh();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stop) {
          stop();
          stop = null;
        }
      };
    },
    getSnapshot() {
      // Without an observer the snapshot cannot know about changes, so it is re-read.
      if (!stop) refresh();
      return snapshot;
    },
  };
}

const stores = new WeakMap<Y.Doc, SettingsStore>();

export function getSettingsStore(doc: Y.Doc): SettingsStore {
  let store = stores.get(doc);
  if (!store) {
    store = createSettingsStore(doc);
    stores.set(doc, store);
  }
  return store;
}

/** All settings; re-renders on any settings change (use `useSettingsValue` in many-instance components). */
export function useSettings(doc: Y.Doc): BoardSettings {
  const store = getSettingsStore(doc);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * One value derived from the settings; re-renders only when it changes (compared with
 * `Object.is`, so return primitives or parts of the snapshot, never new objects).
 * @example const phase = useSettingsValue(doc, (s) => s.phase);
 */
export function useSettingsValue<T>(doc: Y.Doc, select: (settings: BoardSettings) => T): T {
  const store = getSettingsStore(doc);
  // A new selector each render is fine: useSyncExternalStore re-reads, it does not resubscribe.
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}
