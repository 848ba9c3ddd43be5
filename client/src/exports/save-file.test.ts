import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { csvSeparatorFor } from '@verksted/shared';
import { ApiError } from '../api/boards-api';
import { boardExportPath, fileNameFromContentDisposition, snapshotExportPath } from '../api/exports-api';
import { datedFileName, downloadFromServer, slugify } from './save-file';

const BOARD_ID = 'AbCdEfGhIjKlMnOpQrStUv';

interface Saved {
  href: string;
  download: string;
}

let requests: { url: string; headers: Record<string, string> }[] = [];
let saved: Saved[] = [];
let reply: () => Response;

beforeEach(() => {
  requests = [];
  saved = [];
  reply = () =>
    new Response('# Report', {
      status: 200,
      headers: { 'Content-Type': 'text/markdown', 'Content-Disposition': 'attachment; filename="innovasjon-2025-11-28.md"' },
    });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      requests.push({ url, headers: init.headers as Record<string, string> });
      return reply();
    }),
  );
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:verksted/1');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ href: this.href, download: this.download });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('file names', () => {
  it('takes the name from Content-Disposition, the RFC 5987 form first', () => {
    expect(fileNameFromContentDisposition('attachment; filename="board-2025-11-28.csv"', 'x.csv')).toBe('board-2025-11-28.csv');
    expect(fileNameFromContentDisposition('attachment; filename=board.json', 'x.json')).toBe('board.json');
    expect(
      fileNameFromContentDisposition(`attachment; filename="fallback.md"; filename*=UTF-8''str%C3%A5tegi%20rapport.md`, 'x.md'),
    ).toBe('stråtegi rapport.md');
  });

  it('never lets a name point elsewhere, and falls back when there is none', () => {
    expect(fileNameFromContentDisposition('attachment; filename="../../etc/passwd"', 'x')).toBe('etc-passwd');
    expect(fileNameFromContentDisposition('attachment; filename="a\\\\b:c.md"', 'x')).toBe('a-b-c.md');
    expect(fileNameFromContentDisposition('attachment', 'fallback.csv')).toBe('fallback.csv');
    expect(fileNameFromContentDisposition(null, 'fallback.csv')).toBe('fallback.csv');
  });

  it('makes the PNG name <slug>-<yyyy-mm-dd>.png as the server names its files', () => {
    expect(slugify('Innovasjonsstrategi – Bærum kommune!')).toBe('innovasjonsstrategi-baerum-kommune');
    expect(slugify('…')).toBe('board');
    expect(datedFileName('Økonomi og må', 'png', Date.UTC(2025, 10, 28, 23, 30))).toBe('okonomi-og-ma-2025-11-28.png');
  });
});

describe('downloadFromServer', () => {
  it('sends the Bearer key for the facilitator and saves the file under the server’s name', async () => {
    const name = await downloadFromServer(boardExportPath(BOARD_ID, 'md'), 'fallback.md', 'the-key');
    expect(requests).toEqual([{ url: `/api/boards/${BOARD_ID}/export.md`, headers: expect.objectContaining({ Authorization: 'Bearer the-key' }) }]);
    expect(name).toBe('innovasjon-2025-11-28.md');
    expect(saved).toEqual([{ href: 'blob:verksted/1', download: 'innovasjon-2025-11-28.md' }]);
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('asks for a semicolon-separated CSV for a Norwegian reader (Excel there expects it), commas otherwise', () => {
    expect(csvSeparatorFor('nb')).toBe('semicolon');
    expect(csvSeparatorFor('en')).toBe('comma');
    // The tests run in English: no separator asked for, and never for other formats.
    expect(boardExportPath(BOARD_ID, 'csv')).toBe(`/api/boards/${BOARD_ID}/export.csv`);
    expect(boardExportPath(BOARD_ID, 'json')).toBe(`/api/boards/${BOARD_ID}/export.json`);
  });

  it('sends no key for a participant', async () => {
    await downloadFromServer(snapshotExportPath(BOARD_ID, 'snap1234567890ab', 'csv'), 'fallback.csv', null);
    expect(requests[0]!.url).toBe(`/api/boards/${BOARD_ID}/snapshots/snap1234567890ab/export.csv`);
    expect(requests[0]!.headers).not.toHaveProperty('Authorization');
  });

  it('uses the fallback name without Content-Disposition', async () => {
    reply = () => new Response('{}', { status: 200 });
    expect(await downloadFromServer(boardExportPath(BOARD_ID, 'json'), 'board-2025-11-28.json', 'k')).toBe('board-2025-11-28.json');
  });

  it('fails with the server’s message, and saves nothing, when downloads are not allowed', async () => {
    reply = () => new Response(JSON.stringify({ error: 'downloads-disabled', message: 'Downloads are turned off' }), { status: 403 });
    const failure = downloadFromServer(boardExportPath(BOARD_ID, 'json'), 'x.json', null);
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 403, message: 'Downloads are turned off' });
    expect(saved).toEqual([]);
  });
});
