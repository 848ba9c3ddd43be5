import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useBoardDoc } from '../board/board-context';
import { useSettingsValue } from '../board/settings-store';
import { allows, usePermissions } from '../board/use-permission';
import { useIsEditingNote, useIsFacilitator, useParticipantId } from '../store/app-store-select';
import { usePrefersReducedMotion } from '../ui/use-media-query';
import { useRenderProbe } from '../ui/render-probe';
import { DragHandleContext, type DragHandleValue } from './drag-handle-context';
import { NoteCard } from './NoteCard';
import type { NoteDragData } from './note-drag';
import { useNoteAuthorId } from './use-note-author';

interface SortableNoteProps {
  noteId: string;
  /** The area the note is shown in. */
  areaId: string;
  /** The group the note is shown in, or null. */
  clusterId?: string | null;
}

/**
 * The sortable list item around a note. It re-renders with drag state; the memoised `NoteCard`
 * inside does not, and re-renders only when its own note changes. Dragging is offered only
 * when this user may move the note now (the facilitator; anyone in the cluster phase; the
 * author while notes may be moved).
 */
export const SortableNote = memo(function SortableNote({ noteId, areaId, clusterId = null }: SortableNoteProps) {
  useRenderProbe('SortableNote', noteId);
  const { t } = useTranslation();
  const doc = useBoardDoc();
  // Per-value store selections (app-store-select.ts): a store change does not run a selector per note.
  const isEditing = useIsEditingNote(noteId);
  const isOwn = useParticipantId() === useNoteAuthorId(doc, noteId);
  const isFacilitator = useIsFacilitator();
  const may = usePermissions(doc);
  const groupMode = useSettingsValue(doc, (s) => s.phase === 'cluster');
  const canMove = isFacilitator || allows(may, 'cluster') || (isOwn && allows(may, 'move-own-note'));
  const reducedMotion = usePrefersReducedMotion();
  const data = useMemo<NoteDragData>(() => ({ type: 'note', areaId, clusterId }), [areaId, clusterId]);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging, isOver, active } =
    useSortable({
      id: noteId,
      data,
      disabled: isEditing || !canMove,
      attributes: { roleDescription: t('dnd.roleDescription') },
      ...(reducedMotion ? { transition: null } : {}),
    });
  const handle = useMemo<DragHandleValue | null>(
    () => (canMove ? { attributes, listeners, setActivatorNodeRef } : null),
    [canMove, attributes, listeners, setActivatorNodeRef],
  );
  const activeData = active?.data.current as NoteDragData | undefined;
  const isOtherOver = isOver && active !== null && active.id !== noteId;
  const isDropBefore = !groupMode && isOtherOver && activeData?.areaId !== areaId;
  const isGroupTarget = groupMode && isOtherOver;
  const className = [
    'note-item',
    isDragging ? 'note-item--dragging' : '',
    isDropBefore ? 'note-item--drop-before' : '',
    isGroupTarget ? 'note-item--group-target' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <li
      ref={setNodeRef}
      className={className}
      style={{ transform: CSS.Translate.toString(transform), transition: transition ?? undefined }}
      {...(canMove ? listeners : {})}
    >
      <DragHandleContext.Provider value={handle}>
        <NoteCard noteId={noteId} />
      </DragHandleContext.Provider>
    </li>
  );
});
