import { memo, useContext, useMemo } from 'react';
import { useBoardDoc } from '../board/board-context';
import { allows, usePermissions } from '../board/use-permission';
import { useIsEditingNote, useIsFacilitator, useNoteDragLook, useParticipantId } from '../store/app-store-select';
import { useRenderProbe } from '../ui/render-probe';
import { DragHandleContext, type DragHandleValue } from './drag-handle-context';
import { NOTE_ELEMENT_ATTR } from './drag-dom';
import { NoteCard } from './NoteCard';
import { NoteDragHandlersContext } from './note-drag-source';
import { useNoteAuthorId } from './use-note-author';

interface DraggableNoteProps {
  noteId: string;
  /** The area the note is shown in. */
  areaId: string;
  /** The group the note is shown in, or null. */
  clusterId?: string | null;
}

const LOOK_CLASS = {
  dragging: 'note-item--dragging',
  before: 'note-item--drop-before',
  after: 'note-item--drop-after',
  group: 'note-item--group-target',
} as const;

/**
 * A note's list item once the board can drag: pressing it (or its handle) picks the note up
 * through the board's one draggable (`note-drag-source.tsx`). It re-renders when its own look
 * in a drag changes (picked up, a drop line at it), not when another note is dragged; the
 * memoised `NoteCard` inside re-renders only when its own note changes. Dragging is offered
 * only when this user may move the note now (the facilitator; anyone in the cluster phase; the
 * author while notes may be moved).
 */
export const DraggableNote = memo(function DraggableNote({ noteId, areaId, clusterId = null }: DraggableNoteProps) {
  useRenderProbe('DraggableNote', noteId);
  const doc = useBoardDoc();
  const handlers = useContext(NoteDragHandlersContext);
  // Per-value store selections (app-store-select.ts): a store change does not run a selector per note.
  const isEditing = useIsEditingNote(noteId);
  const isOwn = useParticipantId() === useNoteAuthorId(doc, noteId);
  const isFacilitator = useIsFacilitator();
  const may = usePermissions(doc);
  const look = useNoteDragLook(noteId);
  const canMove = handlers !== null && !isEditing && (isFacilitator || allows(may, 'cluster') || (isOwn && allows(may, 'move-own-note')));
  const handle = useMemo<DragHandleValue | null>(
    () => (canMove && handlers ? { noteId, onKeyDown: handlers.onKeyDown } : null),
    [canMove, handlers, noteId],
  );

  return (
    <div
      role="listitem"
      className={look ? `note-item ${LOOK_CLASS[look]}` : 'note-item'}
      data-area-id={areaId}
      data-cluster-id={clusterId ?? undefined}
      {...{ [NOTE_ELEMENT_ATTR]: noteId }}
      onPointerDown={canMove ? handlers?.onPointerDown : undefined}
      onTouchStart={canMove ? handlers?.onTouchStart : undefined}
    >
      <DragHandleContext.Provider value={handle}>
        <NoteCard noteId={noteId} />
      </DragHandleContext.Provider>
    </div>
  );
});
