import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';
import { useIsNoteSelected } from '../store/app-store-select';
import { shorten } from './shorten';

/**
 * "Select" on a note in the cluster phase: the keyboard and touch way to group notes (select
 * some, then "Group selected" in the phase bar). A toggle button (aria-pressed).
 */
export const SelectToggle = memo(function SelectToggle({ noteId, text }: { noteId: string; text: string }) {
  const { t } = useTranslation();
  const selected = useIsNoteSelected(noteId);
  return (
    <button
      type="button"
      className={selected ? 'select-toggle select-toggle--on' : 'select-toggle'}
      aria-pressed={selected}
      aria-label={t('cluster.selectNote', { text: shorten(text) })}
      onClick={() => useAppStore.getState().toggleSelected(noteId)}
    >
      <span aria-hidden="true" className="select-toggle__box">
        {selected ? '✓' : ''}
      </span>
      {t('cluster.select')}
    </button>
  );
});
