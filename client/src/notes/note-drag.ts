/**
 * Drag-and-drop rules for notes: what a drop does, where it lands, how it is shown and announced.
 * No DOM here: what is under the pointer comes in as a `ZoneHit` (see `drop-geometry.ts`).
 * Drag state stays local; the doc is written once, on drop.
 * Part of the board kit (`board/BoardKit.tsx`), loaded after the app starts.
 */
import { PointerSensor, type Announcements, type PointerSensorOptions } from '@dnd-kit/core';
import type { TFunction } from 'i18next';
import type { PointerEvent as ReactPointerEvent } from 'react';
import type * as Y from 'yjs';
import { readAreas, readCluster, readNote } from '@verksted/shared';
import { getNoteLayoutStore } from '../board/note-layout-store';
import type { DropMark } from '../board/ui-slice';
import { shorten } from './shorten';

/**
 * The id of the board's one dnd-kit draggable. Notes are not dnd-kit draggables each (that
 * re-renders every note when a drag starts); the note being picked up lends its element and
 * its `NoteDragData` to this one (`note-drag-source.tsx`).
 */
export const NOTE_DRAGGABLE_ID = 'note';

/** `data` of the draggable: the note picked up and where it is shown. */
export interface NoteDragData {
  type: 'note';
  noteId: string;
  areaId: string;
  /** The group the note is shown in, or null. */
  clusterId: string | null;
}
/** `data` on an area's droppable note list, and on an area's tab (narrow screens). */
export interface AreaDropData {
  type: 'area';
  areaId: string;
  /** The area's tab (narrow screens), not its list: a drop there goes to the area's end. */
  tab?: boolean;
}
/** `data` on a group's droppable box. */
export interface ClusterDropData {
  type: 'cluster';
  areaId: string;
  clusterId: string;
}
export type DropZoneData = AreaDropData | ClusterDropData;

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
 * What a drop does. `sort`: a note goes where the drop line is (every phase but the cluster
 * phase). `group`: in the cluster phase a note dropped on another note groups the two, or
 * joins the other's group; dropped on a group's box it joins the group; dropped on the area it
 * becomes a loose note at the area's end.
 */
export type DropMode = 'sort' | 'group';

/** The drop-zone data of a dnd-kit `over`, or null. */
export function dropZoneDataOf(data: unknown): DropZoneData | null {
  const value = data as Partial<DropZoneData> | null | undefined;
  if (value && (value.type === 'area' || value.type === 'cluster') && typeof value.areaId === 'string') {
    return value as DropZoneData;
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

/** What the drag point is over inside an area's list of notes. */
export interface ZoneHit {
  /** The first note below the point, the dragged one left out: the drop goes before it. Null: after the last note. */
  beforeNoteId: string | null;
  /** The note the point is on (the dragged note's own place counts), or null. */
  onNoteId: string | null;
}

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

function otherNoteIds(doc: Y.Doc, activeId: string, areaId: string): string[] {
  return getNoteLayoutStore(doc)
    .getAreaNoteIds(areaId)
    .filter((id) => id !== activeId);
}

function placeAt(doc: Y.Doc, activeId: string, areaId: string, beforeNoteId: string | null): PlaceTarget {
  const others = otherNoteIds(doc, activeId, areaId);
  const at = beforeNoteId === null ? -1 : others.indexOf(beforeNoteId);
  return { kind: 'place', areaId, index: at < 0 ? others.length : at, total: others.length + 1 };
}

function clusterNoteIds(doc: Y.Doc, areaId: string, clusterId: string): readonly string[] {
  const item = getNoteLayoutStore(doc)
    .getAreaItems(areaId)
    .find((i) => i.type === 'cluster' && i.id === clusterId);
  return item?.type === 'cluster' ? item.noteIds : [];
}

/**
 * Where the dragged note `activeId` would land, given the drop zone it is over (an area's list,
 * a group's box or an area's tab) and what it is over inside the area's list (`hit`; null when
 * the list is not on screen, as for a tab): see `DropMode`.
 */
export function resolveDropTarget(
  doc: Y.Doc,
  activeId: string,
  zone: DropZoneData | null,
  hit: ZoneHit | null,
  mode: DropMode = 'sort',
): DropTarget | null {
  if (!zone) return null;
  if (mode === 'sort') return placeAt(doc, activeId, zone.areaId, hit?.beforeNoteId ?? null);
  const onNoteId = hit?.onNoteId ?? null;
  if (onNoteId !== null && onNoteId !== activeId) {
    const clusterId = getNoteLayoutStore(doc).getClusterOf(onNoteId);
    if (!clusterId) return { kind: 'group', areaId: zone.areaId, noteId: onNoteId };
    const members = clusterNoteIds(doc, zone.areaId, clusterId);
    const others = members.filter((id) => id !== activeId);
    const at = members.indexOf(onNoteId);
    return { kind: 'cluster', areaId: zone.areaId, clusterId, index: Math.max(0, Math.min(at, others.length)), total: others.length + 1 };
  }
  if (zone.type === 'cluster') {
    const others = clusterNoteIds(doc, zone.areaId, zone.clusterId).filter((id) => id !== activeId);
    return { kind: 'cluster', areaId: zone.areaId, clusterId: zone.clusterId, index: others.length, total: others.length + 1 };
  }
  return placeAt(doc, activeId, zone.areaId, null);
}

/** Current place of a note, for "picked up" and "cancelled". */
export function findCurrentPlace(doc: Y.Doc, noteId: string, areaId: string): PlaceTarget | null {
  const ids = getNoteLayoutStore(doc).getAreaNoteIds(areaId);
  const index = ids.indexOf(noteId);
  return index < 0 ? null : { kind: 'place', areaId, index, total: ids.length };
}

/**
 * Whether dropping at `target` would leave the note where it is. `target` is `from` itself when
 * the note is let go over its own place. In the cluster phase a place in the area takes a grouped
 * note out of its group, so for a grouped note no other place is the same.
 */
export function isSamePlace(doc: Y.Doc, noteId: string, from: PlaceTarget | null, target: DropTarget, mode: DropMode = 'sort'): boolean {
  if (target === from) return true;
  const clusterId = getNoteLayoutStore(doc).getClusterOf(noteId);
  if (target.kind === 'group') return false;
  if (target.kind === 'cluster') {
    if (clusterId !== target.clusterId) return false;
    return clusterNoteIds(doc, target.areaId, target.clusterId).indexOf(noteId) === target.index;
  }
  if (mode === 'group' && clusterId !== null) return false;
  return from !== null && from.areaId === target.areaId && from.index === target.index;
}

/**
 * How the board shows `target`: a drop line before a note (or after the area's last note), or
 * the outline of the note the dragged one would be grouped with. Null when there is nothing to
 * mark on a note (no target, the note's own place, a group's box or an area's tab, which light
 * up themselves).
 */
export function dropMarkOf(
  doc: Y.Doc,
  activeId: string,
  from: PlaceTarget | null,
  target: DropTarget | null,
  mode: DropMode = 'sort',
): DropMark | null {
  if (!target || isSamePlace(doc, activeId, from, target, mode)) return null;
  if (target.kind === 'group') return { noteId: target.noteId, kind: 'group' };
  if (target.kind === 'cluster') return null;
  const others = otherNoteIds(doc, activeId, target.areaId);
  const before = others[target.index];
  if (before !== undefined) return { noteId: before, kind: 'before' };
  const last = others[others.length - 1];
  return last === undefined ? null : { noteId: last, kind: 'after' };
}

/** A string that is equal for equal targets (to notice when the target changes). */
export function dropTargetKey(target: DropTarget | null): string {
  if (!target) return '';
  if (target.kind === 'group') return `group:${target.noteId}`;
  if (target.kind === 'cluster') return `cluster:${target.clusterId}:${target.index}:${target.total}`;
  return `place:${target.areaId}:${target.index}:${target.total}`;
}

function areaTitle(doc: Y.Doc, areaId: string): string {
  return readAreas(doc).find((area) => area.id === areaId)?.title ?? '';
}

/** What the announcements read from the drag in progress (`NoteDragSession`). */
export interface AnnouncedDrag {
  /** The note picked up and where it was. */
  origin(): NoteDragData | null;
  /**
   * The drop target if it changed since this was last asked (the first time: since pick-up),
   * `undefined` if it did not.
   */
  takeTargetChange(): DropTarget | null | undefined;
  /** Where the latest drop went (null: nowhere), recorded before dnd-kit announces the end. */
  lastDrop(): { target: DropTarget | null } | null;
}

/**
 * Translated dnd-kit announcements, read by screen readers during a drag: on pick-up, whenever
 * the drop target changes (a move within an area changes the place, not what dnd-kit is over,
 * so this follows the session's target, not dnd-kit's `over`), on drop and on cancel.
 */
export function createNoteAnnouncements(doc: Y.Doc, t: TFunction, drag: AnnouncedDrag): Announcements {
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
  const announceChange = (): string | undefined => {
    const target = drag.takeTargetChange();
    if (target === undefined) return undefined;
    return target ? describe('over', target) : t('dnd.notOver');
  };
  return {
    onDragStart() {
      const origin = drag.origin();
      const place = origin && findCurrentPlace(doc, origin.noteId, origin.areaId);
      return place
        ? t('dnd.pickedUp', { area: areaTitle(doc, place.areaId), position: place.index + 1, total: place.total })
        : undefined;
    },
    onDragMove: announceChange,
    onDragOver: announceChange,
    onDragEnd() {
      const target = drag.lastDrop()?.target ?? null;
      return target ? describe('dropped', target) : t('dnd.droppedNowhere');
    },
    onDragCancel() {
      return t('dnd.cancelled');
    },
  };
}
