import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_IDS } from '@verksted/shared';
import { STORAGE_KEYS, writeStored } from '../storage';
import RollupPage from './RollupPage';

const A = 'AAAAAAAAAAAAAAAAAAAAAA';
const B = 'BBBBBBBBBBBBBBBBBBBBBB';
const GONE = 'CCCCCCCCCCCCCCCCCCCCCC';

const INFO: Record<string, { title: string; noteCount: number; createdAt: number }> = {
  [A]: { title: 'Employees workshop', noteCount: 14, createdAt: Date.UTC(2025, 10, 20) },
  [B]: { title: 'Politicians workshop', noteCount: 9, createdAt: Date.UTC(2025, 10, 27) },
};

/** The server's `verksted.rollup` file. */
const OVERVIEW = {
  format: 'verksted.rollup',
  version: 1,
  areas: [
    {
      title: 'Innovation as a means',
      boardIds: [B, A],
      notes: [
        { id: 'n1', text: 'Measure benefits', kind: 'goal', votes: 7, group: 'politicians', authorName: 'Ola', cluster: null, source: { boardId: B, boardTitle: 'Politicians workshop' } },
        { id: 'n2', text: 'Share dashboards', kind: 'idea', votes: 4, group: null, authorName: 'Kari', cluster: 'Data', source: { boardId: A, boardTitle: 'Employees workshop' } },
      ],
    },
  ],
  unmatchedAreas: [
    { title: 'Retro only', boardIds: [A], notes: [{ id: 'n3', text: 'Coffee', kind: 'need', votes: 0, group: null, cluster: null, source: { boardId: A, boardTitle: 'Employees workshop' } }] },
  ],
};

let calls: { url: string; method: string; body: unknown }[] = [];
let rollupStatus = 200;
let saved: string[] = [];

beforeEach(() => {
  calls = [];
  saved = [];
  rollupStatus = 200;
  writeStored(STORAGE_KEYS.facilitatorKey(A), 'key-a');
  writeStored(STORAGE_KEYS.facilitatorKey(B), 'key-b');
  writeStored(STORAGE_KEYS.facilitatorKey(GONE), 'key-c');
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const body = init.body ? (JSON.parse(String(init.body)) as { format?: string }) : null;
      calls.push({ url, method, body });
      const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
      const info = /^\/api\/boards\/([^/]+)$/.exec(url);
      if (info) return INFO[info[1]!] ? json(200, { id: info[1], ...INFO[info[1]!] }) : json(404, { error: 'not-found', message: 'No such board' });
      if (rollupStatus !== 200) return json(rollupStatus, { error: 'FORBIDDEN', message: 'The key for “Politicians workshop” is wrong' });
      if (body?.format === 'json') return json(200, OVERVIEW);
      return new Response('# Roll-up', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="rollup-2025-11-28.md"' } });
    }),
  );
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:verksted/1');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function pickBoth(): Promise<void> {
  render(<RollupPage />);
  fireEvent.click(await screen.findByRole('checkbox', { name: /Employees workshop/ }));
  fireEvent.click(screen.getByRole('checkbox', { name: /Politicians workshop/ }));
}

describe('roll-up', () => {
  it('lists the boards this device facilitates, newest first, a deleted one disabled', async () => {
    render(<RollupPage />);
    await screen.findByRole('checkbox', { name: /Employees workshop/ });
    expect(screen.getAllByTestId(TEST_IDS.rollupBoard).map((el) => el.dataset.boardId)).toEqual([B, A, GONE]);
    expect(screen.getByText('No longer on the server')).toBeTruthy();
    expect((screen.getAllByRole('checkbox')[2] as HTMLInputElement).disabled).toBe(true);
  });

  it('asks for two workshops at least', async () => {
    render(<RollupPage />);
    fireEvent.click(await screen.findByRole('checkbox', { name: /Employees workshop/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Combine' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose at least two workshops.');
    expect(calls.some((c) => c.url === '/api/rollup')).toBe(false);
  });

  it('combines the chosen boards with their keys and shows each area ranked, with source and group', async () => {
    await pickBoth();
    fireEvent.click(screen.getByRole('button', { name: 'Combine' }));
    const heading = await screen.findByRole('heading', { name: 'Overview per area' });
    expect(document.activeElement).toBe(heading);
    expect(calls.find((c) => c.url === '/api/rollup')!.body).toEqual({
      boards: [
        { id: B, facilitatorKey: 'key-b' },
        { id: A, facilitatorKey: 'key-a' },
      ],
      format: 'json',
    });
    const area = screen.getByRole('region', { name: 'Innovation as a means' });
    const items = within(area).getAllByTestId(TEST_IDS.rollupItem);
    expect(items.map((item) => [item.dataset.votes, item.dataset.boardId])).toEqual([
      ['7', B],
      ['4', A],
    ]);
    expect(items[0]!.textContent).toContain('Measure benefits');
    expect(items[0]!.textContent).toContain('From Politicians workshop · Politicians');
    expect(items[1]!.textContent).toContain('Group: Data');
    expect(screen.getByRole('heading', { name: 'Not in a common area' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Retro only' }).textContent).toContain('Coffee');
  });

  it('downloads the overview as Markdown from the same endpoint', async () => {
    await pickBoth();
    fireEvent.click(screen.getByRole('button', { name: 'Combine' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Download report (Markdown)' }));
    await waitFor(() => expect(saved).toEqual(['rollup-2025-11-28.md']));
    expect(calls.filter((c) => c.url === '/api/rollup').at(-1)!.body).toMatchObject({ format: 'md' });
  });

  it('also reads an overview given as areas of items with their board', async () => {
    const { fetchRollup } = await import('../api/exports-api');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        new Response(
          JSON.stringify({
            areas: [{ title: 'Goals', items: [{ text: 'Fewer forms', kind: 'goal', votes: 2, board: { id: A, title: 'Employees workshop' }, group: 'employees' }] }],
            unmatched: [],
          }),
          { status: 200 },
        ),
      ),
    );
    expect(await fetchRollup([{ id: A, facilitatorKey: 'key-a' }])).toEqual({
      areas: [
        {
          title: 'Goals',
          items: [{ text: 'Fewer forms', kind: 'goal', votes: 2, board: { id: A, title: 'Employees workshop' }, group: 'employees', cluster: null }],
        },
      ],
      unmatched: [],
    });
  });

  it('says that a key was refused, with the server’s note of which board under it (marked as English)', async () => {
    rollupStatus = 403;
    await pickBoth();
    fireEvent.click(screen.getByRole('button', { name: 'Combine' }));
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('.form-error')?.textContent).toBe('One of the chosen workshops did not accept the facilitator key on this device.');
    const details = alert.querySelector('[lang="en"]');
    expect(details?.textContent).toBe('The key for “Politicians workshop” is wrong');
    expect(alert.textContent).toContain('What the server said (in English):');
  });
});
