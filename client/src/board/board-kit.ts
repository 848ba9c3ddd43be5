/**
 * The board's drag-and-drop layer (dnd-kit and everything built on it, `BoardKit.tsx`) is not
 * part of the app's first download: it is fetched as soon as a board is opened, in parallel with
 * the board's data, and the board gains dragging when it is there. Until then (a slow network)
 * the board is complete without it: notes are added, edited, voted on and moved with the
 * "Move to area…" menu.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import { log } from '../log';
import type * as Kit from './BoardKit';

/** What `BoardKit.tsx` exports: the DndContext, the drop zones and the draggable note. */
export type BoardKit = typeof Kit;

let loading: Promise<BoardKit> | null = null;
let loaded: BoardKit | null = null;
const listeners = new Set<() => void>();

/** Starts loading the kit (once); resolves when it is there. */
export function preloadBoardKit(): Promise<BoardKit> {
  if (!loading) {
    loading = import('./BoardKit').then(
      (kit) => {
        loaded = kit;
        for (const listener of [...listeners]) listener();
        return kit;
      },
      (error: unknown) => {
        // Try again next time a board asks; meanwhile the board works without dragging.
        loading = null;
        log.warn('board', 'drag and drop could not be loaded', { error: String(error) });
        throw error;
      },
    );
  }
  return loading;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function getKit(): BoardKit | null {
  return loaded;
}

/** The kit once loaded (null before); asks for it on first use. */
export function useLoadedBoardKit(): BoardKit | null {
  const kit = useSyncExternalStore(subscribe, getKit);
  if (!kit && !loading) void preloadBoardKit().catch(() => undefined);
  return kit;
}

/**
 * Tests: pretend the kit is not loaded yet (null; it then stays away until called again) or has
 * just arrived.
 */
export function setLoadedBoardKitForTests(kit: BoardKit | null): void {
  loaded = kit;
  loading = kit ? Promise.resolve(kit) : new Promise<BoardKit>(() => undefined);
  for (const listener of [...listeners]) listener();
}

/** The kit the board is rendered with (null: the board without dragging). Set by `BoardView`. */
export const BoardKitContext = createContext<BoardKit | null>(null);

export function useBoardKit(): BoardKit | null {
  return useContext(BoardKitContext);
}
