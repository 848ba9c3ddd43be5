import { afterEach, describe, expect, it, vi } from 'vitest';
import Papa from 'papaparse';
import { addNote, deriveParticipantId, readAreas, readNotes } from '@verksted/shared';
import type { BoardExport } from '../exports/board-export.js';
import type { SnapshotMeta } from '../persistence/snapshot-meta.js';
import { startServer, type TestServer } from '../../test/server.js';
import { bearer, changeSettings, editBoard } from '../../test/boards.js';
import { connectPeer, type Peer } from '../../test/peers.js';

let server: TestServer | null = null;
const peers: Peer[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await server?.close();
  server = null;
});

function peer(boardId: string, params: Record<string, string> = {}): Peer {
  const p = connectPeer(server!.wsUrl, boardId, params);
  peers.push(p);
  return p;
}

async function get(url: string, key?: string) {
  return server!.app.inject({ method: 'GET', url, headers: key ? bearer(key) : {} });
}

describe('GET /api/boards/:id/export.{json,md,csv}', () => {
  it('downloads the board as verksted.board JSON with a safe file name', async () => {
    server = await startServer();
    const board = await server.createBoard({ title: 'Strategi: «Bærum» 2025!', template: 'innovation-strategy' });
    const p = peer(board.id);
    await p.synced();
    const areaId = readAreas(p.doc)[1]!.id;
    addNote(p.doc, { areaId, text: 'Dele data', kind: 'idea', authorId: 'u1', authorName: 'Kari', group: 'employees' });
    // The relay has the note once the summary counts it.
    await expect.poll(async () => (await get(`/api/boards/${board.id}`)).json<{ noteCount: number }>().noteCount).toBe(1);

    const response = await fetch(`${server.httpUrl}/api/boards/${board.id}/export.json`);
    expect(response.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="strategi-baerum-2025-${today}.json"`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as BoardExport;
    expect(body).toMatchObject({
      format: 'verksted.board',
      version: 1,
      exportedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      board: { id: board.id, title: 'Strategi: «Bærum» 2025!', template: 'innovation-strategy', language: 'nb', createdAt: expect.any(Number) },
      view: 'participant',
    });
    expect(body.areas).toHaveLength(4);
    expect(body.areas[0]!.notes).toEqual([]);
    expect(body.areas[1]).toMatchObject({ id: areaId, title: 'Gevinstrealisering og spredning', description: expect.any(String), clusters: [] });
    expect(body.areas[1]!.notes).toEqual([
      { id: expect.any(String), text: 'Dele data', kind: 'idea', colour: expect.any(String), authorId: 'u1', authorName: 'Kari', group: 'employees', createdAt: expect.any(Number), clusterId: null, votes: 0 },
    ]);
  });

  it('serves Markdown and CSV with their content types and file names', async () => {
    server = await startServer();
    const board = await server.createBoard({ title: 'Rapport', template: 'retrospective' });
    await editBoard(server, board.id, (doc) => addNote(doc, { areaId: readAreas(doc)[0]!.id, text: 'Blåbær', kind: 'need', authorId: 'a', authorName: 'Åse', group: null }));
    const md = await get(`/api/boards/${board.id}/export.md`);
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.headers['content-disposition']).toMatch(/^attachment; filename="rapport-\d{4}-\d\d-\d\d\.md"$/);
    expect(md.body).toContain('# Rapport');
    expect(md.body).toContain('Blåbær (Behov; Åse)');
    const csv = await get(`/api/boards/${board.id}/export.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="rapport-\d{4}-\d\d-\d\d\.csv"$/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = Papa.parse<Record<string, string>>(csv.body.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows).toEqual([expect.objectContaining({ Tekst: 'Blåbær', Forfatter: 'Åse', Type: 'Behov' })]);
    expect(csv.body.split('\r\n')[0]).toContain('Område,Gruppe');
  });

  it('separates CSV cells with semicolons on ?sep=semicolon, and refuses a separator it does not know', async () => {
    server = await startServer();
    const board = await server.createBoard({ title: 'Rapport', template: 'retrospective' });
    await editBoard(server, board.id, (doc) => addNote(doc, { areaId: readAreas(doc)[0]!.id, text: 'Blåbær; bringebær', kind: 'need', authorId: 'a', authorName: 'Åse', group: null }));
    const csv = await get(`/api/boards/${board.id}/export.csv?sep=semicolon`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[0]).toBe('\uFEFFOmråde;Gruppe;Type;Tekst;Forfatter;Interessentgruppe;Stemmer;Opprettet');
    const parsed = Papa.parse<Record<string, string>>(csv.body.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.meta.delimiter).toBe(';');
    expect(parsed.data).toEqual([expect.objectContaining({ Tekst: 'Blåbær; bringebær', Forfatter: 'Åse' })]);
    // Other formats and other query parameters are unaffected.
    expect((await get(`/api/boards/${board.id}/export.json?sep=semicolon&t=1`)).statusCode).toBe(200);
    const refused = await get(`/api/boards/${board.id}/export.csv?sep=tab`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ message: expect.stringMatching(/^sep: /) });
    // A saved snapshot's CSV too.
    const taken = await server.app.inject({ method: 'POST', url: `/api/boards/${board.id}/snapshots`, headers: bearer(board.facilitatorKey), payload: {} });
    const meta = taken.json<SnapshotMeta>();
    const snapshotCsv = await get(`/api/boards/${board.id}/snapshots/${meta.id}/export.csv?sep=semicolon`, board.facilitatorKey);
    expect(snapshotCsv.statusCode).toBe(200);
    expect(snapshotCsv.body).toContain(';"Blåbær; bringebær";');
    expect((await get(`/api/boards/${board.id}/snapshots/${meta.id}/export.csv?sep=%3B`, board.facilitatorKey)).statusCode).toBe(400);
  });

  it('exports a board that is not loaded, and unloads it again when idle', async () => {
    server = await startServer({ config: { IDLE_UNLOAD_MS: 20 } });
    const board = await server.createBoard();
    expect(server.app.verksted.registry.loadedCount).toBe(0);
    const response = await fetch(`${server.httpUrl}/api/boards/${board.id}/export.json`);
    expect(((await response.json()) as BoardExport).areas).toHaveLength(3);
    await expect.poll(() => server!.app.verksted.registry.loadedCount).toBe(0);
  });

  it('refuses participants with 403 while downloads are closed; the facilitator still downloads', async () => {
    server = await startServer();
    const board = await server.createBoard();
    await changeSettings(server, board.id, { participantDownloads: false });
    for (const format of ['json', 'md', 'csv']) {
      const refused = await get(`/api/boards/${board.id}/export.${format}`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toEqual({ error: 'FORBIDDEN', message: 'The facilitator has not opened downloads for participants' });
      expect((await get(`/api/boards/${board.id}/export.${format}`, board.facilitatorKey)).statusCode).toBe(200);
    }
    expect((await get(`/api/boards/${board.id}/snapshots`)).statusCode).toBe(403);
  });

  it('answers a wrong key with 403, a malformed header with 401 and an unknown board with 404', async () => {
    server = await startServer();
    const board = await server.createBoard();
    expect((await get(`/api/boards/${board.id}/export.json`, 'wrong-key')).statusCode).toBe(403);
    const malformed = await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}/export.json`, headers: { authorization: 'Basic abc' } });
    expect(malformed.statusCode).toBe(401);
    expect((await get('/api/boards/AAAAAAAAAAAAAAAAAAAAAA/export.csv')).statusCode).toBe(404);
    expect((await get(`/api/boards/${board.id}/export.pdf`)).statusCode).toBe(404);
  });

  it('hides authors of an anonymous board from participants, not from the facilitator', async () => {
    server = await startServer();
    const board = await server.createBoard();
    await editBoard(server, board.id, (doc) => addNote(doc, { areaId: readAreas(doc)[0]!.id, text: 'Hemmelig forfatter', kind: 'idea', authorId: 'pid-kari', authorName: 'Kari Nordmann', group: 'managers' }));
    await changeSettings(server, board.id, { anonymous: true });
    for (const format of ['json', 'md', 'csv']) {
      const participant = await get(`/api/boards/${board.id}/export.${format}`);
      expect(participant.statusCode).toBe(200);
      expect(participant.body).toContain('Hemmelig forfatter');
      expect(participant.body).not.toMatch(/Kari|pid-kari/);
      expect((await get(`/api/boards/${board.id}/export.${format}`, board.facilitatorKey)).body).toContain('Kari Nordmann');
    }
    const note = (await get(`/api/boards/${board.id}/export.json`)).json<BoardExport>().areas[0]!.notes[0]!;
    expect(note).toMatchObject({ authorId: '', authorName: '', group: 'managers' });
  });

  it('gives participants no note withheld by the brainstorm; the facilitator gets them all', async () => {
    server = await startServer();
    const board = await server.createBoard();
    await changeSettings(server, board.id, { phase: 'brainstorm' });
    const secret = 'participant-secret-aaaaaaaaaaaa';
    const writer = peer(board.id, { p: secret });
    await writer.synced();
    addNote(writer.doc, { areaId: readAreas(writer.doc)[0]!.id, text: 'Privat idé', kind: 'idea', authorId: await deriveParticipantId(secret), authorName: 'A' });
    await vi.waitFor(async () => expect((await get(`/api/boards/${board.id}/export.json`, board.facilitatorKey)).body).toContain('Privat idé'));
    for (const format of ['json', 'md', 'csv']) {
      expect((await get(`/api/boards/${board.id}/export.${format}`)).body).not.toContain('Privat idé');
    }
    // A snapshot taken now holds the withheld note: only the facilitator may download it.
    const taken = await server.app.inject({ method: 'POST', url: `/api/boards/${board.id}/snapshots`, headers: bearer(board.facilitatorKey), payload: { label: 'Midt i' } });
    const meta = taken.json<SnapshotMeta>();
    expect(meta).toMatchObject({ secret: true, phase: 'brainstorm', reason: 'manual', label: 'Midt i' });
    for (const format of ['json', 'md', 'csv']) {
      const refused = await get(`/api/boards/${board.id}/snapshots/${meta.id}/export.${format}`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().message).toMatch(/private phase/);
      const allowed = await get(`/api/boards/${board.id}/snapshots/${meta.id}/export.${format}`, board.facilitatorKey);
      expect(allowed.statusCode).toBe(200);
      expect(allowed.body).toContain('Privat idé');
    }
    expect(readNotes(writer.doc)).toHaveLength(1);
  });
});

describe('GET /api/boards/:id/snapshots/:snapshotId/export.{json,md,csv}', () => {
  it('lets participants download a snapshot of an open phase, named after when it was taken', async () => {
    server = await startServer();
    const board = await server.createBoard({ title: 'Øyeblikk' });
    await editBoard(server, board.id, (doc) => addNote(doc, { areaId: readAreas(doc)[0]!.id, text: 'Før', kind: 'idea', authorId: 'a', authorName: 'A' }));
    const meta = (await server.app.inject({ method: 'POST', url: `/api/boards/${board.id}/snapshots`, headers: bearer(board.facilitatorKey) })).json<SnapshotMeta>();
    expect(meta).toMatchObject({ secret: false, label: '', noteCount: 1 });
    await editBoard(server, board.id, (doc) => addNote(doc, { areaId: readAreas(doc)[0]!.id, text: 'Etter', kind: 'idea', authorId: 'a', authorName: 'A' }));
    const response = await get(`/api/boards/${board.id}/snapshots/${meta.id}/export.json`);
    expect(response.statusCode).toBe(200);
    const stamp = new Date(meta.createdAt).toISOString();
    expect(response.headers['content-disposition']).toBe(`attachment; filename="oyeblikk-${stamp.slice(0, 10)}-${stamp.slice(11, 13)}${stamp.slice(14, 16)}.json"`);
    const file = response.json<BoardExport>();
    expect(file.snapshot).toEqual(meta);
    expect(file.areas[0]!.notes.map((n) => n.text)).toEqual(['Før']);
    expect((await get(`/api/boards/${board.id}/snapshots/AAAAAAAAAAAAAAAA/export.json`)).json()).toEqual({ error: 'SNAPSHOT_NOT_FOUND', message: expect.any(String) });
    expect((await get(`/api/boards/${board.id}/snapshots/..%2F..%2Fx/export.json`)).statusCode).toBe(400);
  });
});
