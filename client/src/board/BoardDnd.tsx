import { useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MeasuringStrategy,
  TouchSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import type * as Y from 'yjs';
import {
  POINTER_ACTIVATION_DISTANCE_PX,
  TOUCH_ACTIVATION_DELAY_MS,
  TOUCH_ACTIVATION_TOLERANCE_PX,
} from '../config';
import { log } from '../log';
import { NotePreview } from '../notes/NotePreview';
import { moveNoteTo } from '../notes/note-actions';
import {
  MouseAndPenSensor,
  createNoteAnnouncements,
  findCurrentPlace,
  findDropTarget,
  noteCollisionDetection,
  type DropRecord,
} from '../notes/note-drag';
import { useAppStore } from '../store/app-store';
import { usePrefersReducedMotion } from '../ui/use-media-query';

const MEASURING = { droppable: { strategy: MeasuringStrategy.WhileDragging } };

/**
 * The board's one DndContext: mouse, touch and keyboard sensors, translated screen-reader
 * announcements, and the drop handler, which writes the move to the doc once.
 */
export function BoardDnd({ doc, children }: { doc: Y.Doc; children: ReactNode }) {
  const { t } = useTranslation();
  const activeNoteId = useAppStore((s) => s.drag?.activeNoteId ?? null);
  const reducedMotion = usePrefersReducedMotion();
  const lastDropRef = useRef<DropRecord | null>(null);
  const sensors = useSensors(
    useSensor(MouseAndPenSensor, { activationConstraint: { distance: POINTER_ACTIVATION_DISTANCE_PX } }),
    useSensor(TouchSensor, {
      activationConstraint: { delay: TOUCH_ACTIVATION_DELAY_MS, tolerance: TOUCH_ACTIVATION_TOLERANCE_PX },
    }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const accessibility = useMemo(
    () => ({
      announcements: createNoteAnnouncements(doc, t, () => lastDropRef.current),
      screenReaderInstructions: { draggable: t('dnd.instructions') },
    }),
    [doc, t],
  );

  function handleDragStart({ active }: DragStartEvent): void {
    lastDropRef.current = null;
    const place = findCurrentPlace(doc, active);
    useAppStore.getState().setDrag({ activeNoteId: String(active.id), overAreaId: place?.areaId ?? null });
  }

  function handleDragOver({ active, over }: DragOverEvent): void {
    const overAreaId = findDropTarget(doc, active, over)?.areaId ?? null;
    const { drag, setDrag } = useAppStore.getState();
    if (drag && drag.overAreaId !== overAreaId) setDrag({ ...drag, overAreaId });
  }

  function handleDragEnd({ active, over }: DragEndEvent): void {
    useAppStore.getState().setDrag(null);
    const noteId = String(active.id);
    const from = findCurrentPlace(doc, active);
    const target = findDropTarget(doc, active, over);
    lastDropRef.current = { noteId, target };
    if (!target || (from && from.areaId === target.areaId && from.index === target.index)) return;
    try {
      moveNoteTo(doc, noteId, target.areaId, target.index);
    } catch (error) {
      // The note or area was removed by someone else during the drag; nothing to move.
      log.warn('board', 'drop could not be applied', { noteId, error: String(error) });
    }
  }

  function handleDragCancel(): void {
    useAppStore.getState().setDrag(null);
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={noteCollisionDetection}
      measuring={MEASURING}
      accessibility={accessibility}
      onDragStart={handleDragStart}
      onDragOver={handleDragOver}
      onDragEnd={handleDragEnd}
      onDragCancel={handleDragCancel}
    >
      {children}
      <DragOverlay dropAnimation={reducedMotion ? null : undefined}>
        {activeNoteId ? <NotePreview noteId={activeNoteId} /> : null}
      </DragOverlay>
    </DndContext>
  );
}
