import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS, type NoteKind } from '@verksted/shared';
import { useBoardDoc } from '../board/board-context';
import { useAuthor } from '../identity/use-author';
import { log } from '../log';
import { useAppStore } from '../store/app-store';
import { NoteForm } from './NoteForm';
import { addNoteAsAuthor } from './note-actions';

interface NoteComposerProps {
  areaId: string;
  areaTitle: string;
}

/**
 * "Add note" for one area: the button, and in its place the inline form once pressed.
 * Two taps: "Add note", type, Enter (or "Add").
 */
export function NoteComposer({ areaId, areaTitle }: NoteComposerProps) {
  const { t } = useTranslation();
  const isOpen = useAppStore((s) => s.composerAreaId === areaId);
  const wantsFocus = useAppStore((s) => s.focusRequest?.kind === 'add-button' && s.focusRequest.areaId === areaId);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!wantsFocus || !buttonRef.current) return;
    buttonRef.current.focus();
    useAppStore.getState().clearFocusRequest();
  }, [wantsFocus, isOpen]);

  if (isOpen) return <OpenComposer areaId={areaId} areaTitle={areaTitle} />;
  return (
    <button
      ref={buttonRef}
      type="button"
      className="button add-note"
      data-testid={TEST_IDS.addNoteButton}
      onClick={() => useAppStore.getState().openComposer(areaId)}
    >
      <span aria-hidden="true" className="add-note__plus">
        +
      </span>
      {t('note.add')}
    </button>
  );
}

function OpenComposer({ areaId, areaTitle }: NoteComposerProps) {
  const { t } = useTranslation();
  const doc = useBoardDoc();
  const author = useAuthor();

  function handleSubmit(text: string, kind: NoteKind): void {
    if (!text.trim()) return;
    const store = useAppStore.getState();
    try {
      const noteId = addNoteAsAuthor(doc, areaId, text, kind, author);
      store.closeComposer();
      store.requestFocus({ kind: 'note', noteId });
      store.announce(t('announce.noteAdded', { area: areaTitle }));
    } catch (error) {
      // Only a schema rule can refuse (the area was removed meanwhile); keep the text open.
      log.warn('board', 'note could not be added', { areaId, error: String(error) });
    }
  }

  function handleCancel(): void {
    const store = useAppStore.getState();
    store.closeComposer();
    store.requestFocus({ kind: 'add-button', areaId });
  }

  return (
    <div className="composer">
      <NoteForm
        initialText=""
        initialKind="idea"
        label={t('note.newNoteLabel', { area: areaTitle })}
        submitLabel={t('note.saveNew')}
        testId={TEST_IDS.noteInput}
        onSubmit={handleSubmit}
        onCancel={handleCancel}
      />
    </div>
  );
}
