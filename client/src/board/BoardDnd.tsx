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
import { groupNotesTogether, moveNoteIntoCluster, moveNoteTo } from '../notes/note-actions';
import {
  MouseAndPenSensor,
  createNoteAnnouncements,
  findCurrentPlace,
  findDropTarget,
  isSamePlace,
  noteCollisionDetection,
  type DropMode,
  type DropRecord,
} from '../notes/note-drag';
import { selectIsFacilitator } from '../sync/connection-slice';
import { useAppStore } from '../store/app-store';
import { usePrefersReducedMotion } from '../ui/use-media-query';
import { getSettingsStore, useSettingsValue } from './settings-store';

const MEASURING = { droppable: { strategy: MeasuringStrategy.WhileDragging } };
/**
 * The board scrolls while a note is dragged near the edge of the screen; the edge zones are kept
 * small, so on a phone a note picked up in the lower part of the screen does not start scrolling.
 */
const AUTO_SCROLL = { threshold: { x: 0.1, y: 0.1 } };

/** In the cluster phase a drop on a note groups; otherwise it reorders. Read at event time. */
function dropMode(doc: Y.Doc): DropMode {
  return getSettingsStore(doc).getSnapshot().phase === 'cluster' ? 'group' : 'sort';
}

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
  const groupMode = useSettingsValue(doc, (s) => s.phase === 'cluster');
  const accessibility = useMemo(
    () => ({
      announcements: createNoteAnnouncements(doc, t, () => lastDropRef.current, () => dropMode(doc)),
      screenReaderInstructions: { draggable: groupMode ? t('dnd.instructionsCluster') : t('dnd.instructions') },
    }),
    [doc, t, groupMode],
  );

  function handleDragStart({ active }: DragStartEvent): void {
    lastDropRef.current = null;
    const place = findCurrentPlace(doc, active);
    useAppStore.getState().setDrag({ activeNoteId: String(active.id), overAreaId: place?.areaId ?? null, overClusterId: null });
  }

  function handleDragOver({ active, over }: DragOverEvent): void {
    const target = findDropTarget(doc, active, over, dropMode(doc));
    const overAreaId = target?.kind === 'place' ? target.areaId : null;
    const overClusterId = target?.kind === 'cluster' ? target.clusterId : null;
    const { drag, setDrag } = useAppStore.getState();
    if (drag && (drag.overAreaId !== overAreaId || (drag.overClusterId ?? null) !== overClusterId)) {
      setDrag({ ...drag, overAreaId, overClusterId });
    }
  }

  function handleDragEnd({ active, over }: DragEndEvent): void {
    const store = useAppStore.getState();
    store.setDrag(null);
    const noteId = String(active.id);
    const from = findCurrentPlace(doc, active);
    const mode = dropMode(doc);
    const target = findDropTarget(doc, active, over, mode);
    lastDropRef.current = { noteId, target };
    if (!target || isSamePlace(doc, noteId, from, target)) return;
    const dissolveEmptyGroups = mode === 'group' || selectIsFacilitator(store);
    try {
      if (target.kind === 'group') groupNotesTogether(doc, [target.noteId, noteId]);
      else if (target.kind === 'cluster') moveNoteIntoCluster(doc, noteId, target.clusterId, target.index);
      else moveNoteTo(doc, noteId, target.areaId, target.index, { dissolveEmptyGroups });
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
      autoScroll={AUTO_SCROLL}
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
