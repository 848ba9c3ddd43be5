/**
 * Drag-and-drop logic for notes (dnd-kit): sensors, collision detection, where a drop lands,
 * and the screen-reader announcements. Drag state stays local; the doc is written once, on drop.
 * Part of the board kit (`board/BoardKit.tsx`), loaded after the app starts.
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
import { readAreas, readCluster, readNote } from '@verksted/shared';
import { getNoteLayoutStore } from '../board/note-layout-store';
import { shorten } from './shorten';

/** `data` on a note's sortable. */
export interface NoteDragData {
  type: 'note';
  areaId: string;
  /** The group the note is shown in, or null. */
  clusterId: string | null;
}
/** `data` on an area's droppable note list. */
export interface AreaDropData {
  type: 'area';
  areaId: string;
}
/** `data` on a group's droppable box. */
export interface ClusterDropData {
  type: 'cluster';
  areaId: string;
  clusterId: string;
}

type DragData = NoteDragData | AreaDropData | ClusterDropData;

export function areaDroppableId(areaId: string): string {
  return `area:${areaId}`;
}
/** The area's tab (narrow screens) is a drop target too: a note dropped on it goes to that area's end. */
export function areaTabDroppableId(areaId: string): string {
  return `area-tab:${areaId}`;
}
export function clusterDroppableId(clusterId: string): string {
  return `cluster:${clusterId}`;
}

/**
 * What a drop does. `sort`: a note goes before the note it is dropped on (reordering; every phase
 * but the cluster phase). `group`: in the cluster phase a note dropped on another note groups
 * the two, or joins the other's group; dropped on a group's box it joins the group; dropped on
 * the area it becomes a loose note at the area's end.
 */
export type DropMode = 'sort' | 'group';

function dataOf(entry: Active | Over | null | undefined): DragData | null {
  const data = entry?.data.current;
  if (data && (data.type === 'note' || data.type === 'area' || data.type === 'cluster') && typeof data.areaId === 'string') {
    return data as DragData;
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

const TYPE_RANK: Record<string, number> = { note: 0, cluster: 1, area: 2 };

/**
 * Notes win over the group box and the area list they sit in; a group wins over its area when
 * the pointer is on the group's empty part; an area wins when the pointer is on its empty part.
 * Keyboard drags have no pointer and fall back to rectangle overlap.
 */
export const noteCollisionDetection: CollisionDetection = (args) => {
  const hits = args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args);
  if (hits.length === 0) return closestCorners(args);
  const typeOf = (hit: (typeof hits)[number]): string => String(hit.data?.droppableContainer?.data.current?.type ?? 'area');
  const noteIds = new Set(hits.filter((hit) => typeOf(hit) === 'note').map((hit) => hit.id));
  if (noteIds.size === 0) return [...hits].sort((a, b) => (TYPE_RANK[typeOf(a)] ?? 3) - (TYPE_RANK[typeOf(b)] ?? 3));
  return closestCenter({ ...args, droppableContainers: args.droppableContainers.filter((c) => noteIds.has(c.id)) });
};

/** A place in an area's list of notes as shown (groups expanded). */
export interface PlaceTarget {
  kind: 'place';
  areaId: string;
  /** Index among the target area's notes without the dragged one (what `moveNoteTo` takes). */
  index: number;
  /** Total notes in the target area after the drop. */
  total: number;
}
/** Group the dragged note with a loose note. */
export interface GroupTarget {
  kind: 'group';
  areaId: string;
  noteId: string;
}
/** Put the dragged note into a group, at `index` among the group's other notes. */
export interface ClusterTarget {
  kind: 'cluster';
  areaId: string;
  clusterId: string;
  index: number;
  total: number;
}
export type DropTarget = PlaceTarget | GroupTarget | ClusterTarget;

function placeAtEnd(doc: Y.Doc, activeId: string, areaId: string): PlaceTarget {
  const others = getNoteLayoutStore(doc).getAreaNoteIds(areaId).filter((id) => id !== activeId);
  return { kind: 'place', areaId, index: others.length, total: others.length + 1 };
}

function clusterNoteIds(doc: Y.Doc, areaId: string, clusterId: string): readonly string[] {
  const item = getNoteLayoutStore(doc)
    .getAreaItems(areaId)
    .find((i) => i.type === 'cluster' && i.id === clusterId);
  return item?.type === 'cluster' ? item.noteIds : [];
}

/**
 * Where the dragged note would land. `sort`: before the note it is over (in its own area, the
 * note's place, as a sortable list moves it), or at the end of an area it is over. `group`: see
 * `DropMode`.
 */
export function findDropTarget(doc: Y.Doc, active: Active, over: Over | null, mode: DropMode = 'sort'): DropTarget | null {
  const overData = dataOf(over);
  if (!over || !overData) return null;
  const activeId = String(active.id);
  const layout = getNoteLayoutStore(doc);
  if (mode === 'group') {
    if (overData.type === 'area') return placeAtEnd(doc, activeId, overData.areaId);
    if (overData.type === 'cluster') {
      const others = clusterNoteIds(doc, overData.areaId, overData.clusterId).filter((id) => id !== activeId);
      return { kind: 'cluster', areaId: overData.areaId, clusterId: overData.clusterId, index: others.length, total: others.length + 1 };
    }
    const overId = String(over.id);
    if (overId === activeId) return null;
    const clusterId = layout.getClusterOf(overId);
    if (!clusterId) return { kind: 'group', areaId: overData.areaId, noteId: overId };
    const members = clusterNoteIds(doc, overData.areaId, clusterId);
    const others = members.filter((id) => id !== activeId);
    const at = members.indexOf(overId);
    return { kind: 'cluster', areaId: overData.areaId, clusterId, index: Math.max(0, Math.min(at, others.length)), total: others.length + 1 };
  }
  if (overData.type === 'area') return placeAtEnd(doc, activeId, overData.areaId);
  const ids = layout.getAreaNoteIds(overData.areaId);
  const others = ids.filter((id) => id !== activeId);
  const total = others.length + 1;
  // Over a group's box: before the group's first note.
  const overId = overData.type === 'cluster' ? clusterNoteIds(doc, overData.areaId, overData.clusterId)[0] : String(over.id);
  const overIndex = overId === undefined ? -1 : ids.indexOf(overId);
  if (overIndex < 0) return { kind: 'place', areaId: overData.areaId, index: others.length, total };
  return { kind: 'place', areaId: overData.areaId, index: Math.min(overIndex, others.length), total };
}

/** Current place of a note, for "picked up" and "cancelled". */
export function findCurrentPlace(doc: Y.Doc, active: Active): PlaceTarget | null {
  const data = dataOf(active);
  if (!data) return null;
  const ids = getNoteLayoutStore(doc).getAreaNoteIds(data.areaId);
  const index = ids.indexOf(String(active.id));
  return index < 0 ? null : { kind: 'place', areaId: data.areaId, index, total: ids.length };
}

/** Whether dropping at `target` would leave the note where it is. */
export function isSamePlace(doc: Y.Doc, noteId: string, from: PlaceTarget | null, target: DropTarget): boolean {
  const clusterId = getNoteLayoutStore(doc).getClusterOf(noteId);
  if (target.kind === 'group') return false;
  if (target.kind === 'cluster') {
    if (clusterId !== target.clusterId) return false;
    return clusterNoteIds(doc, target.areaId, target.clusterId).indexOf(noteId) === target.index;
  }
  return from !== null && from.areaId === target.areaId && from.index === target.index;
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
export function createNoteAnnouncements(
  doc: Y.Doc,
  t: TFunction,
  getLastDrop: () => DropRecord | null,
  getMode: () => DropMode,
): Announcements {
  const groupName = (clusterId: string): string => readCluster(doc, clusterId)?.title || t('cluster.untitled');
  const noteText = (noteId: string): string => shorten(readNote(doc, noteId)?.text ?? '');
  const describe = (stage: 'over' | 'dropped', target: DropTarget): string => {
    if (target.kind === 'group') return t(stage === 'over' ? 'dnd.overNote' : 'dnd.grouped', { text: noteText(target.noteId) });
    if (target.kind === 'cluster') {
      return t(stage === 'over' ? 'dnd.overGroup' : 'dnd.droppedInGroup', {
        group: groupName(target.clusterId),
        position: target.index + 1,
        total: target.total,
      });
    }
    return t(stage === 'over' ? 'dnd.over' : 'dnd.dropped', {
      area: areaTitle(doc, target.areaId),
      position: target.index + 1,
      total: target.total,
    });
  };
  return {
    onDragStart({ active }) {
      const place = findCurrentPlace(doc, active);
      return place
        ? t('dnd.pickedUp', { area: areaTitle(doc, place.areaId), position: place.index + 1, total: place.total })
        : undefined;
    },
    onDragOver({ active, over }) {
      // dnd-kit reports "over itself" right after pick-up; announcing that would overwrite
      // "Picked up …" before a screen reader has read it.
      if (over?.id === active.id) return undefined;
      const target = findDropTarget(doc, active, over, getMode());
      return target ? describe('over', target) : t('dnd.notOver');
    },
    onDragEnd({ active, over }) {
      const record = getLastDrop();
      const target = record && record.noteId === active.id ? record.target : findDropTarget(doc, active, over, getMode());
      return target ? describe('dropped', target) : t('dnd.droppedNowhere');
    },
    onDragCancel() {
      return t('dnd.cancelled');
    },
  };
}
