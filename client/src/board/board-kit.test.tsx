import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_IDS, addNote, updateSettings } from '@verksted/shared';
import { useAppStore } from '../store/app-store';
import { createTestBoard } from '../test/board-fixture';
import { renderBoard } from '../test/render-board';
import { setLoadedBoardKitForTests } from './board-kit';

afterEach(async () => setLoadedBoardKitForTests(await import('./BoardKit')));

function setup() {
  const board = createTestBoard(0);
  const [first] = board.areaIds as [string];
  useAppStore.getState().setIdentity({ name: 'Kari', group: null });
  const me = useAppStore.getState().participantId;
  addNote(board.doc, { areaId: first, text: 'Mine', kind: 'idea', authorId: me, authorName: 'Kari' });
  updateSettings(board.doc, { phase: 'share' });
  return board;
}

describe('the board before its drag-and-drop layer is loaded', () => {
  it('is complete without it: notes show, can be added and moved with the menu', () => {
    setLoadedBoardKitForTests(null);
    renderBoard(setup().doc);
    const note = screen.getByTestId(TEST_IDS.note);
    expect(within(note).queryByRole('button', { name: 'Drag note' })).toBeNull();
    expect(within(note).getByRole('button', { name: 'Move to area…' })).toBeTruthy();
    expect(screen.getAllByTestId(TEST_IDS.addNoteButton).length).toBeGreaterThan(0);
  });

  it('gains dragging when it arrives, but not while someone is typing in the board', async () => {
    setLoadedBoardKitForTests(null);
    renderBoard(setup().doc);
    fireEvent.click(screen.getAllByTestId(TEST_IDS.addNoteButton)[0]!);
    fireEvent.change(screen.getByTestId(TEST_IDS.noteInput), { target: { value: 'Half a thought' } });

    const kit = await import('./BoardKit');
    act(() => setLoadedBoardKitForTests(kit));
    // Still typing: the draft (and where the keyboard is) is kept; dragging waits.
    expect((screen.getByTestId(TEST_IDS.noteInput) as HTMLTextAreaElement).value).toBe('Half a thought');
    expect(document.activeElement).toBe(screen.getByTestId(TEST_IDS.noteInput));
    expect(screen.queryByRole('button', { name: 'Drag note' })).toBeNull();

    fireEvent.keyDown(screen.getByTestId(TEST_IDS.noteInput), { key: 'Enter' });
    (document.activeElement as HTMLElement | null)?.blur();
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Drag note' })).toHaveLength(2), { timeout: 3000 });
    expect(screen.getByText('Half a thought')).toBeTruthy();
  });
});
