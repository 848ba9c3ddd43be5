/**
 * The board's one dnd-kit draggable, lent to the note being picked up.
 *
 * Were every note a `useDraggable`, each would re-render whenever a drag starts, ends or moves
 * over another drop zone (dnd-kit's context changes): on a board of 1,000 notes that is seconds
 * on a slow phone. Instead notes carry plain event handlers (`NoteDragHandlers`, the same
 * functions for every note); a press on a note first lends that note's element and ids to this
 * draggable, then hands the event to dnd-kit's sensors as the draggable's own listeners would.
 * Part of the board kit (`board/BoardKit.tsx`), loaded after the app starts.
 */
import { createContext, useLayoutEffect, useMemo, type KeyboardEvent, type MutableRefObject, type PointerEvent, type TouchEvent } from 'react';
import { useDraggable, type DraggableSyntheticListeners } from '@dnd-kit/core';
import { NOTE_ELEMENT_ATTR } from './drag-dom';
import { NOTE_DRAGGABLE_ID, type NoteDragData } from './note-drag';

/** What the source offers the handlers: its sensors' listeners, and lending it to a note. */
export interface NoteDragSourceApi {
  listeners: DraggableSyntheticListeners;
  /** Makes `note` the draggable (with `handle` as the keyboard's activator); false during a drag. */
  lend(note: HTMLElement, handle: HTMLElement | null): boolean;
}

/** The handlers every draggable note (and its handle) gets; the same functions for all notes. */
export interface NoteDragHandlers {
  /** On a note's list item: mouse and pen. */
  onPointerDown(event: PointerEvent<HTMLElement>): void;
  /** On a note's list item: touch (a long press). */
  onTouchStart(event: TouchEvent<HTMLElement>): void;
  /** On a note's drag handle: Space or Enter picks the note up. */
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
}

export const NoteDragHandlersContext = createContext<NoteDragHandlers | null>(null);

/** Handlers that lend the source to the note pressed, then call the sensors' listener. */
export function createNoteDragHandlers(source: () => NoteDragSourceApi | null): NoteDragHandlers {
  /**
   * A pointer is pressed on a note: its drag may start once it moves (or after a long press).
   * Until it is let go, a key on another note's handle must not lend the draggable to that note.
   */
  let pressing = false;
  function release(): void {
    pressing = false;
    window.removeEventListener('pointerup', release, true);
    window.removeEventListener('pointercancel', release, true);
  }
  function start(note: Element | null, handle: HTMLElement | null): DraggableSyntheticListeners | null {
    const api = source();
    if (!api || !(note instanceof HTMLElement) || !api.lend(note, handle)) return null;
    return api.listeners ?? null;
  }
  return {
    onPointerDown(event) {
      if (!event.isPrimary) return;
      const listeners = start(event.currentTarget, null);
      if (!listeners) return;
      pressing = true;
      window.addEventListener('pointerup', release, true);
      window.addEventListener('pointercancel', release, true);
      listeners.onPointerDown?.(event);
    },
    onTouchStart(event) {
      if (event.touches.length !== 1) return;
      start(event.currentTarget, null)?.onTouchStart?.(event);
    },
    onKeyDown(event) {
      if (pressing) return;
      start(event.currentTarget.closest(`[${NOTE_ELEMENT_ATTR}]`), event.currentTarget)?.onKeyDown?.(event);
    },
  };
}

interface NoteDragSourceProps {
  /** Filled with the source's API while it is mounted. */
  apiRef: MutableRefObject<NoteDragSourceApi | null>;
  /** Whether a drag is under way (then the source is not lent to another note). */
  isBusy(): boolean;
  roleDescription: string;
}

/** Renders nothing: holds the draggable inside the board's DndContext. */
export function NoteDragSource({ apiRef, isBusy, roleDescription }: NoteDragSourceProps) {
  // One object, filled in when the source is lent: dnd-kit reads it as `active.data.current`.
  const data = useMemo<NoteDragData>(() => ({ type: 'note', noteId: '', areaId: '', clusterId: null }), []);
  const { listeners, setNodeRef, setActivatorNodeRef, active } = useDraggable({
    id: NOTE_DRAGGABLE_ID,
    data,
    attributes: { roleDescription },
  });
  const dragging = active !== null;
  useLayoutEffect(() => {
    apiRef.current = {
      listeners,
      lend(note, handle) {
        const noteId = note.getAttribute(NOTE_ELEMENT_ATTR);
        const areaId = note.dataset.areaId;
        if (dragging || isBusy() || !noteId || !areaId) return false;
        data.noteId = noteId;
        data.areaId = areaId;
        data.clusterId = note.dataset.clusterId || null;
        setNodeRef(note);
        setActivatorNodeRef(handle);
        return true;
      },
    };
    return () => {
      apiRef.current = null;
    };
  }, [apiRef, isBusy, listeners, dragging, data, setNodeRef, setActivatorNodeRef]);
  return null;
}
