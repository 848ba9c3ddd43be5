import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TEST_IDS, addNote, addVote, groupNotes, updateSettings, type Note } from '@verksted/shared';
import { createPeer, createTestBoard, syncPeer } from '../test/board-fixture';
import { ReportView, countByGroup } from './ReportView';

const NOW = Date.UTC(2025, 10, 28, 12);

function setup() {
  const board = createTestBoard(0);
  const [first, second] = board.areaIds as [string, string];
  const add = (areaId: string, text: string, author: string, group: string | null = null, kind: 'idea' | 'need' = 'idea'): string =>
    addNote(board.doc, { areaId, text, kind, authorId: author, authorName: author, group });
  const notes = {
    low: add(first, 'Low', 'Ola', 'politicians'),
    high: add(first, 'High', 'Kari', 'employees', 'need'),
    g1: add(first, 'Grouped one', 'Per', 'employees'),
    g2: add(first, 'Grouped two', 'Ola', 'politicians'),
    other: add(second, 'Other area', 'Kari'),
  };
  groupNotes(board.doc, [notes.g1, notes.g2], { title: 'Together' });
  for (const [participant, ids] of Object.entries({ p1: [notes.high, notes.high, notes.g1], p2: [notes.high, notes.g2], p3: [notes.low] })) {
    for (const id of ids) addVote(board.doc, participant, id, 5);
  }
  updateSettings(board.doc, { phase: 'results', voteBudget: 5 });
  return { ...board, notes };
}

describe('printable report', () => {
  it('ranks each area’s notes and groups by dots, with kinds, authors and the date', () => {
    const { doc } = setup();
    render(<ReportView doc={doc} isFacilitator={false} now={NOW} />);
    const report = screen.getByTestId(TEST_IDS.report);
    expect(within(report).getByRole('heading', { level: 1 }).textContent).toBe('Test workshop');
    expect(report.textContent).toContain('Date: November 28, 2025');
    expect(report.textContent).toContain('Phase: Results');

    const items = screen.getAllByTestId(TEST_IDS.reportItem);
    expect(items.map((item) => [item.dataset.type, item.dataset.votes])).toEqual([
      ['note', '3'],
      ['cluster', '2'],
      ['note', '1'],
      ['note', '0'],
    ]);
    expect(items[0]!.textContent).toContain('High');
    expect(items[0]!.textContent).toContain('Need');
    expect(within(items[0]!).getByText('3 dots')).toBeTruthy();
    expect(within(items[0]!).getByText('By Kari, Employees')).toBeTruthy();
    expect(items[1]!.textContent).toContain('Group: Together');
    expect(items[1]!.textContent).toContain('Grouped one');
    expect(items[1]!.textContent).toContain('Grouped two');
  });

  it('breaks the notes down by stakeholder group, per area and for the whole workshop', () => {
    const { doc, areaIds } = setup();
    render(<ReportView doc={doc} isFacilitator={false} now={NOW} />);
    const area = screen.getAllByRole('table')[0]!;
    const rows = within(area)
      .getAllByRole('row')
      .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Stakeholder group', 'Notes', 'Dots'],
      ['Employees', '2', '4'],
      ['Politicians', '2', '2'],
      ['Total', '4', '6'],
    ]);
    expect(screen.getAllByRole('table')).toHaveLength(3); // two areas with notes, and the whole workshop
    expect(areaIds.length).toBeGreaterThan(2);
  });

  it('hides the authors in anonymous mode, for the facilitator too, and follows the board live', () => {
    const { doc, notes } = setup();
    render(<ReportView doc={doc} isFacilitator now={NOW} />);
    expect(screen.getAllByText(/^By /).length).toBeGreaterThan(0);
    const server = createPeer(doc);
    act(() => {
      updateSettings(server, { anonymous: true });
      addVote(server, 'p4', notes.low, 5);
      addVote(server, 'p4', notes.low, 5);
      addVote(server, 'p4', notes.low, 5);
      syncPeer(server, doc);
    });
    expect(screen.queryAllByText(/^By /)).toEqual([]);
    expect(screen.queryByText(/Kari|Ola|Per/)).toBeNull();
    expect(screen.getByText('Anonymous workshop: names are not shown.')).toBeTruthy();
    const first = screen.getAllByTestId(TEST_IDS.reportItem)[0]!;
    expect(first.textContent).toContain('Low');
    expect(first.dataset.votes).toBe('4');
  });

  it('shows no dots, and keeps board order, while the vote is still secret', () => {
    const { doc } = setup();
    updateSettings(doc, { phase: 'vote', votesRevealed: false });
    render(<ReportView doc={doc} isFacilitator={false} now={NOW} />);
    expect(screen.getByText('The dots are not shown yet.')).toBeTruthy();
    expect(screen.queryByText(/\d dots?$/)).toBeNull();
    expect(screen.getAllByTestId(TEST_IDS.reportItem)[0]!.textContent).toContain('Low');
  });
});

describe('countByGroup', () => {
  it('counts notes and dots per group, the notes without a group last', () => {
    const note = (id: string, group: string | null) => ({ id, group }) as Note;
    const rows = countByGroup([note('a', null), note('b', 'employees'), note('c', 'employees'), note('d', 'citizens')], new Map([['b', 3]]));
    expect(rows).toEqual([
      { group: 'employees', notes: 2, votes: 3 },
      { group: 'citizens', notes: 1, votes: 0 },
      { group: null, notes: 1, votes: 0 },
    ]);
  });
});
