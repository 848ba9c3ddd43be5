import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoardDoc } from '../board/board-context';
import { getNoteLayoutStore } from '../board/note-layout-store';
import { useAreaItems, useAreaNoteIds } from '../board/use-area-note-ids';
import { useAreas } from '../board/use-areas';
import { usePermission } from '../board/use-permission';
import { NARROW_LAYOUT_MAX_WIDTH_PX } from '../config';
import { useAppStore } from '../store/app-store';
import { useMediaQuery } from '../ui/use-media-query';
import { locateNote, moveNoteIntoCluster, moveNoteTo } from './note-actions';
import { focusAfterRemoval } from './note-focus';

/**
 * "Move to area…": the non-drag way to move a note, for phones and keyboards. A disclosure
 * button; the panel lists move up/down and the other areas.
 */
export function MoveNoteMenu({ noteId }: { noteId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  function close(returnFocus: boolean): void {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  return (
    <div className="move-menu">
      <button
        ref={buttonRef}
        type="button"
        className="icon-button icon-button--move"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={t('note.moveMenu')}
        onClick={() => setOpen((value) => !value)}
      />
      {open && <MoveNotePanel id={panelId} noteId={noteId} onClose={close} />}
    </div>
  );
}

interface MoveNotePanelProps {
  id: string;
  noteId: string;
  onClose(returnFocus: boolean): void;
}

function MoveNotePanel({ id, noteId, onClose }: MoveNotePanelProps) {
  const { t } = useTranslation();
  const doc = useBoardDoc();
  const areas = useAreas(doc);
  const narrow = useMediaQuery(`(max-width: ${NARROW_LAYOUT_MAX_WIDTH_PX}px)`);
  const panelRef = useRef<HTMLDivElement>(null);
  const lastFocusedRef = useRef<'up' | 'down' | null>(null);
  const areaId = locateNote(
    doc,
    noteId,
    areas.map((area) => area.id),
  )?.areaId;
  // Subscribes to the note's area, so the panel follows moves (its own and others').
  const idsHere = useAreaNoteIds(doc, areaId ?? '');
  const itemsHere = useAreaItems(doc, areaId ?? '');
  const mayCluster = usePermission(doc, 'cluster');
  const index = idsHere.indexOf(noteId);
  const place = areaId !== undefined && index >= 0 ? { areaId, index } : null;
  // In a group, up and down move the note within its group.
  const group = itemsHere.find((item) => item.type === 'cluster' && item.noteIds.includes(noteId));
  const groupIds = group?.type === 'cluster' ? group.noteIds : null;
  const indexInGroup = groupIds ? groupIds.indexOf(noteId) : -1;

  useEffect(() => {
    panelRef.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
  }, []);

  // Moving the note re-orders the list, which can take focus away from the button that was
  // used; put it back (disabled at the end of the list: then the first enabled button).
  useEffect(() => {
    const used = lastFocusedRef.current;
    if (!used) return;
    lastFocusedRef.current = null;
    const panel = panelRef.current;
    const button = panel?.querySelector<HTMLButtonElement>(`[data-move="${used}"]`);
    (button && !button.disabled ? button : panel?.querySelector<HTMLButtonElement>('button:not([disabled])'))?.focus();
  });

  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    function handlePointerDown(event: PointerEvent): void {
      if (event.target instanceof Node && panelRef.current?.parentElement?.contains(event.target)) return;
      onCloseRef.current(false);
    }
    document.addEventListener('pointerdown', handlePointerDown);
    return () => document.removeEventListener('pointerdown', handlePointerDown);
  }, []);

  if (!place) return null;

  function handleMoveWithin(direction: 'up' | 'down'): void {
    if (!place) return;
    lastFocusedRef.current = direction;
    if (group && groupIds) {
      moveNoteIntoCluster(doc, noteId, group.id, direction === 'up' ? indexInGroup - 1 : indexInGroup + 1);
      return;
    }
    moveNoteTo(doc, noteId, place.areaId, direction === 'up' ? place.index - 1 : place.index + 1);
  }

  function handleMoveTo(areaId: string, title: string): void {
    const store = useAppStore.getState();
    const targetCount = getNoteLayoutStore(doc).getAreaNoteIds(areaId).length;
    // On a narrow screen the target area is not shown, so focus stays in this area.
    if (narrow && place) focusAfterRemoval(doc, noteId, place.areaId);
    else store.requestFocus({ kind: 'note', noteId });
    moveNoteTo(doc, noteId, areaId, targetCount, { dissolveEmptyGroups: mayCluster });
    store.announce(t('announce.noteMoved', { area: title, position: targetCount + 1 }));
    onClose(false);
  }

  function handleTakeOut(): void {
    if (!place || !groupIds) return;
    const store = useAppStore.getState();
    store.requestFocus({ kind: 'note', noteId });
    // Right after the group, as a loose note.
    const others = idsHere.filter((id) => id !== noteId);
    const lastOther = groupIds.filter((id) => id !== noteId).at(-1);
    const index = lastOther === undefined ? place.index : others.indexOf(lastOther) + 1;
    moveNoteTo(doc, noteId, place.areaId, index, { dissolveEmptyGroups: mayCluster });
    store.announce(t('cluster.takenOut'));
    onClose(false);
  }

  const upDisabled = groupIds ? indexInGroup <= 0 : place.index === 0;
  const downDisabled = groupIds ? indexInGroup >= groupIds.length - 1 : place.index >= idsHere.length - 1;

  return (
    <div
      ref={panelRef}
      id={id}
      className="move-menu__panel"
      role="group"
      aria-label={t('note.moveMenuTitle')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose(true);
        }
      }}
    >
      <button type="button" className="menu-item" data-move="up" disabled={upDisabled} onClick={() => handleMoveWithin('up')}>
        {t('note.moveUp')}
      </button>
      <button
        type="button"
        className="menu-item"
        data-move="down"
        disabled={downDisabled}
        onClick={() => handleMoveWithin('down')}
      >
        {t('note.moveDown')}
      </button>
      {groupIds && (
        <button type="button" className="menu-item" onClick={handleTakeOut}>
          {t('cluster.takeOut')}
        </button>
      )}
      {areas
        .filter((area) => area.id !== place.areaId)
        .map((area) => (
          <button
            key={area.id}
            type="button"
            className="menu-item"
            aria-label={t('note.moveTo', { area: area.title })}
            onClick={() => handleMoveTo(area.id, area.title)}
          >
            {area.title}
          </button>
        ))}
    </div>
  );
}
