import { createContext } from 'react';
import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';

export interface DragHandleValue {
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  setActivatorNodeRef(element: HTMLElement | null): void;
}

/**
 * Passes the sortable's handle props from `SortableNote` to the handle button inside
 * `NoteCard`, so drag-state changes re-render only the handle, not the card.
 */
export const DragHandleContext = createContext<DragHandleValue | null>(null);
