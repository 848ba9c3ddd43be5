/**
 * One note drag from pick-up to drop: where the note would land now, what the board marks for
 * it, and the keyboard's steps. dnd-kit moves the preview and tells which drop zone (an area's
 * list, a group's box, an area's tab) the pointer is over; the place inside the zone comes from
 * the drag point and the notes on screen (`DropGeometry`), and the keyboard steps through
 * places, not pixels. The board's drag state in the app store changes only when the target does.
 * Part of the board kit (`board/BoardKit.tsx`), loaded after the app starts.
 */
import type * as Y from 'yjs';
import { readAreas } from '@verksted/shared';
import type { DragState } from '../board/ui-slice';
import { DropGeometry, type Point } from './drop-geometry';
import {
  dropMarkOf,
  dropTargetKey,
  findCurrentPlace,
  resolveDropTarget,
  type AnnouncedDrag,
  type DropMode,
  type DropTarget,
  type DropZoneData,
  type NoteDragData,
  type PlaceTarget,
} from './note-drag';

/** Where a keyboard drag is: a stop in an area (`DropGeometry.keyboardSlots`), or just before it. */
interface KeyboardCursor {
  areaId: string;
  index: number;
  /** Between stops `index - 1` and `index` (the note's own place at pick-up in the cluster phase). */
  between: boolean;
}

export class NoteDragSession implements AnnouncedDrag {
  private data: NoteDragData | null = null;
  private from: PlaceTarget | null = null;
  private mode: DropMode = 'sort';
  private point: Point | null = null;
  private zone: DropZoneData | null = null;
  /** What the last pointer target was worked out from (zone and hit), so an unchanged one is not redone. */
  private lastInput = '';
  private cursor: KeyboardCursor | null = null;
  private target: DropTarget | null = null;
  private announcedKey = '';
  private shownKey = '';
  private dropped: { target: DropTarget | null } | null = null;
  /** A drop is being written (`drop` until `clearLook`): no new drag may start on the old layout. */
  private pending = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly showDrag: (state: DragState | null) => void,
    readonly geometry: DropGeometry = new DropGeometry(),
  ) {}

  /** Whether a drag is in progress, or its drop is still being written. */
  get active(): boolean {
    return this.data !== null || this.pending;
  }

  /** A drag starts (`keyboard`: picked up with the keyboard, which moves by steps). */
  start(data: NoteDragData, mode: DropMode, keyboard: boolean): void {
    this.data = { ...data };
    this.mode = mode;
    this.point = null;
    this.zone = null;
    this.lastInput = '';
    this.dropped = null;
    this.geometry.invalidate();
    this.from = findCurrentPlace(this.doc, data.noteId, data.areaId);
    this.target = this.from;
    this.announcedKey = dropTargetKey(this.from);
    this.shownKey = '';
    const index = this.geometry.indexOf(data.areaId, data.noteId);
    this.cursor = keyboard ? { areaId: data.areaId, index: Math.max(0, index), between: mode === 'group' } : null;
    this.show();
  }

  /** The drag point now (the pointer; for keyboard drags it is not used). */
  setPoint(point: Point | null): void {
    this.point = point;
  }

  /** The board's layout changed during the drag (someone else moved or added a note). */
  layoutChanged(): void {
    this.geometry.invalidate();
    this.lastInput = '';
  }

  /** A pointer drag moved, or what it is over changed: recompute the target. */
  pointerOver(zone: DropZoneData | null): void {
    this.zone = zone;
    this.refresh();
  }

  /** The board scrolled under a pointer drag: the same point is over another place now. */
  refresh(): void {
    const data = this.data;
    if (!data || this.cursor) return;
    const zone = this.zone;
    // An area's tab has no list on screen: a drop there goes to the area's end.
    const isTab = zone?.type === 'area' && zone.tab === true;
    const hit = zone && !isTab && this.point ? this.geometry.hit(zone.areaId, this.point, data.noteId) : null;
    // Most pointer moves stay over the same place: then the target is what it was.
    const input = `${zone?.type ?? ''}:${zone?.areaId ?? ''}:${zone?.type === 'cluster' ? zone.clusterId : ''}:${isTab}|${hit?.beforeNoteId ?? ''}|${hit?.onNoteId ?? ''}`;
    if (input === this.lastInput) return;
    this.lastInput = input;
    // Over its own place the note stays where it is (in the cluster phase too: no grouping with itself).
    const onItself = hit?.onNoteId === data.noteId;
    this.setTarget(onItself ? this.from : resolveDropTarget(this.doc, data.noteId, zone, hit, this.mode));
  }

  /**
   * A keyboard drag's arrow key: up and down step through the places in the area, left and
   * right go to the end of the area before or after. Returns where to show the note (the
   * middle of the preview), or null if the key leads nowhere.
   */
  keyboardStep(code: string): Point | null {
    const data = this.data;
    const cursor = this.cursor;
    if (!data || !cursor) return null;
    if (code === 'ArrowUp' || code === 'ArrowDown') {
      const slots = this.geometry.keyboardSlots(cursor.areaId, data.noteId, this.mode);
      if (!slots) return null;
      const index = code === 'ArrowDown' ? (cursor.between ? cursor.index : cursor.index + 1) : cursor.index - 1;
      // At the top or the bottom of the area already: the key does nothing.
      if (index < 0 || index > slots.length - 1) return null;
      this.cursor = { areaId: cursor.areaId, index, between: false };
      this.setTarget(resolveDropTarget(this.doc, data.noteId, { type: 'area', areaId: cursor.areaId }, slots[index]!.hit, this.mode));
      return slots[index]!.point;
    }
    if (code === 'ArrowLeft' || code === 'ArrowRight') {
      const areaIds = readAreas(this.doc).map((area) => area.id);
      const next = areaIds[areaIds.indexOf(cursor.areaId) + (code === 'ArrowLeft' ? -1 : 1)];
      if (next === undefined) return null;
      const zone: DropZoneData = { type: 'area', areaId: next };
      const slots = this.geometry.keyboardSlots(next, data.noteId, this.mode);
      if (slots) {
        const end = slots.length - 1;
        this.cursor = { areaId: next, index: end, between: false };
        this.setTarget(resolveDropTarget(this.doc, data.noteId, zone, slots[end]!.hit, this.mode));
        return slots[end]!.point;
      }
      // Narrow screens show one area: the others are their tabs, and a drop there goes to the end.
      const tab = this.geometry.tabCentre(next);
      if (!tab) return null;
      this.cursor = { areaId: next, index: 0, between: true };
      this.setTarget(resolveDropTarget(this.doc, data.noteId, zone, null, this.mode));
      return tab;
    }
    return null;
  }

  /**
   * The drag ends in a drop (`modeNow`: the drop mode of the phase now): the target, remembered
   * for the announcement. Ends the session, but
   * the board goes on showing the drag (the dragged note, the drop mark) until `clearLook`, so
   * the move can be written a moment later without the note jumping back in between.
   */
  drop(modeNow: DropMode): { data: NoteDragData; from: PlaceTarget | null; target: DropTarget | null; mode: DropMode } | null {
    const data = this.data;
    if (!data) return null;
    // The phase changed during the drag (say, the facilitator ended the cluster phase): what the
    // board showed no longer applies, so the note stays where it was.
    const target = modeNow === this.mode ? this.target : null;
    const result = { data, from: this.from, target, mode: this.mode };
    this.dropped = { target };
    this.pending = true;
    this.end();
    return result;
  }

  /** After a drop, once it is written (or there was nothing to write): the board stops showing the drag. */
  clearLook(): void {
    this.pending = false;
    if (!this.data) this.showDrag(null);
  }

  /** The drag ends without a drop. */
  cancel(): void {
    this.dropped = null;
    this.pending = false;
    this.end();
    this.showDrag(null);
  }

  private end(): void {
    this.data = null;
    this.cursor = null;
    this.point = null;
    // Let go of the elements collected for this drag.
    this.geometry.invalidate();
  }

  private setTarget(target: DropTarget | null): void {
    this.target = target;
    this.show();
  }

  /** Tells the app store (drop highlights, the note being dragged) when what it shows changes. */
  private show(): void {
    const data = this.data;
    if (!data) return;
    const target = this.target;
    const mark = dropMarkOf(this.doc, data.noteId, this.from, target, this.mode);
    const key = `${dropTargetKey(target)}|${mark ? `${mark.kind}:${mark.noteId}` : ''}`;
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.showDrag({
      activeNoteId: data.noteId,
      overAreaId: target?.kind === 'place' ? target.areaId : null,
      overClusterId: target?.kind === 'cluster' ? target.clusterId : null,
      mark,
    });
  }

  // AnnouncedDrag

  origin(): NoteDragData | null {
    return this.data;
  }

  takeTargetChange(): DropTarget | null | undefined {
    if (!this.data) return undefined;
    const key = dropTargetKey(this.target);
    if (key === this.announcedKey) return undefined;
    this.announcedKey = key;
    return this.target;
  }

  lastDrop(): { target: DropTarget | null } | null {
    return this.dropped;
  }
}
