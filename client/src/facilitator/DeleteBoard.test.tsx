import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_KEYS, readStored, writeStored } from '../storage';
import { useAppStore } from '../store/app-store';
import { DeleteBoardSection, matchesTitle } from './DeleteBoard';

const BOARD_ID = 'AbCdEfGhIjKlMnOpQrStUv';

let calls: { url: string; method: string; headers: Record<string, string> }[] = [];
let deleteStatus = 204;
let saved: string[] = [];

beforeEach(() => {
  calls = [];
  saved = [];
  deleteStatus = 204;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const method = init.method ?? 'GET';
      calls.push({ url, method, headers: init.headers as Record<string, string> });
      if (method === 'DELETE') {
        return deleteStatus === 204
          ? new Response(null, { status: 204 })
          : new Response(JSON.stringify({ error: 'FORBIDDEN', message: 'Wrong facilitator key' }), { status: deleteStatus });
      }
      return new Response('{}', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="strategy-2025-11-28.json"' } });
    }),
  );
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:verksted/1');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
  window.history.replaceState(null, '', `/b/${BOARD_ID}`);
  writeStored(STORAGE_KEYS.facilitatorKey(BOARD_ID), 'the-key');
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function openDialog(): HTMLElement {
  render(<DeleteBoardSection boardId={BOARD_ID} facilitatorKey="the-key" title="Strategy 2026" />);
  const button = screen.getByRole('button', { name: 'Delete this board' });
  button.focus();
  fireEvent.click(button);
  return screen.getByRole('dialog', { name: 'Delete “Strategy 2026”?' });
}

describe('delete this board', () => {
  it('offers the downloads first, inside the dialog, with the key', async () => {
    const dialog = openDialog();
    expect(dialog.textContent).toContain('It cannot be undone');
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Download JSON' }));
    await waitFor(() => expect(saved).toEqual(['strategy-2025-11-28.json']));
    expect(calls[0]).toMatchObject({ url: `/api/boards/${BOARD_ID}/export.json`, method: 'GET' });
    expect(calls[0]!.headers.Authorization).toBe('Bearer the-key');
  });

  it('deletes only after the title is typed, then goes to the front page with a notice', async () => {
    const dialog = openDialog();
    const confirm = within(dialog).getByRole('button', { name: 'Delete the board for good' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Type the title of the board, “Strategy 2026”, to confirm' }), {
      target: { value: 'strategy  2026 ' },
    });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(calls.find((c) => c.method === 'DELETE')).toMatchObject({ url: `/api/boards/${BOARD_ID}` });
    expect(calls.find((c) => c.method === 'DELETE')!.headers.Authorization).toBe('Bearer the-key');
    expect(useAppStore.getState().homeNotice).toEqual({ kind: 'deleted', title: 'Strategy 2026' });
    expect(readStored(STORAGE_KEYS.facilitatorKey(BOARD_ID))).toBeNull();
  });

  it('also deletes after ticking "I have downloaded what I need", and shows a refusal in an alert', async () => {
    deleteStatus = 403;
    const dialog = openDialog();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'I have downloaded what I need' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete the board for good' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The server did not accept your facilitator key. Open the board with your facilitator link again.',
    );
    expect(window.location.pathname).toBe(`/b/${BOARD_ID}`);
  });

  it('closes on Escape and gives focus back', () => {
    const dialog = openDialog();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete this board' }));
    expect(calls).toEqual([]);
  });

  it('compares the title without minding spacing or case', () => {
    expect(matchesTitle(' STRATEGY   2026', 'Strategy 2026')).toBe(true);
    expect(matchesTitle('Strategy', 'Strategy 2026')).toBe(false);
    expect(matchesTitle('  ', '')).toBe(false);
  });
});
