/**
 * Where on the screen a drag is: which note of an area's list the drag point is before or on,
 * and, for keyboard drags, the places a note can be moved to. Reads the rendered board (note
 * elements carry `data-drag-note`, area lists `data-drop-area`); lists are vertical, so a
 * binary search over the notes' rectangles finds the place in a few reads, however long the list.
 * Part of the board kit (`board/BoardKit.tsx`), loaded after the app starts.
 */
import { AREA_TAB_ATTR, AREA_ZONE_ATTR, DRAG_HANDLE_ATTR, NOTE_ELEMENT_ATTR } from './drag-dom';
import type { DropMode, ZoneHit } from './note-drag';

export interface Point {
  x: number;
  y: number;
}

/** The part of a rectangle the geometry needs (a `DOMRect` has it). */
export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** A place a keyboard drag can stop at in an area: what is "hit" there, and where to show the note. */
export interface KeyboardSlot {
  hit: ZoneHit;
  point: Point;
}

/**
 * The index of the first box whose vertical middle is below `y`, or `count` if none is: a drop
 * at `y` goes before that box. `boxAt` is read O(log count) times.
 */
export function firstBoxBelow(count: number, boxAt: (index: number) => Box, y: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const box = boxAt(mid);
    if ((box.top + box.bottom) / 2 > y) high = mid;
    else low = mid + 1;
  }
  return low;
}

function contains(box: Box, point: Point): boolean {
  return point.x >= box.left && point.x <= box.right && point.y >= box.top && point.y <= box.bottom;
}

/**
 * What `point` hits among `count` notes in list order, whose ids `idAt` and boxes `boxAt` give
 * (each read only for the few notes the search looks at).
 */
export function hitAmong(count: number, idAt: (index: number) => string, boxAt: (index: number) => Box, point: Point): ZoneHit {
  const below = firstBoxBelow(count, boxAt, point.y);
  let onNoteId: string | null = null;
  for (const index of [below, below - 1]) {
    if (index >= 0 && index < count && contains(boxAt(index), point)) onNoteId = idAt(index);
  }
  return { beforeNoteId: below < count ? idAt(below) : null, onNoteId };
}

/**
 * The places a keyboard drag steps through in one area, top to bottom. `sort`: before each
 * note, then after the last. `group`: on each note, then the area itself (a loose note at the end).
 */
export function keyboardSlotsAmong(ids: readonly string[], boxes: readonly Box[], zone: Box, mode: DropMode): KeyboardSlot[] {
  const x = (zone.left + zone.right) / 2;
  const slots: KeyboardSlot[] = ids.map((id, index) => {
    const box = boxes[index]!;
    return mode === 'sort'
      ? { hit: { beforeNoteId: id, onNoteId: null }, point: { x, y: box.top + 1 } }
      : { hit: { beforeNoteId: ids[index + 1] ?? null, onNoteId: id }, point: { x, y: (box.top + box.bottom) / 2 } };
  });
  const last = boxes[boxes.length - 1];
  const endY = last ? Math.min(zone.bottom - 1, last.bottom + 2) : (zone.top + zone.bottom) / 2;
  slots.push({ hit: { beforeNoteId: null, onNoteId: null }, point: { x, y: endY } });
  return slots;
}

function byAttr(attr: string, value: string): string {
  return `[${attr}="${CSS.escape(value)}"]`;
}

const noteIdOf = (element: HTMLElement): string => element.getAttribute(NOTE_ELEMENT_ATTR)!;

interface AreaList {
  zone: HTMLElement;
  notes: HTMLElement[];
  /** `notes` without the note being dragged, and the dragged note's own element. */
  others: { activeId: string; notes: HTMLElement[]; own: HTMLElement | undefined } | null;
}

/**
 * The board's geometry during one drag. Note elements of each area are collected once and kept
 * until the board's layout changes (`invalidate`); rectangles are read when asked, because the
 * page may have scrolled.
 */
export class DropGeometry {
  private readonly lists = new Map<string, AreaList | null>();

  constructor(private readonly root: ParentNode = document) {}

  /** Forget collected elements (the layout changed, or a new drag starts). */
  invalidate(): void {
    this.lists.clear();
  }

  /** The area's note elements, collected once per drag (or layout change); null if the list is not shown. */
  private list(areaId: string): AreaList | null {
    let list = this.lists.get(areaId);
    if (list === undefined) {
      const zone = this.root.querySelector<HTMLElement>(byAttr(AREA_ZONE_ATTR, areaId));
      list = zone ? { zone, notes: [...zone.querySelectorAll<HTMLElement>(`[${NOTE_ELEMENT_ATTR}]`)], others: null } : null;
      this.lists.set(areaId, list);
    }
    return list && list.zone.isConnected ? list : null;
  }

  /**
   * The area's notes without the dragged one (kept with the list: every move asks). The dragged
   * note is found by a selector and left out by position: no attribute read per note.
   */
  private othersOf(areaId: string, activeId: string): (NonNullable<AreaList['others']> & { zone: HTMLElement }) | null {
    const list = this.list(areaId);
    if (!list) return null;
    if (list.others?.activeId !== activeId) {
      const at = this.ownIndex(list, activeId);
      const notes = at < 0 ? list.notes : [...list.notes.slice(0, at), ...list.notes.slice(at + 1)];
      list.others = { activeId, notes, own: list.notes[at] };
    }
    return { zone: list.zone, ...list.others };
  }

  private ownIndex(list: AreaList, noteId: string): number {
    const own = list.zone.querySelector<HTMLElement>(byAttr(NOTE_ELEMENT_ATTR, noteId));
    const at = own ? list.notes.indexOf(own) : -1;
    // Not among the collected elements (re-created since they were collected): look by id instead.
    return at >= 0 || !own ? at : list.notes.findIndex((el) => noteIdOf(el) === noteId);
  }

  /**
   * What `point` hits in the area's list: the note below it with the dragged note left out, and
   * the note it is on (the dragged note's own place, still shown, counts). Null if the list is not shown.
   */
  hit(areaId: string, point: Point, activeId: string): ZoneHit | null {
    const list = this.othersOf(areaId, activeId);
    if (!list) return null;
    const hit = hitAmong(list.notes.length, (index) => noteIdOf(list.notes[index]!), (index) => list.notes[index]!.getBoundingClientRect(), point);
    return list.own && contains(list.own.getBoundingClientRect(), point) ? { ...hit, onNoteId: activeId } : hit;
  }

  /** Whether the area's list is on screen (on narrow screens only the chosen area's is). */
  isShown(areaId: string): boolean {
    return this.list(areaId) !== null;
  }

  /** The keyboard's stops in the area (see `keyboardSlotsAmong`); null if the list is not shown. */
  keyboardSlots(areaId: string, activeId: string, mode: DropMode): KeyboardSlot[] | null {
    const list = this.othersOf(areaId, activeId);
    if (!list) return null;
    const boxes = list.notes.map((el) => el.getBoundingClientRect());
    return keyboardSlotsAmong(list.notes.map(noteIdOf), boxes, list.zone.getBoundingClientRect(), mode);
  }

  /** Where the note picked up sits in its area's list (its index with itself counted), or -1. */
  indexOf(areaId: string, noteId: string): number {
    const list = this.list(areaId);
    return list ? this.ownIndex(list, noteId) : -1;
  }

  /** The middle of an area's tab (narrow screens), or null when it has none on screen. */
  tabCentre(areaId: string): Point | null {
    const tab = this.root.querySelector<HTMLElement>(byAttr(AREA_TAB_ATTR, areaId));
    if (!tab) return null;
    const box = tab.getBoundingClientRect();
    return { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
  }

  /** The drag handle of a note, for giving focus back after a keyboard drop. */
  handleOf(noteId: string): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`${byAttr(NOTE_ELEMENT_ATTR, noteId)} [${DRAG_HANDLE_ATTR}]`);
  }
}
