import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_IDS, addNote, addVote, groupNotes, updateSettings } from '@verksted/shared';
import { createTestBoard } from '../test/board-fixture';
import DownloadsPanel from './DownloadsPanel';

const BOARD_ID = 'AbCdEfGhIjKlMnOpQrStUv';

const picture = vi.hoisted(() => ({
  calls: [] as { node: HTMLElement; html: string; options: Record<string, unknown> }[],
  fail: false,
}));

vi.mock('html-to-image', () => ({
  toBlob: async (node: HTMLElement, options: Record<string, unknown>) => {
    picture.calls.push({ node, html: node.outerHTML, options });
    if (picture.fail) throw new Error('canvas is tainted');
    return new Blob(['png'], { type: 'image/png' });
  },
}));

let requests: { url: string; headers: Record<string, string> }[] = [];
let saved: string[] = [];

beforeEach(() => {
  requests = [];
  saved = [];
  picture.calls = [];
  picture.fail = false;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      requests.push({ url, headers: init.headers as Record<string, string> });
      if (url.endsWith('/snapshots')) return new Response('[]', { status: 200 });
      return new Response('{}', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="test-workshop-2025-11-28.json"' } });
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

function setup(options: { isFacilitator: boolean; facilitatorKey?: string | null }) {
  const board = createTestBoard(0);
  const [first, second] = board.areaIds as [string, string];
  const a = addNote(board.doc, { areaId: first, text: 'Shared dashboards', kind: 'idea', authorId: 'p1', authorName: 'Kari', group: 'employees' });
  const b = addNote(board.doc, { areaId: first, text: 'Pilot in one school', kind: 'goal', authorId: 'p2', authorName: 'Ola' });
  addNote(board.doc, { areaId: second, text: 'Talk to business', kind: 'need', authorId: 'p2', authorName: 'Ola' });
  groupNotes(board.doc, [a, b], { title: 'Measure benefits' });
  addVote(board.doc, 'p1', a, 5);
  updateSettings(board.doc, { phase: 'results' });
  render(
    <DownloadsPanel
      boardId={BOARD_ID}
      doc={board.doc}
      title="Test workshop"
      isFacilitator={options.isFacilitator}
      facilitatorKey={options.facilitatorKey ?? null}
    />,
  );
  return board;
}

describe('downloads panel', () => {
  it('offers every download under a clear name', () => {
    setup({ isFacilitator: true, facilitatorKey: 'the-key' });
    const panel = screen.getByTestId(TEST_IDS.downloadsPanel);
    for (const name of ['Download JSON (re-importable)', 'Download report (Markdown)', 'Download spreadsheet (CSV)', 'Download picture (PNG)']) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
    const report = screen.getByRole('link', { name: 'Open printable report (opens in a new tab)' });
    expect(report.getAttribute('href')).toBe(`/b/${BOARD_ID}/report`);
    expect(panel.contains(report)).toBe(true);
  });

  it('downloads the facilitator’s JSON with the key, under the server’s file name', async () => {
    setup({ isFacilitator: true, facilitatorKey: 'the-key' });
    fireEvent.click(screen.getByRole('button', { name: 'Download JSON (re-importable)' }));
    await waitFor(() => expect(saved).toEqual(['test-workshop-2025-11-28.json']));
    expect(requests).toEqual([{ url: `/api/boards/${BOARD_ID}/export.json`, headers: expect.objectContaining({ Authorization: 'Bearer the-key' }) }]);
    expect(screen.getByText('Downloaded test-workshop-2025-11-28.json.')).toBeTruthy();
  });

  it('draws the whole board off screen for the PNG, without controls, at twice the pixels', async () => {
    setup({ isFacilitator: false });
    fireEvent.click(screen.getByRole('button', { name: 'Download picture (PNG)' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatch(/^test-workshop-\d{4}-\d{2}-\d{2}\.png$/);
    const [call] = picture.calls;
    expect(call!.node.dataset.testid).toBe(TEST_IDS.boardPicture);
    expect(call!.html).toContain('Shared dashboards');
    expect(call!.html).toContain('Talk to business');
    expect(call!.html).toContain('Measure benefits');
    expect(call!.html).toContain('1 dot');
    expect(call!.html).toContain('By Kari, Employees');
    expect(call!.options).toMatchObject({ pixelRatio: 2, skipFonts: true, backgroundColor: '#ffffff' });
    const filter = call!.options.filter as (node: Node) => boolean;
    expect(filter(document.createElement('button'))).toBe(false);
    expect(filter(document.createElement('p'))).toBe(true);
    expect(filter(document.createTextNode('x'))).toBe(true);
    // The stage is gone again, and participants' requests carry no key.
    expect(document.querySelector('.board-picture-stage')).toBeNull();
    expect(requests.filter((r) => r.headers.Authorization)).toEqual([]);
  });

  it('says so in an alert when the picture cannot be made', async () => {
    setup({ isFacilitator: true, facilitatorKey: 'k' });
    picture.fail = true;
    fireEvent.click(screen.getByRole('button', { name: 'Download picture (PNG)' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The picture could not be made in this browser');
    expect(saved).toEqual([]);
  });

  it('shows participants the snapshots they may download, and nothing when downloads are off', async () => {
    const { doc } = setup({ isFacilitator: false });
    expect(await screen.findByRole('heading', { name: 'Earlier versions' })).toBeTruthy();
    act(() => updateSettings(doc, { participantDownloads: false }));
    await waitFor(() => expect(screen.getByText('The facilitator has not allowed downloads of this board.')).toBeTruthy());
    expect(screen.queryByRole('button', { name: 'Download JSON (re-importable)' })).toBeNull();
  });
});
