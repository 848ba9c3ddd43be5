import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS, type NoteKind } from '@verksted/shared';
import { useBoardDoc } from '../board/board-context';
import { useSettingsValue } from '../board/settings-store';
import { allows, usePermissions } from '../board/use-permission';
import { groupLabel } from '../identity/group-label';
import { useAppStore } from '../store/app-store';
import { useIsEditingNote, useIsFacilitator, useNoteWantsFocus, useParticipantId } from '../store/app-store-select';
import { useRenderProbe } from '../ui/render-probe';
import { DragHandle } from './DragHandle';
import { MoveNoteMenu } from './MoveNoteMenu';
import { NoteForm } from './NoteForm';
import { NoteVotes } from './NoteVotes';
import { SelectToggle } from './SelectToggle';
import { editNote, removeNote } from './note-actions';
import { useNote } from './use-note';
import { focusAfterRemoval } from './note-focus';
import { readableNoteColour } from './note-colour';

/** Id of the one hidden "Press Enter to edit" hint every editable note text points to. */
export const NOTE_EDIT_HINT_ID = 'note-edit-hint';

/**
 * One sticky note. Props are the id only; it reads its note through `useNote`, so a change to
 * this note re-renders this card and nothing else.
 */
export const NoteCard = memo(function NoteCard({ noteId }: { noteId: string }) {
  useRenderProbe('NoteCard', noteId);
  const { t } = useTranslation();
  const doc = useBoardDoc();
  const note = useNote(doc, noteId);
  const participantId = useParticipantId();
  const isFacilitator = useIsFacilitator();
  const isEditing = useIsEditingNote(noteId);
  const may = usePermissions(doc);
  const mayCluster = allows(may, 'cluster');
  const hideAuthors = useSettingsValue(doc, (s) => s.anonymous) && !isFacilitator;
  const showVotes = useSettingsValue(doc, (s) => s.phase === 'vote' || s.phase === 'results');
  const wantsFocus = useNoteWantsFocus(noteId);
  const articleRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!wantsFocus || !articleRef.current) return;
    articleRef.current.focus();
    useAppStore.getState().clearFocusRequest();
  }, [wantsFocus]);

  if (!note) return null;
  const isOwn = note.authorId === participantId;
  const canChange = isFacilitator || (isOwn && allows(may, 'edit-own-note'));
  const canMove = isFacilitator || mayCluster || (isOwn && allows(may, 'move-own-note'));
  const authorName = note.authorName || t('note.unknownAuthor');
  // Anonymous mode: participants see no names, only which notes are their own.
  const author = hideAuthors
    ? isOwn
      ? t('note.yours')
      : null
    : note.group
      ? t('note.authorWithGroup', { name: authorName, group: groupLabel(note.group, t) })
      : t('note.author', { name: authorName });
  const domId = `note-${noteId}`;

  function handleStartEditing(): void {
    useAppStore.getState().startEditing(noteId);
  }

  function handleSave(text: string, kind: NoteKind): void {
    const store = useAppStore.getState();
    if (text.trim() && note && (text !== note.text || kind !== note.kind)) editNote(doc, noteId, { text, kind });
    store.stopEditing();
    store.requestFocus({ kind: 'note', noteId });
  }

  function handleCancel(): void {
    const store = useAppStore.getState();
    store.stopEditing();
    store.requestFocus({ kind: 'note', noteId });
  }

  function handleDelete(): void {
    const store = useAppStore.getState();
    focusAfterRemoval(doc, noteId);
    removeNote(doc, noteId);
    store.announce(t('announce.noteDeleted'));
  }

  return (
    <article
      ref={articleRef}
      className="note"
      data-testid={TEST_IDS.note}
      data-note-id={noteId}
      data-kind={note.kind}
      tabIndex={-1}
      aria-labelledby={author ? `${domId}-kind ${domId}-text ${domId}-author` : `${domId}-kind ${domId}-text`}
      style={{ backgroundColor: readableNoteColour(note.colour, note.kind) }}
    >
      <div className="note__top">
        <span className="note__kind" id={`${domId}-kind`}>
          {t(`kinds.${note.kind}`)}
        </span>
        {!isEditing && (
          <div className="note__actions">
            {mayCluster && <SelectToggle noteId={noteId} text={note.text} />}
            {canMove && <MoveNoteMenu noteId={noteId} />}
            {canChange && (
              <button type="button" className="icon-button icon-button--delete" aria-label={t('note.delete')} onClick={handleDelete} />
            )}
            <DragHandle />
          </div>
        )}
      </div>
      {isEditing ? (
        <NoteForm
          initialText={note.text}
          initialKind={note.kind}
          label={t('note.editing')}
          submitLabel={t('note.saveEdit')}
          testId={TEST_IDS.noteEditInput}
          onSubmit={handleSave}
          onCancel={handleCancel}
          submitOnBlur
        />
      ) : canChange ? (
        <div
          id={`${domId}-text`}
          className="note__text note__text--editable"
          data-testid={TEST_IDS.noteText}
          role="button"
          tabIndex={0}
          aria-describedby={NOTE_EDIT_HINT_ID}
          onClick={handleStartEditing}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              handleStartEditing();
            }
          }}
        >
          {note.text}
        </div>
      ) : (
        <p id={`${domId}-text`} className="note__text" data-testid={TEST_IDS.noteText}>
          {note.text}
        </p>
      )}
      {author && (
        <p className="note__author" id={`${domId}-author`}>
          {author}
        </p>
      )}
      {showVotes && <NoteVotes noteId={noteId} text={note.text} />}
    </article>
  );
});
