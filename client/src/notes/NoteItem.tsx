import { memo } from 'react';
import { useBoardKit } from '../board/board-kit';
import { NoteCard } from './NoteCard';

interface NoteItemProps {
  noteId: string;
  /** The area the note is shown in. */
  areaId: string;
  /** The group the note is shown in, or null. */
  clusterId?: string | null;
}

/**
 * One note in an area's or a group's list: the draggable item once the board's
 * drag-and-drop layer is loaded, a plain list item until then.
 */
export const NoteItem = memo(function NoteItem({ noteId, areaId, clusterId = null }: NoteItemProps) {
  const kit = useBoardKit();
  if (kit) return <kit.DraggableNote noteId={noteId} areaId={areaId} clusterId={clusterId} />;
  return (
    <div role="listitem" className="note-item">
      <NoteCard noteId={noteId} />
    </div>
  );
});
