/**
 * The board's dots, read from the doc's votes array. One observer per doc; ballots, one
 * participant's dots per note, and the tallies are computed once per change and shared by every
 * note card, each of which selects a number (its own dots, its total) and so re-renders only
 * when that number changes.
 */
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { observeVotes, readBallots, tallyVotes } from '@verksted/shared';

const EMPTY_COUNTS: ReadonlyMap<string, number> = new Map();

export interface VotesStore {
  subscribe(listener: () => void): () => void;
  /** Changes whenever the votes change. */
  getVersion(): number;
  /** How many dots `participantId` has given in all (counting every stored dot). */
  dotsUsed(participantId: string): number;
  /** `participantId`'s dots per note. */
  dotsOf(participantId: string): ReadonlyMap<string, number>;
  /** Dots per note over all ballots, each ballot counted up to `budget` (`readTallies`). */
  tallies(budget: number): ReadonlyMap<string, number>;
}

function createVotesStore(doc: Y.Doc): VotesStore {
  let version = 0;
  let ballots: Map<string, string[]> | null = null;
  const dotsCache = new Map<string, ReadonlyMap<string, number>>();
  const talliesCache = new Map<number, ReadonlyMap<string, number>>();
  const listeners = new Set<() => void>();

  // Observed for the doc's whole life (it ends with the board connection), so cached results
  // are always current, also before the first component subscribes.
  observeVotes(doc, () => {
    version += 1;
    ballots = null;
    dotsCache.clear();
    talliesCache.clear();
    for (const listener of [...listeners]) listener();
  });

  function getBallots(): Map<string, string[]> {
    ballots ??= readBallots(doc);
    return ballots;
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getVersion: () => version,
    dotsUsed(participantId) {
      return getBallots().get(participantId)?.length ?? 0;
    },
    dotsOf(participantId) {
      const ballot = getBallots().get(participantId);
      if (!ballot) return EMPTY_COUNTS;
      let counts = dotsCache.get(participantId);
      if (!counts) {
        const next = new Map<string, number>();
        for (const noteId of ballot) next.set(noteId, (next.get(noteId) ?? 0) + 1);
        counts = next;
        dotsCache.set(participantId, counts);
      }
      return counts;
    },
    tallies(budget) {
      let counts = talliesCache.get(budget);
      if (!counts) {
        counts = tallyVotes(getBallots().values(), budget);
        talliesCache.set(budget, counts);
      }
      return counts;
    },
  };
}

const stores = new WeakMap<Y.Doc, VotesStore>();

export function getVotesStore(doc: Y.Doc): VotesStore {
  let store = stores.get(doc);
  if (!store) {
    store = createVotesStore(doc);
    stores.set(doc, store);
  }
  return store;
}

/** A number derived from the votes; re-renders only when it changes. */
export function useVotesValue<T>(doc: Y.Doc, select: (store: VotesStore) => T): T {
  const store = getVotesStore(doc);
  return useSyncExternalStore(store.subscribe, () => select(store));
}

/** How many dots this participant has on one note. */
export function useMyDots(doc: Y.Doc, participantId: string, noteId: string): number {
  return useVotesValue(doc, (store) => store.dotsOf(participantId).get(noteId) ?? 0);
}

/** The total dots on one note (`budget` per participant counted). */
export function useNoteTally(doc: Y.Doc, noteId: string, budget: number): number {
  return useVotesValue(doc, (store) => store.tallies(budget).get(noteId) ?? 0);
}

/** All tallies; a new map only when the votes change. */
export function useTallies(doc: Y.Doc, budget: number): ReadonlyMap<string, number> {
  return useVotesValue(doc, (store) => store.tallies(budget));
}
