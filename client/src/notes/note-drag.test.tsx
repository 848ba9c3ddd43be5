import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_IDS, groupNotes, readAreaLayout, updateSettings } from '@verksted/shared';
import type { DragState } from '../board/ui-slice';
import { BoardView } from '../board/BoardView';
import { publishDragLook } from '../board/BoardDnd';
import { useAppStore } from '../store/app-store';
import { RenderCounter, createTestBoard } from '../test/board-fixture';
import { setRenderProbe } from '../ui/render-probe';
import { DropGeometry, firstBoxBelow, hitAmong, keyboardSlotsAmong, type Box, type KeyboardSlot, type Point } from './drop-geometry';
import { dropMarkOf, isSamePlace, resolveDropTarget, type ZoneHit } from './note-drag';
import { NoteDragSession } from './note-drag-session';

/** Boxes of a vertical list: 40 px high, 10 px apart, from y = 100. */
function column(count: number): Box[] {
  return Array.from({ length: count }, (_, i) => ({ top: 100 + i * 50, bottom: 140 + i * 50, left: 0, right: 200 }));
}

describe('where a drop lands on screen', () => {
  it('finds the first note below the point by its middle, in O(log n) reads', () => {
    const boxes = column(1000);
    let reads = 0;
    const boxAt = (i: number): Box => {
      reads++;
      return boxes[i]!;
    };
    expect(firstBoxBelow(1000, boxAt, 0)).toBe(0);
    expect(firstBoxBelow(1000, boxAt, 119)).toBe(0); // upper half of the first note
    expect(firstBoxBelow(1000, boxAt, 121)).toBe(1); // lower half: after it
    expect(firstBoxBelow(1000, boxAt, 100 + 500 * 50 + 5)).toBe(500);
    expect(firstBoxBelow(1000, boxAt, 1e9)).toBe(1000);
    expect(firstBoxBelow(0, boxAt, 5)).toBe(0);
    expect(reads).toBeLessThanOrEqual(5 * 11);
  });

  it('tells which note the point is on, and which it is before', () => {
    const ids = ['a', 'b', 'c'];
    const boxes = column(3);
    const at = (x: number, y: number) => hitAmong(ids.length, (i) => ids[i]!, (i) => boxes[i]!, { x, y });
    expect(at(50, 110)).toEqual({ beforeNoteId: 'a', onNoteId: 'a' });
    expect(at(50, 135)).toEqual({ beforeNoteId: 'b', onNoteId: 'a' });
    expect(at(50, 145)).toEqual({ beforeNoteId: 'b', onNoteId: null }); // in the gap
    expect(at(300, 160)).toEqual({ beforeNoteId: 'b', onNoteId: null }); // beside the list
    expect(at(50, 239)).toEqual({ beforeNoteId: null, onNoteId: 'c' });
    expect(at(50, 400)).toEqual({ beforeNoteId: null, onNoteId: null });
    expect(hitAmong(0, () => 'none', () => boxes[0]!, { x: 0, y: 0 })).toEqual({ beforeNoteId: null, onNoteId: null });
  });

  it('gives the keyboard one stop per place, each inside the area and hitting what it stands for', () => {
    const ids = ['a', 'b'];
    const boxes = column(2);
    const zone: Box = { top: 90, bottom: 260, left: 0, right: 200 };
    const sort = keyboardSlotsAmong(ids, boxes, zone, 'sort');
    expect(sort.map((slot) => slot.hit)).toEqual([
      { beforeNoteId: 'a', onNoteId: null },
      { beforeNoteId: 'b', onNoteId: null },
      { beforeNoteId: null, onNoteId: null },
    ]);
    const group = keyboardSlotsAmong(ids, boxes, zone, 'group');
    expect(group.map((slot) => slot.hit.onNoteId)).toEqual(['a', 'b', null]);
    // Each stop's point hits, on screen, what the stop stands for.
    for (const slot of [...sort, ...group]) {
      const hit = hitAmong(ids.length, (i) => ids[i]!, (i) => boxes[i]!, slot.point);
      expect(hit.beforeNoteId).toBe(slot.hit.beforeNoteId);
      if (slot.hit.onNoteId) expect(hit.onNoteId).toBe(slot.hit.onNoteId);
      expect(slot.point.y).toBeGreaterThan(zone.top);
      expect(slot.point.y).toBeLessThan(zone.bottom);
    }
    expect(keyboardSlotsAmong([], [], zone, 'sort')).toEqual([{ hit: { beforeNoteId: null, onNoteId: null }, point: { x: 100, y: 175 } }]);
  });
});

describe('what a drop does and how it is marked', () => {
  it('places before the note below the point, or at the end, counting without the dragged note', () => {
    const { doc, areaIds } = createTestBoard(8); // two notes in each of four areas
    const [a0, a1] = readAreaLayout(doc).get(areaIds[0]!)!.map((item) => item.id);
    const [b0, b1] = readAreaLayout(doc).get(areaIds[1]!)!.map((item) => item.id);
    const zoneB = { type: 'area' as const, areaId: areaIds[1]! };
    const beforeB1 = resolveDropTarget(doc, a0!, zoneB, { beforeNoteId: b1!, onNoteId: null });
    expect(beforeB1).toEqual({ kind: 'place', areaId: areaIds[1], index: 1, total: 3 });
    expect(dropMarkOf(doc, a0!, null, beforeB1)).toEqual({ noteId: b1, kind: 'before' });
    const atEnd = resolveDropTarget(doc, a0!, zoneB, null);
    expect(atEnd).toEqual({ kind: 'place', areaId: areaIds[1], index: 2, total: 3 });
    expect(dropMarkOf(doc, a0!, null, atEnd)).toEqual({ noteId: b1, kind: 'after' });
    expect(b0).toBeTruthy();
    // Its own place: nothing to mark.
    const from = { kind: 'place' as const, areaId: areaIds[0]!, index: 0, total: 2 };
    const own = resolveDropTarget(doc, a0!, { type: 'area', areaId: areaIds[0]! }, { beforeNoteId: a1!, onNoteId: a0! });
    expect(own).toEqual({ ...from });
    expect(dropMarkOf(doc, a0!, from, own)).toBeNull();
  });
});

/** The board's geometry as a test sets it: what the pointer hits, and the keyboard's stops. */
class StubGeometry extends DropGeometry {
  nextHit: ZoneHit | null = null;
  slots: KeyboardSlot[] | null = null;
  override hit(): ZoneHit | null {
    return this.nextHit;
  }
  override keyboardSlots(): KeyboardSlot[] | null {
    return this.slots;
  }
  override indexOf(): number {
    return 0;
  }
  override isShown(): boolean {
    return true;
  }
}

function sessionOn(count: number) {
  const { doc, areaIds } = createTestBoard(count);
  const shown: (DragState | null)[] = [];
  const geometry = new StubGeometry();
  const session = new NoteDragSession(doc, (state) => shown.push(state), geometry);
  const idsOf = (areaId: string) => readAreaLayout(doc).get(areaId)!.flatMap((item) => (item.type === 'note' ? [item.id] : item.noteIds));
  return { doc, areaIds, session, geometry, shown, idsOf };
}

const POINT: Point = { x: 10, y: 10 };

describe('one drag (NoteDragSession)', () => {
  it('in the cluster phase, a note let go over its own place stays there (no grouping, no move)', () => {
    const { doc, areaIds, session, geometry, shown, idsOf } = sessionOn(12); // three notes per area
    const area = areaIds[0]!;
    const [a, b] = idsOf(area);
    session.start({ type: 'note', noteId: a!, areaId: area, clusterId: null }, 'group', false);
    session.setPoint(POINT);
    geometry.nextHit = { beforeNoteId: b!, onNoteId: a! };
    session.pointerOver({ type: 'area', areaId: area });
    expect(shown.at(-1)?.mark ?? null).toBeNull();
    const drop = session.drop('group')!;
    expect(isSamePlace(doc, a!, drop.from, drop.target!, drop.mode)).toBe(true);
    // Over the next note instead: grouped with it.
    session.start({ type: 'note', noteId: a!, areaId: area, clusterId: null }, 'group', false);
    session.setPoint(POINT);
    geometry.nextHit = { beforeNoteId: null, onNoteId: b! };
    session.pointerOver({ type: 'area', areaId: area });
    expect(shown.at(-1)?.mark).toEqual({ noteId: b, kind: 'group' });
    session.cancel();
  });

  it('a grouped note dropped on the area in the cluster phase leaves its group, even at the same index', () => {
    const { doc, areaIds, idsOf } = sessionOn(12);
    const area = areaIds[0]!;
    const [a, b, c] = idsOf(area);
    groupNotes(doc, [b!, c!]);
    const from = { kind: 'place' as const, areaId: area, index: 2, total: 3 };
    const atEnd = resolveDropTarget(doc, c!, { type: 'area', areaId: area }, { beforeNoteId: null, onNoteId: null }, 'group')!;
    expect(atEnd).toEqual({ kind: 'place', areaId: area, index: 2, total: 3 });
    expect(isSamePlace(doc, c!, from, atEnd, 'group')).toBe(false);
    expect(isSamePlace(doc, c!, from, atEnd, 'sort')).toBe(true);
    expect(a).toBeTruthy();
  });

  it('keyboard: up from the top of the area does nothing; down steps onto the next note', () => {
    const { areaIds, session, geometry, shown, idsOf } = sessionOn(12);
    const area = areaIds[0]!;
    const [a, b, c] = idsOf(area);
    geometry.slots = [
      { hit: { beforeNoteId: c!, onNoteId: b! }, point: { x: 1, y: 1 } },
      { hit: { beforeNoteId: null, onNoteId: c! }, point: { x: 1, y: 2 } },
      { hit: { beforeNoteId: null, onNoteId: null }, point: { x: 1, y: 3 } },
    ];
    session.start({ type: 'note', noteId: a!, areaId: area, clusterId: null }, 'group', true);
    expect(session.keyboardStep('ArrowUp')).toBeNull();
    expect(shown.at(-1)?.mark ?? null).toBeNull();
    expect(session.keyboardStep('ArrowDown')).toEqual({ x: 1, y: 1 });
    expect(shown.at(-1)?.mark).toEqual({ noteId: b, kind: 'group' });
    expect(session.keyboardStep('ArrowDown')).toEqual({ x: 1, y: 2 });
    expect(session.keyboardStep('ArrowDown')).toEqual({ x: 1, y: 3 });
    expect(session.keyboardStep('ArrowDown')).toBeNull();
    session.cancel();
  });

  it('stays busy from the drop until the move is written, so no new drag starts on the old layout', () => {
    const { areaIds, session, geometry, idsOf } = sessionOn(8);
    const area = areaIds[0]!;
    const [a] = idsOf(area);
    session.start({ type: 'note', noteId: a!, areaId: area, clusterId: null }, 'sort', false);
    session.setPoint(POINT);
    geometry.nextHit = { beforeNoteId: null, onNoteId: null };
    session.pointerOver({ type: 'area', areaId: areaIds[1]! });
    expect(session.drop('sort')?.target).toMatchObject({ kind: 'place', areaId: areaIds[1] });
    expect(session.active).toBe(true);
    session.clearLook();
    expect(session.active).toBe(false);
  });

  it('a drop after the phase changed under the drag (grouping no longer allowed) leaves the note where it was', () => {
    const { areaIds, session, geometry, idsOf } = sessionOn(8);
    const area = areaIds[0]!;
    const [a, b] = idsOf(area);
    session.start({ type: 'note', noteId: a!, areaId: area, clusterId: null }, 'group', false);
    session.setPoint(POINT);
    geometry.nextHit = { beforeNoteId: null, onNoteId: b! };
    session.pointerOver({ type: 'area', areaId: area });
    expect(session.drop('sort')?.target).toBeNull();
    expect(session.lastDrop()).toEqual({ target: null });
    session.clearLook();
  });
});

/** Lets the tasks queued so far run (inside act, so React renders what they change). */
const nextTask = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

describe('dragging a note with the keyboard on a board of 400 notes', { timeout: 30_000 }, () => {
  afterEach(() => setRenderProbe(null));

  it('re-renders only the notes whose look changes, and drops where the arrows took it', async () => {
    const { doc, areaIds } = createTestBoard(400);
    useAppStore.getState().setConnectionState({ hasFacilitatorKey: true });
    updateSettings(doc, { phase: 'share' });
    const counter = new RenderCounter();
    setRenderProbe(counter.record);
    render(<BoardView doc={doc} />);
    const first = areaIds[0]!;
    const ids = () => readAreaLayout(doc).get(first)!.map((item) => item.id);
    const [n0, n1, n2] = ids();
    const card = screen.getAllByTestId(TEST_IDS.note).find((el) => el.closest(`[data-drag-note="${n0}"]`))!;
    const handle = within(card).getByRole('button', { name: 'Drag note' });
    expect(handle.getAttribute('aria-describedby')).toBe('DndDescribedBy-board');
    expect(document.getElementById('DndDescribedBy-board')?.textContent).toMatch(/^To pick up a note, press Space or Enter/);

    counter.reset();
    handle.focus();
    act(() => {
      fireEvent.keyDown(handle, { code: 'Space', key: ' ' });
    });
    // What a drag shows is published in the next task (BoardDnd's publishDragLook).
    await nextTask();
    expect(useAppStore.getState().drag?.activeNoteId).toBe(n0);
    expect(handle.getAttribute('aria-pressed')).toBe('true');
    // Picking up re-renders the note picked up, not the other 399.
    expect(counter.total('DraggableNote')).toBe(1);
    expect(counter.count('DraggableNote', n0!)).toBe(1);
    expect(counter.total('NoteCard')).toBe(0);
    expect(await screen.findByText(/^Picked up note\. It is in .*, position 1 of 100\.$/)).toBeTruthy();

    // dnd-kit listens for the keys after the pick-up.
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    counter.reset();
    act(() => {
      fireEvent.keyDown(document.activeElement ?? document.body, { code: 'ArrowDown', key: 'ArrowDown' });
    });
    await nextTask();
    // Past the next note: the drop line is drawn before the one after it, and only it re-renders.
    expect(useAppStore.getState().drag?.mark).toEqual({ noteId: n2, kind: 'before' });
    expect(document.querySelector(`[data-drag-note="${n2}"]`)?.className).toContain('note-item--drop-before');
    expect(counter.total('DraggableNote')).toBe(1);
    expect(counter.total('NoteCard')).toBe(0);

    act(() => {
      fireEvent.keyDown(document.activeElement ?? document.body, { code: 'Space', key: ' ' });
    });
    // The move is written in a task of its own, right after the drop.
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(useAppStore.getState().drag).toBeNull();
    expect(ids().slice(0, 3)).toEqual([n1, n0, n2]);
    expect(await screen.findByText(/^Note dropped in .*, position 2 of 100\.$/)).toBeTruthy();
  });
});

describe('a key on one note while the mouse is pressed on another', { timeout: 30_000 }, () => {
  it('does not lend the drag to the keyboard note until the mouse is let go', async () => {
    const { doc, areaIds } = createTestBoard(8);
    useAppStore.getState().setConnectionState({ hasFacilitatorKey: true });
    updateSettings(doc, { phase: 'share' });
    render(<BoardView doc={doc} />);
    const [a, b] = readAreaLayout(doc).get(areaIds[0]!)!.map((item) => item.id);
    const noteA = document.querySelector(`[data-drag-note="${a}"]`)!;
    const handleB = document.querySelector<HTMLElement>(`[data-drag-note="${b}"] [data-drag-handle]`)!;
    act(() => {
      fireEvent.pointerDown(noteA, { isPrimary: true, button: 0, pointerType: 'mouse', clientX: 5, clientY: 5 });
    });
    handleB.focus();
    act(() => {
      fireEvent.keyDown(handleB, { code: 'Space', key: ' ' });
    });
    await nextTask();
    expect(useAppStore.getState().drag).toBeNull();
    // The mouse moves on: the note dragged is the one pressed, not the one whose handle had the key.
    act(() => {
      fireEvent.pointerMove(document, { isPrimary: true, clientX: 25, clientY: 25 });
    });
    await nextTask();
    expect(useAppStore.getState().drag?.activeNoteId).toBe(a);
    act(() => {
      fireEvent.keyDown(document, { code: 'Escape', key: 'Escape' });
    });
    expect(useAppStore.getState().drag).toBeNull();
    act(() => {
      fireEvent.pointerUp(noteA, { isPrimary: true, button: 0, pointerType: 'mouse' });
    });
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    act(() => {
      fireEvent.keyDown(handleB, { code: 'Space', key: ' ' });
    });
    await nextTask();
    expect(useAppStore.getState().drag?.activeNoteId).toBe(b);
    act(() => {
      fireEvent.keyDown(handleB, { code: 'Escape', key: 'Escape' });
    });
  });
});

describe('publishDragLook', () => {
  it('publishes the latest look once, in the next task; the end of a drag at once, dropping what waits', () => {
    vi.useFakeTimers();
    try {
      const published: (DragState | null)[] = [];
      const publish = publishDragLook((state) => published.push(state));
      const look = (noteId: string): DragState => ({ activeNoteId: noteId, overAreaId: null, overClusterId: null, mark: null });
      publish(look('a'));
      publish(look('b'));
      expect(published).toEqual([]);
      vi.runAllTimers();
      expect(published).toEqual([look('b')]);
      publish(look('c'));
      publish(null);
      vi.runAllTimers();
      expect(published).toEqual([look('b'), null]);
    } finally {
      vi.useRealTimers();
    }
  });
});
