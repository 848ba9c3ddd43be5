import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_IDS, updateSettings } from '@verksted/shared';
import { STORAGE_KEYS, readStored } from '../storage';
import { createPeer, createTestBoard, syncPeer } from '../test/board-fixture';
import { SnapshotList, formatSnapshotTime } from './SnapshotList';

const BOARD_ID = 'AbCdEfGhIjKlMnOpQrStUv';
const NEW_BOARD_ID = 'ZyXwVuTsRqPoNmLkJiHgFe';
const AT = Date.UTC(2025, 10, 28, 13, 5);

const SNAPSHOTS = [
  { id: 'aaaaaaaaaaaaaaa1', createdAt: AT, label: '', reason: 'phase', phase: 'share', noteCount: 12, secret: false },
  { id: 'aaaaaaaaaaaaaaa2', createdAt: AT + 60_000, label: 'Before the vote', reason: 'manual', phase: 'cluster', noteCount: 1, secret: false },
  { id: 'aaaaaaaaaaaaaaa3', createdAt: AT - 60_000, label: '', reason: 'lock', phase: 'brainstorm', noteCount: 3, secret: true },
];

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}
let calls: Call[] = [];
let listReply: { status: number; body: unknown } = { status: 200, body: SNAPSHOTS };

beforeEach(() => {
  calls = [];
  listReply = { status: 200, body: SNAPSHOTS };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const method = init.method ?? 'GET';
      calls.push({ url, method, headers: init.headers as Record<string, string>, body: init.body ? JSON.parse(String(init.body)) : null });
      const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
      if (method === 'GET' && url.endsWith('/snapshots')) return json(listReply.status, listReply.body);
      if (url.endsWith('/restore') && (JSON.parse(String(init.body)) as { mode: string }).mode === 'copy') {
        return json(201, { id: NEW_BOARD_ID, joinCode: 'ABC234', facilitatorKey: 'new-key', title: 'Copy', template: 'blank' });
      }
      return json(200, {});
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderList(facilitatorKey: string | null) {
  const board = createTestBoard(0);
  updateSettings(board.doc, { phase: 'share' });
  render(<SnapshotList boardId={BOARD_ID} facilitatorKey={facilitatorKey} doc={board.doc} title="Strategy" />);
  return board;
}

const listCalls = (): Call[] => calls.filter((c) => c.method === 'GET' && c.url === `/api/boards/${BOARD_ID}/snapshots`);

describe('snapshot list', () => {
  it('lists the snapshots newest first with time, label or reason, phase and note count', async () => {
    renderList('the-key');
    const items = await screen.findAllByTestId(TEST_IDS.snapshotItem);
    expect(items.map((item) => item.dataset.snapshotId)).toEqual(['aaaaaaaaaaaaaaa2', 'aaaaaaaaaaaaaaa1', 'aaaaaaaaaaaaaaa3']);
    expect(items[0]!.textContent).toContain('Before the vote');
    expect(items[0]!.textContent).toContain('Saved by the facilitator');
    expect(items[0]!.textContent).toContain('Phase: Cluster · 1 note');
    expect(items[1]!.textContent).toContain('Saved at a phase change');
    expect(items[1]!.textContent).toContain(formatSnapshotTime(AT, 'en'));
    expect(items[1]!.textContent).toContain('12 notes');
    expect(items[2]!.textContent).toContain('Facilitator only');
    expect(listCalls()[0]!.headers.Authorization).toBe('Bearer the-key');
  });

  it('asks before rolling back, explains that the current state is kept, and posts the rollback', async () => {
    renderList('the-key');
    const [, phaseSnapshot] = await screen.findAllByTestId(TEST_IDS.snapshotItem);
    const name = `Saved at a phase change (${formatSnapshotTime(AT, 'en')})`;
    const rollback = within(phaseSnapshot!).getByRole('button', { name: `Roll the board back to this: ${name}` });

    rollback.focus();
    fireEvent.click(rollback);
    let dialog = screen.getByRole('dialog', { name: 'Roll the board back?' });
    expect(dialog.textContent).toContain('is saved as a snapshot first');
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(rollback);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click(rollback);
    dialog = screen.getByRole('dialog', { name: 'Roll the board back?' });
    const listed = listCalls().length;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post).toMatchObject({
      url: `/api/boards/${BOARD_ID}/snapshots/aaaaaaaaaaaaaaa1/restore`,
      body: { mode: 'rollback' },
    });
    expect(post.headers.Authorization).toBe('Bearer the-key');
    expect(screen.getByRole('status').textContent).toBe(`The board was rolled back to “${name}”.`);
    await waitFor(() => expect(listCalls().length).toBeGreaterThan(listed));
  });

  it('restores a snapshot as a new board and opens it as its facilitator', async () => {
    renderList('the-key');
    const [first] = await screen.findAllByTestId(TEST_IDS.snapshotItem);
    fireEvent.click(within(first!).getByRole('button', { name: /^Restore as a new board: Before the vote/ }));
    await waitFor(() => expect(window.location.pathname).toBe(`/b/${NEW_BOARD_ID}`));
    expect(window.location.hash).toBe('#key=new-key');
    expect(readStored(STORAGE_KEYS.facilitatorKey(NEW_BOARD_ID))).toBe('new-key');
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      url: `/api/boards/${BOARD_ID}/snapshots/aaaaaaaaaaaaaaa2/restore`,
      body: { mode: 'copy' },
    });
  });

  it('saves a snapshot with a label', async () => {
    renderList('the-key');
    await screen.findAllByTestId(TEST_IDS.snapshotItem);
    fireEvent.change(screen.getByRole('textbox', { name: 'Name of the new snapshot (optional)' }), { target: { value: ' After lunch ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save snapshot' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Snapshot saved.'));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ url: `/api/boards/${BOARD_ID}/snapshots`, body: { label: 'After lunch' } });
  });

  it('fetches the list again when the phase changes (the server takes a snapshot then)', async () => {
    const { doc } = renderList('the-key');
    await screen.findAllByTestId(TEST_IDS.snapshotItem);
    const before = listCalls().length;
    const server = createPeer(doc);
    act(() => {
      updateSettings(server, { phase: 'vote' });
      syncPeer(server, doc);
    });
    await waitFor(() => expect(listCalls().length).toBeGreaterThan(before));
  });

  it('gives participants a read-only list without the key, and says so when downloads are off', async () => {
    renderList(null);
    const items = await screen.findAllByTestId(TEST_IDS.snapshotItem);
    expect(within(items[0]!).getAllByRole('button').map((b) => b.textContent)).toEqual(['JSON', 'Markdown', 'CSV']);
    expect(screen.getByRole('heading', { name: 'Earlier versions' })).toBeTruthy();
    expect(listCalls()[0]!.headers).not.toHaveProperty('Authorization');

    listReply = { status: 403, body: { error: 'forbidden', message: 'Downloads are turned off' } };
    fireEvent.click(screen.getByRole('button', { name: 'Refresh the list' }));
    expect(await screen.findByText('The facilitator has not allowed downloads of this board.')).toBeTruthy();
  });
});
