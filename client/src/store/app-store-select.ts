/**
 * App-store reads for components rendered once per note. `useAppStore(selector)` gives each of
 * them its own store subscription, so every store change (a drag moving to another area, the
 * save indicator, a panel opening) calls every note's selectors: on a board of 1,000 notes that is
 * some 9,000 calls per change, tens of milliseconds on a slow phone. Here one subscription per
 * value watches the store and tells only the components whose value changed: the notes a change
 * names (by note id), or everyone when a board-wide value (the participant, the role) changes.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { DropMark } from '../board/ui-slice';
import { selectIsFacilitator } from '../sync/connection-slice';
import { useAppStore, type AppState } from './app-store';

type Listener = () => void;

/** All listeners of a selection hear a change of a board-wide value. */
const EVERYONE = '';

interface Selection<S> {
  subscribe(key: string, listener: Listener): () => void;
  get(): S;
}

/**
 * One store subscription for `select(state)`; when its value changes, the listeners of the keys
 * `keysOf` gives for the old and the new value are told (and those of `EVERYONE`).
 */
function createSelection<S>(select: (state: AppState) => S, keysOf: (value: S) => Iterable<string> = () => []): Selection<S> {
  let value = select(useAppStore.getState());
  let unsubscribe: (() => void) | null = null;
  const listeners = new Map<string, Set<Listener>>();
  function notify(key: string): void {
    const set = listeners.get(key);
    if (set) for (const listener of [...set]) listener();
  }
  function onChange(state: AppState): void {
    const next = select(state);
    if (Object.is(next, value)) return;
    const previous = value;
    value = next;
    const keys = new Set([EVERYONE, ...keysOf(previous), ...keysOf(next)]);
    for (const key of keys) notify(key);
  }
  return {
    subscribe(key, listener) {
      if (!unsubscribe) {
        value = select(useAppStore.getState());
        unsubscribe = useAppStore.subscribe(onChange);
      }
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(key);
        if (listeners.size === 0 && unsubscribe) {
          unsubscribe();
          unsubscribe = null;
        }
      };
    },
    get() {
      // Without a subscription the cached value may be old.
      return unsubscribe ? value : select(useAppStore.getState());
    },
  };
}

function useSelection<S, R>(selection: Selection<S>, key: string, read: (value: S) => R): R {
  const subscribe = useCallback((listener: Listener) => selection.subscribe(key, listener), [selection, key]);
  return useSyncExternalStore(subscribe, () => read(selection.get()));
}

const identity = <T>(value: T): T => value;

const participantId = createSelection((s) => s.participantId);
const isFacilitator = createSelection(selectIsFacilitator);
const editingNoteId = createSelection(
  (s) => s.editingNoteId,
  (id) => (id === null ? [] : [id]),
);
const focusRequest = createSelection(
  (s) => s.focusRequest,
  (request) => (request?.kind === 'note' ? [request.noteId] : []),
);
const voteNotice = createSelection(
  (s) => s.voteNotice,
  (notice) => (notice ? [notice.noteId] : []),
);
const drag = createSelection(
  (s) => s.drag,
  (d) => (d ? (d.mark ? [d.activeNoteId, d.mark.noteId] : [d.activeNoteId]) : []),
);
const selectedNoteIds = createSelection(
  (s) => s.selectedNoteIds,
  (ids) => ids,
);

/** This participant's id (as `useAppStore((s) => s.participantId)`). */
export function useParticipantId(): string {
  return useSelection(participantId, EVERYONE, identity);
}

/** Whether this user is the facilitator (as `useAppStore(selectIsFacilitator)`). */
export function useIsFacilitator(): boolean {
  return useSelection(isFacilitator, EVERYONE, identity);
}

/** Whether `noteId` is being edited. */
export function useIsEditingNote(noteId: string): boolean {
  return useSelection(editingNoteId, noteId, (id) => id === noteId);
}

/** Whether focus was asked for on `noteId`. */
export function useNoteWantsFocus(noteId: string): boolean {
  return useSelection(focusRequest, noteId, (request) => request?.kind === 'note' && request.noteId === noteId);
}

/** The text of the vote notice shown at `noteId`, or null. */
export function useVoteNotice(noteId: string): string | null {
  return useSelection(voteNotice, noteId, (notice) => (notice?.noteId === noteId ? notice.text : null));
}

/** Whether `noteId` is selected for "Group selected". */
export function useIsNoteSelected(noteId: string): boolean {
  return useSelection(selectedNoteIds, noteId, (ids) => ids.includes(noteId));
}

/** How a note looks in the drag in progress: the one dragged, a drop mark at it, or neither (null). */
export type NoteDragLook = 'dragging' | DropMark['kind'] | null;

/** How `noteId` looks in the drag in progress; only the notes a drag change names re-render. */
export function useNoteDragLook(noteId: string): NoteDragLook {
  return useSelection(drag, noteId, (d) => {
    if (!d) return null;
    if (d.activeNoteId === noteId) return 'dragging';
    return d.mark?.noteId === noteId ? d.mark.kind : null;
  });
}
