import { useTranslation } from 'react-i18next';
import { useBoardDoc } from '../board/board-context';
import { useNote } from './use-note';

/** The note as it follows the pointer during a drag (no controls, hidden from screen readers). */
export function NotePreview({ noteId }: { noteId: string }) {
  const { t } = useTranslation();
  const note = useNote(useBoardDoc(), noteId);
  if (!note) return null;
  return (
    <div className="note note--preview" aria-hidden="true" style={{ backgroundColor: note.colour }}>
      <div className="note__top">
        <span className="note__kind">{t(`kinds.${note.kind}`)}</span>
      </div>
      <p className="note__text">{note.text}</p>
      <p className="note__author">{note.authorName}</p>
    </div>
  );
}
