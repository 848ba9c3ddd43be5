import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useAppStore } from '../store/app-store';
import { usePrefersReducedMotion } from '../ui/use-media-query';
import { useRenderProbe } from '../ui/render-probe';
import { DragHandleContext, type DragHandleValue } from './drag-handle-context';
import { NoteCard } from './NoteCard';
import type { NoteDragData } from './note-drag';

interface SortableNoteProps {
  noteId: string;
  /** The area the note is shown in. */
  areaId: string;
}

/**
 * The sortable list item around a note. It re-renders with drag state; the memoised `NoteCard`
 * inside does not, and re-renders only when its own note changes.
 */
export const SortableNote = memo(function SortableNote({ noteId, areaId }: SortableNoteProps) {
  useRenderProbe('SortableNote', noteId);
  const { t } = useTranslation();
  const isEditing = useAppStore((s) => s.editingNoteId === noteId);
  const reducedMotion = usePrefersReducedMotion();
  const data = useMemo<NoteDragData>(() => ({ type: 'note', areaId }), [areaId]);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging, isOver, active } =
    useSortable({
      id: noteId,
      data,
      disabled: isEditing,
      attributes: { roleDescription: t('dnd.roleDescription') },
      ...(reducedMotion ? { transition: null } : {}),
    });
  const handle = useMemo<DragHandleValue>(
    () => ({ attributes, listeners, setActivatorNodeRef }),
    [attributes, listeners, setActivatorNodeRef],
  );
  const activeAreaId = (active?.data.current as NoteDragData | undefined)?.areaId;
  const isDropBefore = isOver && active !== null && active.id !== noteId && activeAreaId !== areaId;
  const className = ['note-item', isDragging ? 'note-item--dragging' : '', isDropBefore ? 'note-item--drop-before' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <li
      ref={setNodeRef}
      className={className}
      style={{ transform: CSS.Translate.toString(transform), transition: transition ?? undefined }}
      {...listeners}
    >
      <DragHandleContext.Provider value={handle}>
        <NoteCard noteId={noteId} />
      </DragHandleContext.Provider>
    </li>
  );
});
