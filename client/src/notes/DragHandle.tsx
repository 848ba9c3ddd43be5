import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useNoteDragLook } from '../store/app-store-select';
import { DragHandleContext, type DragHandleValue } from './drag-handle-context';
import { DRAG_HANDLE_ATTR, DRAG_INSTRUCTIONS_ID } from './drag-dom';

/**
 * The keyboard handle for dragging a note: focus it, press Space, move with the arrow keys,
 * press Space again to drop (Escape cancels). Mouse and touch can drag the whole note.
 */
export function DragHandle() {
  const handle = useContext(DragHandleContext);
  return handle ? <HandleButton handle={handle} /> : null;
}

function HandleButton({ handle }: { handle: DragHandleValue }) {
  const { t } = useTranslation();
  const isDragging = useNoteDragLook(handle.noteId) === 'dragging';
  return (
    <button
      type="button"
      className="icon-button icon-button--drag note__handle"
      aria-label={t('note.drag')}
      aria-roledescription={t('dnd.roleDescription')}
      aria-describedby={DRAG_INSTRUCTIONS_ID}
      // Pressed while its note is being dragged (as dnd-kit marks a draggable button); no toggle otherwise.
      aria-pressed={isDragging || undefined}
      onKeyDown={handle.onKeyDown}
      {...{ [DRAG_HANDLE_ATTR]: '' }}
    />
  );
}
