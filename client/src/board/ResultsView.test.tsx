import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TEST_IDS, addNote, addVote, groupNotes, updateSettings } from '@verksted/shared';
import { useAppStore } from '../store/app-store';
import { createPeer, createTestBoard, syncPeer } from '../test/board-fixture';
import { renderBoard } from '../test/render-board';

function setup() {
  const board = createTestBoard(0);
  const [first, second] = board.areaIds as [string, string];
  const add = (areaId: string, text: string, author = 'Ola'): string =>
    addNote(board.doc, { areaId, text, kind: 'idea', authorId: author, authorName: author });
  const notes = {
    low: add(first, 'Low'),
    high: add(first, 'High'),
    mid: add(first, 'Mid'),
    g1: add(first, 'Grouped one'),
    g2: add(first, 'Grouped two'),
    other: add(second, 'Other area'),
  };
  groupNotes(board.doc, [notes.g1, notes.g2], { title: 'Together' });
  const vote = (participant: string, ...noteIds: string[]): void => {
    for (const id of noteIds) addVote(board.doc, participant, id, 5);
  };
  vote('p1', notes.high, notes.high, notes.mid, notes.g1);
  vote('p2', notes.high, notes.g2, notes.g2, notes.mid);
  vote('p3', notes.low);
  updateSettings(board.doc, { phase: 'results', voteBudget: 5 });
  useAppStore.getState().setIdentity({ name: 'Me', group: null });
  return { ...board, notes };
}

function areaResults(title: string): HTMLElement {
  return screen.getByRole('region', { name: title });
}

describe('results', () => {
  it('ranks notes and groups per area by dots, a group counting its notes together', async () => {
    const { doc, areaIds } = setup();
    renderBoard(doc);
    // The ranking is loaded when the results phase comes.
    expect(await screen.findByTestId(TEST_IDS.results)).toBeTruthy();
    expect(screen.queryByTestId(TEST_IDS.area)).toBeNull();
    const titles = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(titles).toHaveLength(areaIds.length);

    const first = areaResults(titles[0]!);
    const items = within(first).getAllByTestId(TEST_IDS.resultItem);
    expect(items.map((item) => item.dataset.votes)).toEqual(['3', '3', '2', '1']);
    // Ties keep board order: High (2nd on the board) before the group (4th and 5th).
    expect(items[0]!.textContent).toContain('High');
    expect(items[1]!.textContent).toContain('Together');
    expect(items[1]!.textContent).toContain('Grouped one');
    expect(items[1]!.textContent).toContain('(2 notes)');
    expect(items[2]!.textContent).toContain('Mid');
    expect(items[3]!.textContent).toContain('Low');
    expect(within(items[0]!).getByText('3 dots')).toBeTruthy();
    expect(within(items[0]!).getByText('By Ola')).toBeTruthy();

    const second = areaResults(titles[1]!);
    expect(within(second).getAllByTestId(TEST_IDS.resultItem).map((item) => item.dataset.votes)).toEqual(['0']);
  });

  it('follows new dots and hides names in anonymous mode', async () => {
    const { doc, notes } = setup();
    renderBoard(doc);
    await screen.findByTestId(TEST_IDS.results);
    const server = createPeer(doc);
    act(() => {
      addVote(server, 'p4', notes.low, 5);
      addVote(server, 'p4', notes.low, 5);
      addVote(server, 'p4', notes.low, 5);
      updateSettings(server, { anonymous: true });
      syncPeer(server, doc);
    });
    const items = screen.getAllByTestId(TEST_IDS.resultItem);
    expect(items[0]!.textContent).toContain('Low');
    expect(items[0]!.dataset.votes).toBe('4');
    expect(screen.queryByText('By Ola')).toBeNull();
  });
});
