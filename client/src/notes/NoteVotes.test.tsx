import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TEST_IDS, addNote, addVote, readBallot, updateSettings } from '@verksted/shared';
import { useAppStore } from '../store/app-store';
import { createPeer, createTestBoard, syncPeer } from '../test/board-fixture';
import { renderBoard } from '../test/render-board';

function setup(options: { budget?: number } = {}) {
  const board = createTestBoard(0);
  const [first, second] = board.areaIds;
  const a = addNote(board.doc, { areaId: first!, text: 'Share data', kind: 'idea', authorId: 'x', authorName: 'Ola' });
  const b = addNote(board.doc, { areaId: second!, text: 'Fewer meetings', kind: 'need', authorId: 'y', authorName: 'Kari' });
  updateSettings(board.doc, { phase: 'vote', voteBudget: options.budget ?? 2 });
  useAppStore.getState().setIdentity({ name: 'Me', group: null });
  renderBoard(board.doc);
  return { ...board, a, b, me: useAppStore.getState().participantId };
}

function card(text: string): HTMLElement {
  return screen.getAllByTestId(TEST_IDS.note).find((el) => el.textContent?.includes(text))!;
}

describe('dot voting', () => {
  it('gives dots up to the budget and refuses the one past it with a message', () => {
    const { doc, a, b, me } = setup({ budget: 2 });
    expect(screen.getByTestId(TEST_IDS.dotsLeft).textContent).toBe('2 of 2 dots left');

    fireEvent.click(screen.getByRole('button', { name: 'Give a dot to “Share data”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Give a dot to “Share data”' }));
    expect(readBallot(doc, me)).toEqual([a, a]);
    expect(within(card('Share data')).getByTestId(TEST_IDS.myDots).textContent).toContain('You gave 2 dots');
    expect(screen.getByTestId(TEST_IDS.dotsLeft).textContent).toBe('0 of 2 dots left');

    fireEvent.click(screen.getByRole('button', { name: 'Give a dot to “Fewer meetings”' }));
    expect(readBallot(doc, me)).toEqual([a, a]);
    // Said at the note whose button was pressed, as an alert.
    expect(within(card('Fewer meetings')).getByRole('alert').textContent).toBe(
      'You have used all your 2 dots. Take one back to give it to another note.',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Take back a dot from “Share data”' }));
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Give a dot to “Fewer meetings”' }));
    expect(readBallot(doc, me)).toEqual([a, b]);
    expect(screen.getByTestId(TEST_IDS.dotsLeft).textContent).toBe('0 of 2 dots left');
  });

  it('shows participants only their own dots until the facilitator reveals the totals', () => {
    const { doc, a } = setup({ budget: 5 });
    const server = createPeer(doc);
    act(() => {
      addVote(server, 'someone-else', a, 5);
      addVote(server, 'someone-else', a, 5);
      syncPeer(server, doc);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Give a dot to “Share data”' }));
    expect(screen.queryByTestId(TEST_IDS.noteVotes)).toBeNull();

    act(() => {
      updateSettings(server, { votesRevealed: true });
      syncPeer(server, doc);
    });
    expect(within(card('Share data')).getByTestId(TEST_IDS.noteVotes).textContent).toBe('3 dots');
    expect(within(card('Fewer meetings')).getByTestId(TEST_IDS.noteVotes).textContent).toBe('0 dots');
  });

  it('offers no dots outside the vote, nor on a locked board', () => {
    const { doc } = setup();
    const server = createPeer(doc);
    act(() => {
      updateSettings(server, { locked: true });
      syncPeer(server, doc);
    });
    expect(screen.queryByRole('button', { name: /Give a dot/ })).toBeNull();
    expect(screen.getByTestId(TEST_IDS.lockedBanner).textContent).toContain('locked the board');
    act(() => {
      updateSettings(server, { locked: false, phase: 'share' });
      syncPeer(server, doc);
    });
    expect(screen.queryByRole('button', { name: /Give a dot/ })).toBeNull();
    expect(screen.queryByTestId(TEST_IDS.dotsLeft)).toBeNull();
  });
});
