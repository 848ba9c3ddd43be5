import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { DragHandleContext } from './drag-handle-context';

/**
 * The keyboard handle for dragging a note: focus it, press Space, move with the arrow keys,
 * press Space again to drop (Escape cancels). Mouse and touch can drag the whole note.
 */
export function DragHandle() {
  const { t } = useTranslation();
  const handle = useContext(DragHandleContext);
  if (!handle) return null;
  return (
    <button
      type="button"
      ref={handle.setActivatorNodeRef}
      className="icon-button note__handle"
      {...handle.attributes}
      aria-label={t('note.drag')}
    >
      <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" width="20" height="20">
        <circle cx="7" cy="5" r="1.6" />
        <circle cx="13" cy="5" r="1.6" />
        <circle cx="7" cy="10" r="1.6" />
        <circle cx="13" cy="10" r="1.6" />
        <circle cx="7" cy="15" r="1.6" />
        <circle cx="13" cy="15" r="1.6" />
      </svg>
    </button>
  );
}
