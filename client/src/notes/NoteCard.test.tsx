import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addNote, readAreas, readNote, readNoteIdsByArea, readNotes, TEST_IDS } from '@verksted/shared';
import { BoardView } from '../board/BoardView';
import { useAppStore } from '../store/app-store';
import { createTestBoard } from '../test/board-fixture';

function setup(noteCount = 0) {
  const board = createTestBoard(noteCount);
  useAppStore.getState().setIdentity({ name: 'Kari', group: 'employees' });
  render(<BoardView doc={board.doc} />);
  const areas = screen.getAllByTestId(TEST_IDS.area);
  return { ...board, areas, me: useAppStore.getState().participantId };
}

function addThroughUi(area: HTMLElement, text: string): void {
  fireEvent.click(within(area).getByRole('button', { name: 'Add note' }));
  const input = within(area).getByTestId(TEST_IDS.noteInput);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('adding and editing notes', () => {
  it('adds a note with Enter, as an idea by me, and focuses it', () => {
    const { doc, areas, areaIds, me } = setup();
    addThroughUi(areas[0]!, 'Dele data på tvers');

    const [note] = readNotes(doc);
    expect(note).toMatchObject({ text: 'Dele data på tvers', kind: 'idea', authorId: me, authorName: 'Kari', group: 'employees' });
    expect(note?.areaId).toBe(areaIds[0]);
    expect(within(areas[0]!).queryByTestId(TEST_IDS.noteInput)).toBeNull();
    const card = within(areas[0]!).getByTestId(TEST_IDS.note);
    expect(within(card).getByTestId(TEST_IDS.noteText).textContent).toBe('Dele data på tvers');
    expect(within(card).getByText('Idea')).toBeTruthy();
    expect(document.activeElement).toBe(card);
  });

  it('keeps Shift+Enter as a new line and cancels with Escape', () => {
    const { doc, areas } = setup();
    fireEvent.click(within(areas[1]!).getByRole('button', { name: 'Add note' }));
    const input = within(areas[1]!).getByTestId(TEST_IDS.noteInput);
    fireEvent.change(input, { target: { value: 'line one' } });
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(readNotes(doc)).toHaveLength(0);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(within(areas[1]!).queryByTestId(TEST_IDS.noteInput)).toBeNull();
    expect(document.activeElement).toBe(within(areas[1]!).getByRole('button', { name: 'Add note' }));
    expect(readNotes(doc)).toHaveLength(0);
  });

  it('adds a note of the chosen kind', () => {
    const { doc, areas } = setup();
    fireEvent.click(within(areas[0]!).getByRole('button', { name: 'Add note' }));
    fireEvent.click(within(areas[0]!).getByRole('radio', { name: 'Need' }));
    const input = within(areas[0]!).getByTestId(TEST_IDS.noteInput);
    fireEvent.change(input, { target: { value: 'Bedre verktøy' } });
    fireEvent.click(within(areas[0]!).getByRole('button', { name: 'Add' }));
    expect(readNotes(doc)[0]?.kind).toBe('need');
  });

  it('edits my own note inline and cancels an edit with Escape', () => {
    const { doc, areas } = setup();
    addThroughUi(areas[0]!, 'First text');
    const noteId = readNotes(doc)[0]!.id;

    fireEvent.click(screen.getByRole('button', { name: 'First text' }));
    const editor = screen.getByTestId(TEST_IDS.noteEditInput);
    fireEvent.change(editor, { target: { value: 'Second text' } });
    fireEvent.keyDown(editor, { key: 'Enter' });
    expect(readNote(doc, noteId)?.text).toBe('Second text');

    fireEvent.keyDown(screen.getByRole('button', { name: 'Second text' }), { key: 'Enter' });
    const again = screen.getByTestId(TEST_IDS.noteEditInput);
    fireEvent.change(again, { target: { value: 'Thrown away' } });
    fireEvent.keyDown(again, { key: 'Escape' });
    expect(readNote(doc, noteId)?.text).toBe('Second text');
    expect(screen.queryByTestId(TEST_IDS.noteEditInput)).toBeNull();
  });

  it("does not offer editing or deleting someone else's note to a participant", () => {
    const { doc, areaIds } = setup();
    act(() => {
      addNote(doc, { areaId: areaIds[0]!, text: 'Not mine', kind: 'goal', authorId: 'someone-else', authorName: 'Ola' });
    });
    const card = screen.getByTestId(TEST_IDS.note);
    expect(within(card).queryByRole('button', { name: 'Not mine' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Delete note' })).toBeNull();
    expect(within(card).getByText('By Ola')).toBeTruthy();
  });

  it('lets the facilitator delete any note', () => {
    const { doc, areaIds } = setup();
    act(() => {
      useAppStore.getState().setConnectionState({ hasFacilitatorKey: true });
      addNote(doc, { areaId: areaIds[0]!, text: 'Not mine', kind: 'goal', authorId: 'someone-else', authorName: 'Ola' });
    });
    fireEvent.click(within(screen.getByTestId(TEST_IDS.note)).getByRole('button', { name: 'Delete note' }));
    expect(readNotes(doc)).toHaveLength(0);
  });

  it('deletes my note and moves focus to the next note', () => {
    const { doc, areas } = setup();
    addThroughUi(areas[0]!, 'One');
    addThroughUi(areas[0]!, 'Two');
    const [first, second] = within(areas[0]!).getAllByTestId(TEST_IDS.note);
    fireEvent.click(within(first!).getByRole('button', { name: 'Delete note' }));
    expect(readNotes(doc).map((n) => n.text)).toEqual(['Two']);
    expect(document.activeElement).toBe(second);
    fireEvent.click(within(second!).getByRole('button', { name: 'Delete note' }));
    expect(document.activeElement).toBe(within(areas[0]!).getByRole('button', { name: 'Add note' }));
  });

  it('moves a note to another area and up within an area without dragging', () => {
    const { doc, areas, areaIds } = setup();
    addThroughUi(areas[0]!, 'A');
    addThroughUi(areas[0]!, 'B');
    const target = readAreas(doc)[2]!;
    const cardA = within(areas[0]!).getAllByTestId(TEST_IDS.note)[0]!;
    fireEvent.click(within(cardA).getByRole('button', { name: 'Move to area…' }));
    fireEvent.click(within(cardA).getByRole('button', { name: `Move to ${target.title}` }));
    expect(readNoteIdsByArea(doc).get(areaIds[2]!)).toHaveLength(1);
    expect(readNote(doc, readNoteIdsByArea(doc).get(areaIds[2]!)![0]!)?.text).toBe('A');

    addThroughUi(areas[2]!, 'C');
    const cardC = within(areas[2]!).getAllByTestId(TEST_IDS.note)[1]!;
    fireEvent.click(within(cardC).getByRole('button', { name: 'Move to area…' }));
    fireEvent.click(within(cardC).getByRole('button', { name: 'Move up' }));
    const order = readNoteIdsByArea(doc).get(areaIds[2]!)!.map((id) => readNote(doc, id)?.text);
    expect(order).toEqual(['C', 'A']);
  });
});
