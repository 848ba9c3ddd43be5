/**
 * Drag-and-drop logic for notes (dnd-kit): sensors, collision detection, where a drop lands,
 * and the screen-reader announcements. Drag state stays local; the doc is written once, on drop.
 */
import {
  PointerSensor,
  closestCenter,
  closestCorners,
  pointerWithin,
  rectIntersection,
  type Active,
  type Announcements,
  type CollisionDetection,
  type Over,
  type PointerSensorOptions,
} from '@dnd-kit/core';
import type { TFunction } from 'i18next';
import type { PointerEvent as ReactPointerEvent } from 'react';
import type * as Y from 'yjs';
import { readAreas } from '@verksted/shared';
import { getNoteLayoutStore } from '../board/note-layout-store';

/** `data` on a note's sortable. */
export interface NoteDragData {
  type: 'note';
  areaId: string;
}
/** `data` on an area's droppable note list. */
export interface AreaDropData {
  type: 'area';
  areaId: string;
}

export function areaDroppableId(areaId: string): string {
  return `area:${areaId}`;
}

function dataOf(entry: Active | Over | null | undefined): NoteDragData | AreaDropData | null {
  const data = entry?.data.current;
  if (data && (data.type === 'note' || data.type === 'area') && typeof data.areaId === 'string') {
    return data as NoteDragData | AreaDropData;
  }
  return null;
}

function isTextField(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/**
 * The PointerSensor for mouse and pen only: touch goes to the TouchSensor, whose press delay
 * keeps scrolling with a finger working. Never starts in a text field (text selection wins).
 */
export class MouseAndPenSensor extends PointerSensor {
  static override activators = [
    {
      eventName: 'onPointerDown' as const,
      handler: ({ nativeEvent: event }: ReactPointerEvent, { onActivation }: PointerSensorOptions): boolean => {
        if (!event.isPrimary || event.button !== 0 || event.pointerType === 'touch' || isTextField(event.target)) {
          return false;
        }
        onActivation?.({ event });
        return true;
      },
    },
  ];
}

/**
 * Notes win over the area list they sit in; an area wins when the pointer is on its empty part.
 * Keyboard drags have no pointer and fall back to rectangle overlap.
 */
export const noteCollisionDetection: CollisionDetection = (args) => {
  const hits = args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args);
  if (hits.length === 0) return closestCorners(args);
  const noteIds = new Set(
    hits.filter((hit) => hit.data?.droppableContainer?.data.current?.type === 'note').map((hit) => hit.id),
  );
  if (noteIds.size === 0) return hits;
  return closestCenter({ ...args, droppableContainers: args.droppableContainers.filter((c) => noteIds.has(c.id)) });
};

export interface DropTarget {
  areaId: string;
  /** Index among the target area's notes without the dragged one (what `moveNote` takes). */
  index: number;
  /** Total notes in the target area after the drop. */
  total: number;
}

/**
 * Where the dragged note would land: before the note it is over (in its own area, the note's
 * place, as a sortable list moves it), or at the end of an area it is over.
 */
export function findDropTarget(doc: Y.Doc, active: Active, over: Over | null): DropTarget | null {
  const overData = dataOf(over);
  if (!over || !overData) return null;
  const layout = getNoteLayoutStore(doc);
  const others = layout.getAreaNoteIds(overData.areaId).filter((id) => id !== active.id);
  const total = others.length + 1;
  if (overData.type === 'area') return { areaId: overData.areaId, index: others.length, total };
  const overIndex = layout.getAreaNoteIds(overData.areaId).indexOf(String(over.id));
  if (overIndex < 0) return { areaId: overData.areaId, index: others.length, total };
  return { areaId: overData.areaId, index: Math.min(overIndex, others.length), total };
}

/** Current place of a note, for "picked up" and "cancelled". */
export function findCurrentPlace(doc: Y.Doc, active: Active): DropTarget | null {
  const data = dataOf(active);
  if (!data) return null;
  const ids = getNoteLayoutStore(doc).getAreaNoteIds(data.areaId);
  const index = ids.indexOf(String(active.id));
  return index < 0 ? null : { areaId: data.areaId, index, total: ids.length };
}

function areaTitle(doc: Y.Doc, areaId: string): string {
  return readAreas(doc).find((area) => area.id === areaId)?.title ?? '';
}

/** The outcome of the latest drop, remembered by the drop handler for the announcement. */
export interface DropRecord {
  noteId: string;
  target: DropTarget | null;
}

/**
 * Translated dnd-kit announcements, read by screen readers during a drag. dnd-kit announces the
 * end after the drop was committed, when the layout has already changed, so the drop handler's
 * own record of where the note went is used for it.
 */
export function createNoteAnnouncements(doc: Y.Doc, t: TFunction, getLastDrop: () => DropRecord | null): Announcements {
  const describe = (key: 'dnd.pickedUp' | 'dnd.over' | 'dnd.dropped', place: DropTarget): string =>
    t(key, { area: areaTitle(doc, place.areaId), position: place.index + 1, total: place.total });
  return {
    onDragStart({ active }) {
      const place = findCurrentPlace(doc, active);
      return place ? describe('dnd.pickedUp', place) : undefined;
    },
    onDragOver({ active, over }) {
      const target = findDropTarget(doc, active, over);
      return target ? describe('dnd.over', target) : t('dnd.notOver');
    },
    onDragEnd({ active, over }) {
      const record = getLastDrop();
      const target = record && record.noteId === active.id ? record.target : findDropTarget(doc, active, over);
      return target ? describe('dnd.dropped', target) : t('dnd.droppedNowhere');
    },
    onDragCancel() {
      return t('dnd.cancelled');
    },
  };
}
