import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_KEYS, readStored } from '../storage';
import { ImportBoardForm } from './ImportBoardForm';

const NEW_BOARD_ID = 'ZyXwVuTsRqPoNmLkJiHgFe';

let posted: { url: string; body: string; headers: Record<string, string> }[] = [];
let reply: { status: number; body: unknown };

beforeEach(() => {
  posted = [];
  reply = { status: 201, body: { id: NEW_BOARD_ID, joinCode: 'ABC234', facilitatorKey: 'new-key', title: 'Imported', template: 'blank' } };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      posted.push({ url, body: String(init.body), headers: init.headers as Record<string, string> });
      return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  window.history.replaceState(null, '', '/');
});
afterEach(() => vi.unstubAllGlobals());

function choose(content: string, name = 'board.json'): void {
  const input = screen.getByLabelText('JSON file of a board') as HTMLInputElement;
  const file = new File([content], name, { type: 'application/json' });
  fireEvent.change(input, { target: { files: [file] } });
}

const EXPORT = JSON.stringify({ format: 'verksted.board', version: 1, board: { title: 'Imported' }, areas: [] });

describe('import a board', () => {
  it('accepts only JSON files', () => {
    render(<ImportBoardForm />);
    expect((screen.getByLabelText('JSON file of a board') as HTMLInputElement).accept).toBe('.json,application/json');
  });

  it('posts the file as it is and opens the new board as its facilitator', async () => {
    render(<ImportBoardForm />);
    choose(EXPORT);
    await waitFor(() => expect(window.location.pathname).toBe(`/b/${NEW_BOARD_ID}`));
    expect(posted).toEqual([{ url: '/api/boards/import', body: EXPORT, headers: expect.objectContaining({ 'Content-Type': 'application/json' }) }]);
    expect(window.location.hash).toBe('#key=new-key');
    expect(readStored(STORAGE_KEYS.facilitatorKey(NEW_BOARD_ID))).toBe('new-key');
  });

  it('says the file was refused in its own words, with what the server found under it (marked as English)', async () => {
    reply = { status: 400, body: { error: 'VALIDATION_FAILED', message: 'areas[0].notes[2].kind must be experience, need, idea or goal' } };
    render(<ImportBoardForm />);
    choose(EXPORT);
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('.field-error')?.textContent).toBe('The board could not be imported: This file is not a valid board export.');
    expect(alert.querySelector('[lang="en"]')?.textContent).toBe('areas[0].notes[2].kind must be experience, need, idea or goal');
    expect(window.location.pathname).toBe('/');
    expect(screen.getByLabelText('JSON file of a board').getAttribute('aria-invalid')).toBe('true');
  });

  it('says when the file is too large', async () => {
    reply = { status: 413, body: { error: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than 16 MB' } };
    render(<ImportBoardForm />);
    choose(EXPORT);
    expect((await screen.findByRole('alert')).textContent).toBe('The board could not be imported: That is too large for the server.');
  });

  it('catches a file that is not JSON without asking the server', async () => {
    render(<ImportBoardForm />);
    choose('name;text\nOla;Hei', 'notes.csv');
    expect((await screen.findByRole('alert')).textContent).toContain('This file is not a JSON export of a board');
    expect(posted).toEqual([]);
  });
});
