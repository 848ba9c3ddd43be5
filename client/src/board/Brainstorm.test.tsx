import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TEST_IDS, addNote, updateSettings } from '@verksted/shared';
import { IdentityDialog } from '../identity/IdentityDialog';
import { useAppStore } from '../store/app-store';
import { createPeer, createTestBoard, syncPeer } from '../test/board-fixture';
import { renderBoard } from '../test/render-board';

function setup(role: 'participant' | 'facilitator') {
  const board = createTestBoard(0);
  const [first, second] = board.areaIds as [string, string];
  useAppStore.getState().setIdentity({ name: 'Kari', group: null });
  if (role === 'facilitator') useAppStore.getState().setConnectionState({ hasFacilitatorKey: true });
  const me = useAppStore.getState().participantId;
  addNote(board.doc, { areaId: first, text: 'Mine', kind: 'idea', authorId: me, authorName: 'Kari' });
  addNote(board.doc, { areaId: first, text: 'From Ola', kind: 'idea', authorId: 'ola', authorName: 'Ola' });
  updateSettings(board.doc, { phase: 'brainstorm', brainstormCounts: { [first]: 12, [second]: 1 } });
  renderBoard(board.doc);
  return { ...board, first, second };
}

describe('silent brainstorm', () => {
  it('tells participants their notes are private and shows the counts per area', () => {
    const { doc, first } = setup('participant');
    expect(screen.getByTestId(TEST_IDS.phase).textContent).toBe('Brainstorm');
    expect(screen.getByText('Silent brainstorm: only you and the facilitator see your notes.')).toBeTruthy();
    const counts = screen.getAllByTestId(TEST_IDS.brainstormCount).map((el) => el.textContent);
    expect(counts.slice(0, 3)).toEqual(['12 notes so far', '1 note so far', '0 notes so far']);
    // The participant's doc holds what the server sent; it is shown as it is.
    expect(screen.getByText('Mine')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Peek at notes' })).toBeNull();

    const server = createPeer(doc);
    act(() => {
      updateSettings(server, { brainstormCounts: { [first]: 13 } });
      syncPeer(server, doc);
    });
    expect(screen.getAllByTestId(TEST_IDS.brainstormCount)[0]!.textContent).toBe('13 notes so far');
  });

  it('hides the notes of others from the facilitator until "Peek at notes"', () => {
    setup('facilitator');
    expect(screen.getByText('Mine')).toBeTruthy();
    expect(screen.queryByText('From Ola')).toBeNull();
    const peek = screen.getByRole('button', { name: 'Peek at notes' });
    expect(peek.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(peek);
    expect(peek.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('From Ola')).toBeTruthy();
  });

  it('announces a phase change politely and the lock', () => {
    const { doc } = setup('participant');
    const server = createPeer(doc);
    act(() => {
      updateSettings(server, { phase: 'share' });
      syncPeer(server, doc);
    });
    expect(screen.getByTestId(TEST_IDS.phase).textContent).toBe('Share');
    expect(useAppStore.getState().announcement?.text).toBe(
      'New phase: Share. Everyone’s notes are visible now. Read them, and add what is missing.',
    );
    expect(screen.getAllByTestId(TEST_IDS.area)[0]!.textContent).toContain('2 notes');
    act(() => {
      updateSettings(server, { locked: true });
      syncPeer(server, doc);
    });
    expect(screen.getByTestId(TEST_IDS.lockedBanner).textContent).toBe(
      ' The facilitator has locked the board. You can read it, but not change anything.',
    );
    expect(useAppStore.getState().announcement?.text).toBe('The board is locked.');
    expect(screen.queryByRole('button', { name: 'Add note' })).toBeNull();
    expect(within(screen.getAllByTestId(TEST_IDS.note)[0]!).queryByRole('button', { name: 'Delete note' })).toBeNull();
  });
});

describe('joining', () => {
  it("offers the board's stakeholder groups, default ids translated and custom ones as typed", () => {
    let done = false;
    render(<IdentityDialog mode="welcome" isFacilitator={false} groups={['politicians', 'Ungdomsrådet']} onDone={() => (done = true)} />);
    const select = screen.getByRole('combobox', { name: 'Stakeholder group (optional)' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['No group', 'Politicians', 'Ungdomsrådet']);
    fireEvent.change(screen.getByRole('textbox', { name: 'Your name' }), { target: { value: 'Per' } });
    fireEvent.change(select, { target: { value: 'Ungdomsrådet' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(done).toBe(true);
    expect(useAppStore.getState()).toMatchObject({ name: 'Per', group: 'Ungdomsrådet' });
  });
});

describe('anonymous mode', () => {
  function anonymousBoard(role: 'participant' | 'facilitator') {
    const board = createTestBoard(0);
    useAppStore.getState().setIdentity({ name: 'Kari', group: 'politicians' });
    if (role === 'facilitator') useAppStore.getState().setConnectionState({ hasFacilitatorKey: true });
    const me = useAppStore.getState().participantId;
    addNote(board.doc, { areaId: board.areaIds[0]!, text: 'Mine', kind: 'idea', authorId: me, authorName: 'Kari', group: 'politicians' });
    addNote(board.doc, { areaId: board.areaIds[0]!, text: 'Theirs', kind: 'idea', authorId: 'ola', authorName: 'Ola', group: 'Ungdomsrådet' });
    updateSettings(board.doc, { phase: 'share', anonymous: true });
    renderBoard(board.doc);
  }

  it('hides names from participants, who still see which notes are theirs', () => {
    anonymousBoard('participant');
    const [mine, theirs] = screen.getAllByTestId(TEST_IDS.note);
    expect(within(mine!).getByText('Your note')).toBeTruthy();
    expect(theirs!.textContent).not.toContain('Ola');
    expect(screen.queryByText(/Kari/)).toBeNull();
  });

  it('shows the facilitator the names, with custom stakeholder groups as typed', () => {
    anonymousBoard('facilitator');
    expect(screen.getByText('By Kari, Politicians')).toBeTruthy();
    expect(screen.getByText('By Ola, Ungdomsrådet')).toBeTruthy();
  });
});
