import { useTranslation } from 'react-i18next';
import { useBoardDoc } from '../board/board-context';
import { useSettingsValue } from '../board/settings-store';
import { selectIsFacilitator } from '../sync/connection-slice';
import { useAppStore } from '../store/app-store';
import { useNote } from './use-note';
import { readableNoteColour } from './note-colour';

/** The note as it follows the pointer during a drag (no controls, hidden from screen readers). */
export function NotePreview({ noteId }: { noteId: string }) {
  const { t } = useTranslation();
  const doc = useBoardDoc();
  const note = useNote(doc, noteId);
  const anonymous = useSettingsValue(doc, (s) => s.anonymous);
  const isFacilitator = useAppStore(selectIsFacilitator);
  const hideAuthor = anonymous && !isFacilitator;
  if (!note) return null;
  return (
    <div className="note note--preview" aria-hidden="true" style={{ backgroundColor: readableNoteColour(note.colour, note.kind) }}>
      <div className="note__top">
        <span className="note__kind">{t(`kinds.${note.kind}`)}</span>
      </div>
      <p className="note__text">{note.text}</p>
      {!hideAuthor && <p className="note__author">{note.authorName}</p>}
    </div>
  );
}
