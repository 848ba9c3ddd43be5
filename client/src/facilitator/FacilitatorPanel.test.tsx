import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_IDS, addNote, readAreas, readNotes, updateSettings } from '@verksted/shared';
import { useAppStore } from '../store/app-store';
import { createTestBoard } from '../test/board-fixture';
import FacilitatorPanel from './FacilitatorPanel';

const BOARD_ID = 'AbCdEfGhIjKlMnOpQrStUv';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

let calls: Call[] = [];
let reply: { status: number; body: unknown } = { status: 200, body: {} };

beforeEach(() => {
  calls = [];
  reply = { status: 200, body: { settings: {}, title: 'x' } };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      // The snapshot list fetches its list by itself; these tests are about the settings.
      if (url.endsWith('/snapshots') && (init.method ?? 'GET') === 'GET') {
        return new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      calls.push({
        url,
        method: init.method ?? 'GET',
        headers: init.headers as Record<string, string>,
        body: init.body ? JSON.parse(String(init.body)) : null,
      });
      return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  useAppStore.getState().setConnectionState({ hasFacilitatorKey: true });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function setup() {
  const board = createTestBoard(0);
  updateSettings(board.doc, { phase: 'share' });
  render(<FacilitatorPanel boardId={BOARD_ID} facilitatorKey="the-key" doc={board.doc} title="Test workshop" />);
  return board;
}

describe('facilitator panel', () => {
  it('changes the phase through PATCH /api/boards/:id with the key', async () => {
    setup();
    const panel = screen.getByTestId(TEST_IDS.facilitatorPanel);
    expect(within(panel).getByRole('button', { name: 'Share' }).getAttribute('aria-current')).toBe('step');
    fireEvent.click(within(panel).getByRole('button', { name: 'Next phase: Cluster' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({
      url: `/api/boards/${BOARD_ID}`,
      method: 'PATCH',
      body: { phase: 'cluster' },
    });
    expect(calls[0]!.headers.Authorization).toBe('Bearer the-key');

    fireEvent.click(within(panel).getByRole('button', { name: 'Previous phase: Brainstorm' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Results' }));
    await waitFor(() => expect(calls.map((c) => c.body)).toEqual([{ phase: 'cluster' }, { phase: 'brainstorm' }, { phase: 'results' }]));
  });

  it('sends timer actions, switches, the vote budget, the focus and the groups', async () => {
    const { areaIds } = setup();
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Minutes' }), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set timer' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start timer' }));
    fireEvent.click(screen.getByRole('button', { name: '+1 minute' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reset timer' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Lock the board' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Anonymous mode' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Reveal votes' }));
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Dots per participant' }), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save dots' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Projector focus' }), { target: { value: areaIds[1] } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove: Politicians' }));
    await waitFor(() => expect(calls).toHaveLength(10));
    expect(calls.map((c) => c.body)).toEqual([
      { timer: { action: 'set', seconds: 180 } },
      { timer: { action: 'start' } },
      { timer: { action: 'add', seconds: 60 } },
      { timer: { action: 'reset' } },
      { locked: true },
      { anonymous: true },
      { votesRevealed: true },
      { voteBudget: 7 },
      { focusAreaId: areaIds[1] },
      { stakeholderGroups: ['employees', 'managers', 'business', 'voluntary', 'research', 'citizens'] },
    ]);
  });

  it('says in its own words why the server refused a change (never the server’s English), and checks values before sending', async () => {
    setup();
    reply = { status: 400, body: { error: 'VALIDATION_FAILED', message: 'voteBudget must be a whole number from 1 to 50' } };
    fireEvent.click(screen.getByRole('checkbox', { name: 'Lock the board' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The server did not accept that change. Check the value and try again.');
    reply = { status: 403, body: { error: 'FORBIDDEN', message: 'no' } };
    fireEvent.click(screen.getByRole('checkbox', { name: 'Lock the board' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('did not accept your facilitator key'));

    const sent = calls.length;
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Dots per participant' }), { target: { value: '51' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save dots' }));
    expect(screen.getByRole('alert').textContent).toBe('Dots per participant must be a whole number from 1 to 50.');
    expect(calls).toHaveLength(sent);
  });

  it('edits the areas in the doc: add, rename, reorder, and remove one with notes after asking where they go', () => {
    const { doc, areaIds } = setup();
    const [first, second] = readAreas(doc);
    act(() => {
      addNote(doc, { areaId: areaIds[0]!, text: 'Keep me', kind: 'idea', authorId: 'x', authorName: 'Ola' });
    });

    fireEvent.change(screen.getByRole('textbox', { name: 'Title of the new area' }), { target: { value: 'Extra' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add area' }));
    expect(readAreas(doc).at(-1)?.title).toBe('Extra');

    fireEvent.change(screen.getByRole('textbox', { name: 'Title of area 2' }), { target: { value: 'Renamed' } });
    fireEvent.click(screen.getByRole('button', { name: `Save: ${second!.title}` }));
    expect(readAreas(doc)[1]?.title).toBe('Renamed');

    fireEvent.click(screen.getByRole('button', { name: 'Move up: Renamed' }));
    expect(readAreas(doc).map((a) => a.title).slice(0, 2)).toEqual(['Renamed', first!.title]);

    fireEvent.click(screen.getByRole('button', { name: `Remove: ${first!.title}` }));
    const confirm = screen.getByRole('group', { name: `Remove the area ${first!.title}` });
    expect(within(confirm).getByText(`${first!.title} has 1 note. Where should it go?`)).toBeTruthy();
    fireEvent.change(within(confirm).getByRole('combobox', { name: 'Move the notes to' }), { target: { value: readAreas(doc).at(-1)!.id } });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove the area and move its notes' }));
    expect(readAreas(doc).some((a) => a.id === first!.id)).toBe(false);
    expect(readNotes(doc)[0]?.areaId).toBe(readAreas(doc).at(-1)!.id);

    fireEvent.click(screen.getByRole('button', { name: 'Remove: Extra' }));
    expect(readAreas(doc).some((a) => a.title === 'Extra')).toBe(true);
    expect(screen.getByRole('group', { name: 'Remove the area Extra' })).toBeTruthy();
  });
});
