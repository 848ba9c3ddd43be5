import { createContext, type KeyboardEvent } from 'react';

export interface DragHandleValue {
  noteId: string;
  /** Space or Enter on the handle picks the note up (see `note-drag-source.tsx`). */
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
}

/**
 * Tells the handle button inside `NoteCard` that its note can be dragged now (null: it cannot),
 * so the card itself does not re-render when that changes.
 */
export const DragHandleContext = createContext<DragHandleValue | null>(null);
