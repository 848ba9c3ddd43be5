import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MeasuringStrategy,
  TouchSensor,
  closestCorners,
  pointerWithin,
  useDroppable,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragMoveEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import type * as Y from 'yjs';
import {
  POINTER_ACTIVATION_DISTANCE_PX,
  TOUCH_ACTIVATION_DELAY_MS,
  TOUCH_ACTIVATION_TOLERANCE_PX,
} from '../config';
import { log } from '../log';
import { DRAG_INSTRUCTIONS_ID } from '../notes/drag-dom';
import { NotePreview } from '../notes/NotePreview';
import { focusAfterRemoval } from '../notes/note-focus';
import { groupNotesTogether, moveNoteIntoCluster, moveNoteTo } from '../notes/note-actions';
import {
  MouseAndPenSensor,
  createNoteAnnouncements,
  dropZoneDataOf,
  isSamePlace,
  type DropMode,
  type DropTarget,
  type NoteDragData,
} from '../notes/note-drag';
import { NoteDragSession } from '../notes/note-drag-session';
import { NoteDragHandlersContext, NoteDragSource, createNoteDragHandlers, type NoteDragSourceApi } from '../notes/note-drag-source';
import { DropZoneRegistry, DropZoneRegistryContext, type DropZoneEntry } from '../notes/drop-zones';
import { selectIsFacilitator } from '../sync/connection-slice';
import { useAppStore } from '../store/app-store';
import { useMediaQuery } from '../ui/use-media-query';
import { getNoteLayoutStore } from './note-layout-store';
import type { DragState } from './ui-slice';
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

const ZONE_RANK: Record<string, number> = { cluster: 0, area: 1 };

/** The drop zones under the drag point: a group's box before the area around it. */
function collisionDetectionFor(session: NoteDragSession): CollisionDetection {
  return (args) => {
    const rect = args.collisionRect;
    const point = args.pointerCoordinates ?? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    session.setPoint(point);
    const hits = pointerWithin({ ...args, pointerCoordinates: point });
    if (hits.length === 0) return closestCorners(args);
    const rank = (id: string | number): number => {
      const type = args.droppableContainers.find((c) => c.id === id)?.data.current?.type;
      return ZONE_RANK[String(type)] ?? 2;
    };
    return [...hits].sort((a, b) => rank(a.id) - rank(b.id));
  };
}

/**
 * The board's one DndContext: mouse, touch and keyboard sensors, the one draggable lent to the
 * note being picked up (`note-drag-source.tsx`), the drop zones the board registers
 * (`drop-zones.ts`), translated screen-reader announcements, and the drop handler, which writes
 * the move to the doc once. The board renders beside the DndContext, not inside it, so dnd-kit's
 * changes (every pointer move) do not make React look through the board; starting and ending a
 * drag re-render only the notes and zones whose look changes (through the app store).
 */
export function BoardDnd({ doc, children }: { doc: Y.Doc; children: ReactNode }) {
  const { t } = useTranslation();
  const registry = useMemo(() => new DropZoneRegistry(), []);
  const session = useMemo(() => new NoteDragSession(doc, publishDragLook((state) => useAppStore.getState().setDrag(state))), [doc]);
  const sourceRef = useRef<NoteDragSourceApi | null>(null);
  const handlers = useMemo(() => createNoteDragHandlers(() => sourceRef.current), []);
  const isBusy = useCallback(() => session.active, [session]);
  const collisionDetection = useMemo(() => collisionDetectionFor(session), [session]);
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  const coordinateGetter = useMemo<KeyboardCoordinateGetter>(
    () =>
      (event, { context }) => {
        const rect = context.collisionRect;
        const point = session.keyboardStep(event.code);
        if (!rect || !point) return undefined;
        event.preventDefault();
        return { x: point.x - rect.width / 2, y: point.y - rect.height / 2 };
      },
    [session],
  );
  const sensors = useSensors(
    useSensor(MouseAndPenSensor, { activationConstraint: { distance: POINTER_ACTIVATION_DISTANCE_PX } }),
    useSensor(TouchSensor, {
      activationConstraint: { delay: TOUCH_ACTIVATION_DELAY_MS, tolerance: TOUCH_ACTIVATION_TOLERANCE_PX },
    }),
    // Moving a note with the keyboard scrolls the board to it: at once for people who ask for no motion.
    useSensor(KeyboardSensor, { coordinateGetter, scrollBehavior: reducedMotion ? 'auto' : 'smooth' }),
  );
  const groupMode = useSettingsValue(doc, (s) => s.phase === 'cluster');
  const accessibility = useMemo(
    () => ({
      announcements: createNoteAnnouncements(doc, t, session),
      screenReaderInstructions: { draggable: groupMode ? t('dnd.instructionsCluster') : t('dnd.instructions') },
      // The note picked up by keyboard may re-mount elsewhere; `handleDragEnd` focuses its new handle.
      restoreFocus: false,
    }),
    [doc, t, session, groupMode],
  );

  // Someone else moving or adding notes during a drag changes which elements are where.
  useEffect(() => getNoteLayoutStore(doc).subscribe(() => session.layoutChanged()), [doc, session]);
  useEffect(() => () => session.cancel(), [session]);

  function handleDragStart({ active, activatorEvent }: DragStartEvent): void {
    const data = active.data.current as NoteDragData | undefined;
    if (data?.type !== 'note') return;
    session.start(data, dropMode(doc), activatorEvent instanceof KeyboardEvent);
  }

  function handleDragMove({ over }: DragMoveEvent | DragOverEvent): void {
    session.pointerOver(dropZoneDataOf(over?.data.current));
  }

  function handleDragEnd({ over, activatorEvent }: DragEndEvent): void {
    session.pointerOver(dropZoneDataOf(over?.data.current));
    const drop = session.drop(dropMode(doc));
    const byKeyboard = activatorEvent instanceof KeyboardEvent;
    if (!drop?.target || isSamePlace(doc, drop.data.noteId, drop.from, drop.target, drop.mode)) {
      session.clearLook();
      if (drop && byKeyboard) focusHandleOf(drop.data.noteId);
      return;
    }
    const { data, target, mode } = drop;
    const dissolveEmptyGroups = mode === 'group' || selectIsFacilitator(useAppStore.getState());
    // The preview is gone now; the board takes the move in a task of its own, so on a big board
    // the browser shows the drop before it lays out the lists again (two short tasks, not one long).
    setTimeout(() => {
      // A keyboard user keeps the note's handle, unless the note goes to an area not on screen (a
      // tab on a narrow screen): then focus stays in this area, as after "Move to area…".
      const followNote = byKeyboard && session.geometry.isShown(target.areaId);
      if (byKeyboard && !followNote) focusAfterRemoval(doc, data.noteId, data.areaId);
      applyDrop(doc, data.noteId, target, dissolveEmptyGroups);
      // The drag's look goes in a task of its own after the move is shown: two shorter tasks, and
      // while the board shows the move it still knows which note this user dropped (the area's
      // chunks let that one move rather than keep it in place for the focus it holds).
      setTimeout(() => {
        session.clearLook();
        if (followNote) focusHandleOf(data.noteId);
      }, 0);
    }, 0);
  }

  /** After a keyboard drop the handle keeps focus, so the note can be moved on at once. */
  function focusHandleOf(noteId: string, triesLeft = 3): void {
    requestAnimationFrame(() => {
      const handle = session.geometry.handleOf(noteId);
      if (handle) handle.focus();
      else if (triesLeft > 0) focusHandleOf(noteId, triesLeft - 1);
    });
  }

  return (
    <>
      <DropZoneRegistryContext.Provider value={registry}>
        <NoteDragHandlersContext.Provider value={handlers}>{children}</NoteDragHandlersContext.Provider>
      </DropZoneRegistryContext.Provider>
      <DndContext
        id={DRAG_INSTRUCTIONS_ID}
        sensors={sensors}
        collisionDetection={collisionDetection}
        measuring={MEASURING}
        autoScroll={AUTO_SCROLL}
        accessibility={accessibility}
        onDragStart={handleDragStart}
        onDragMove={handleDragMove}
        onDragOver={handleDragMove}
        onDragEnd={handleDragEnd}
        onDragCancel={() => session.cancel()}
      >
        <NoteDragSource apiRef={sourceRef} isBusy={isBusy} roleDescription={t('dnd.roleDescription')} />
        <DropZoneProxies registry={registry} />
        <RefreshOnScroll session={session} />
        <NoteDragOverlay />
      </DndContext>
    </>
  );
}

/**
 * What a drag shows on the board (the note picked up, the drop line) is published in a task of its
 * own, the latest state once: picking a note up is then dnd-kit's work in one task and the board's
 * in the next, rather than one long task. The end of a drag (null) is published at once, and
 * drops anything still waiting, so nothing of a finished drag shows afterwards.
 */
export function publishDragLook(set: (state: DragState | null) => void): (state: DragState | null) => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let latest: DragState | null = null;
  return (state) => {
    if (state === null) {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      set(null);
      return;
    }
    latest = state;
    timer ??= setTimeout(() => {
      timer = null;
      set(latest);
    }, 0);
  };
}

/** Writes a drop to the doc, as one change. */
function applyDrop(doc: Y.Doc, noteId: string, target: DropTarget, dissolveEmptyGroups: boolean): void {
  try {
    if (target.kind === 'group') groupNotesTogether(doc, [target.noteId, noteId]);
    else if (target.kind === 'cluster') moveNoteIntoCluster(doc, noteId, target.clusterId, target.index);
    else moveNoteTo(doc, noteId, target.areaId, target.index, { dissolveEmptyGroups });
  } catch (error) {
    // The note or area was removed by someone else during the drag; nothing to move.
    log.warn('board', 'drop could not be applied', { noteId, error: String(error) });
  }
}

/**
 * While a note is dragged the board may scroll (by itself near the screen's edges): the pointer
 * is then over another place, though it did not move.
 */
function RefreshOnScroll({ session }: { session: NoteDragSession }) {
  const dragging = useAppStore((s) => s.drag !== null);
  useEffect(() => {
    if (!dragging) return undefined;
    const onScroll = (): void => session.refresh();
    window.addEventListener('scroll', onScroll, { capture: true, passive: true });
    return () => window.removeEventListener('scroll', onScroll, { capture: true });
  }, [dragging, session]);
  return null;
}

/** The dnd-kit droppables of the registered drop zones. */
function DropZoneProxies({ registry }: { registry: DropZoneRegistry }) {
  const zones = useSyncExternalStore(registry.subscribe, registry.getSnapshot);
  return zones.map((zone) => <DropZoneProxy key={zone.id} zone={zone} />);
}

const DropZoneProxy = memo(function DropZoneProxy({ zone }: { zone: DropZoneEntry }) {
  const { setNodeRef } = useDroppable({ id: zone.id, data: zone.data, disabled: zone.disabled });
  useLayoutEffect(() => {
    setNodeRef(zone.node);
    return () => setNodeRef(null);
  }, [zone.node, setNodeRef]);
  return null;
});

/**
 * The note following the pointer. No drop animation: the note is in its new place at once. The
 * preview is drawn in a render of its own (deferred), so picking a note up is two short tasks
 * rather than one long one; until then the note picked up shows in its place.
 */
function NoteDragOverlay() {
  const activeNoteId = useDeferredValue(useAppStore((s) => s.drag?.activeNoteId ?? null));
  return activeNoteId ? (
    <DragOverlay dropAnimation={null}>
      <NotePreview noteId={activeNoteId} />
    </DragOverlay>
  ) : null;
}
