import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, addVote, groupNotes, readAreas, readNotes, updateArea, updateNote } from '@verksted/shared';
import type { BoardExport } from '../exports/board-export.js';
import type { CreatedBoard } from '../boards/board-directory.js';
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

const SCRIPT = '<script>alert(document.cookie)</script>';

/** A board with every kind of content an export carries. */
async function richBoard(s: TestServer): Promise<CreatedBoard> {
  const board = await s.createBoard({ title: 'Strategi «Bærum» 2025', template: 'innovation-strategy' });
  await editBoard(s, board.id, (doc) => {
    const areas = readAreas(doc).map((a) => a.id);
    updateArea(doc, areas[0]!, { description: 'Beskrivelse med æøå' });
    const note = (i: number, text: string, group: string | null) =>
      addNote(doc, { areaId: areas[i % 4]!, text, kind: (['idea', 'need', 'goal', 'experience'] as const)[i % 4]!, authorId: `p${i % 3}`, authorName: `Deltaker ${i % 3}`, group, createdAt: 1_700_000_000_000 + i });
    const ids = [SCRIPT, '=SUM(A1)', 'Ærlig og åpent', 'Dele data', 'Samarbeid', 'Pilot', 'Gevinst', 'Kultur'].map((text, i) => note(i, text, i % 2 ? 'employees' : null));
    updateNote(doc, ids[1]!, { colour: '#123456' });
    groupNotes(doc, [ids[0]!, ids[4]!], { title: 'Klynge' });
    for (const [voter, noteId] of [['p0', ids[0]], ['p0', ids[3]], ['p1', ids[0]], ['p1', 'gone-note'], ['p1', ids[5]], ['p1', ids[6]], ['p2', ids[7]]] as const) {
      addVote(doc, voter, noteId!, 10);
    }
  });
  await changeSettings(s, board.id, { phase: 'results', voteBudget: 2, stakeholderGroups: ['employees', 'Egen gruppe'], votesRevealed: true });
  return board;
}

async function exportJson(s: TestServer, boardId: string, key: string): Promise<BoardExport> {
  const response = await s.app.inject({ method: 'GET', url: `/api/boards/${boardId}/export.json`, headers: bearer(key) });
  expect(response.statusCode).toBe(200);
  return response.json<BoardExport>();
}

async function importFile(s: TestServer, file: unknown) {
  return s.app.inject({ method: 'POST', url: '/api/boards/import', payload: file as Record<string, unknown> });
}

/**
 * "Same content": everything in the file but when it was made and the board's id. Titles, texts,
 * kinds, colours, authors, groups, creation times, ids of areas, notes and clusters, order,
 * clusters, dots (with their order), votes and settings must all be equal.
 */
function content(file: BoardExport): Omit<BoardExport, 'exportedAt' | 'board'> & { board: Omit<BoardExport['board'], 'id'> } {
  const { exportedAt: _exportedAt, board, ...rest } = file;
  const { id: _id, ...boardRest } = board;
  return { ...rest, board: boardRest };
}

describe('POST /api/boards/import', () => {
  it('round trip: export → import → export gives the same content under a new board', async () => {
    server = await startServer();
    const original = await richBoard(server);
    const exported = await exportJson(server, original.id, original.facilitatorKey);
    expect(exported.dots.length).toBe(7);

    const response = await importFile(server, exported);
    expect(response.statusCode).toBe(201);
    const created = response.json<CreatedBoard>();
    expect(created).toEqual({ id: expect.any(String), joinCode: expect.any(String), facilitatorKey: expect.any(String), title: 'Strategi «Bærum» 2025', template: 'innovation-strategy' });
    expect(created.id).not.toBe(original.id);
    expect(created.joinCode).not.toBe(original.joinCode);

    const again = await exportJson(server, created.id, created.facilitatorKey);
    expect(again.board.id).toBe(created.id);
    expect(content(again)).toEqual(content(exported));
    // Script in a note is stored and given back as the plain string it was.
    expect(again.areas[0]!.notes.find((n) => n.text === SCRIPT)).toBeDefined();
  });

  it('gives participants of the imported board the content through the stock provider', async () => {
    server = await startServer();
    const original = await richBoard(server);
    const created = (await importFile(server, await exportJson(server, original.id, original.facilitatorKey))).json<CreatedBoard>();
    const peer = connectPeer(server.wsUrl, created.id);
    peers.push(peer);
    await peer.synced();
    expect(readNotes(peer.doc).map((n) => n.text).sort()).toContain(SCRIPT);
    expect(readNotes(peer.doc)).toHaveLength(8);
  });

  it('imports a first-version file without clusters, settings or dots', async () => {
    server = await startServer();
    const file = {
      format: 'verksted.board',
      version: 1,
      exportedAt: '2025-11-03T12:00:00.000Z',
      board: { id: 'old', title: 'Gammel', template: 'blank', language: 'en', createdAt: 5 },
      areas: [{ id: 'a1', title: 'Area', description: '', notes: [{ id: 'n1', text: 'hi', kind: 'goal', colour: '#c9f0c9', authorId: 'x', authorName: 'X', group: null, createdAt: 1 }] }],
    };
    const response = await importFile(server, file);
    expect(response.statusCode).toBe(201);
    const created = response.json<CreatedBoard>();
    const again = await exportJson(server, created.id, created.facilitatorKey);
    expect(again.areas).toEqual([{ ...file.areas[0], clusters: [], notes: [{ ...file.areas[0]!.notes[0], clusterId: null, votes: 0 }] }]);
    expect(again.settings.phase).toBe('share');
  });

  it('refuses hostile files with 400 or 413 naming the problem, and creates nothing', async () => {
    server = await startServer({ config: { BOARDS_PER_IP_PER_HOUR: 1000, MAX_IMPORT_BYTES: 1024 * 1024 } });
    const source = await richBoard(server);
    const good = await exportJson(server, source.id, source.facilitatorKey);
    const before = (await server.store.listRecords()).length;
    const deep = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const cases: { name: string; body: string; status: number; message: RegExp }[] = [
      { name: 'unknown format', body: JSON.stringify({ ...good, format: 'trello' }), status: 400, message: /format: not a verksted\.board file/ },
      { name: 'unknown version', body: JSON.stringify({ ...good, version: 2 }), status: 400, message: /version: 2 is not supported/ },
      { name: 'not an object', body: '[1,2,3]', status: 400, message: /must be a JSON object/ },
      { name: 'wrong type', body: JSON.stringify({ ...good, areas: 'many' }), status: 400, message: /^Not a valid board file: areas: / },
      { name: 'wrong note type', body: JSON.stringify({ ...good, areas: [{ ...good.areas[0], notes: [{ ...good.areas[0]!.notes[0], createdAt: 'yesterday' }] }] }), status: 400, message: /areas\.0\.notes\.0\.createdAt/ },
      { name: 'unknown key', body: JSON.stringify({ ...good, extra: true }), status: 400, message: /extra/ },
      { name: 'unknown kind', body: JSON.stringify({ ...good, areas: [{ ...good.areas[0], notes: [{ ...good.areas[0]!.notes[0], kind: 'rant' }] }] }), status: 400, message: /kind/ },
      { name: 'enormous string', body: JSON.stringify({ ...good, board: { ...good.board, title: 'x'.repeat(200_000) } }), status: 400, message: /board\.title/ },
      { name: 'enormous note', body: JSON.stringify({ ...good, areas: [{ ...good.areas[0], notes: [{ ...good.areas[0]!.notes[0], text: 'x'.repeat(1001) }] }] }), status: 400, message: /text/ },
      { name: 'deep nesting', body: deep(10_000), status: 400, message: /nested deeper than 8 levels/ },
      { name: 'deep nesting inside a field', body: JSON.stringify({ ...good, snapshot: JSON.parse(deep(50)) }), status: 400, message: /nested deeper than 8 levels/ },
      { name: 'brackets in strings are not nesting', body: JSON.stringify({ ...good, board: { ...good.board, title: '[[[[[[[[[[{{{{{{{{{{' } }), status: 201, message: /./ },
      { name: 'huge array', body: JSON.stringify({ ...good, dots: Array.from({ length: 60_000 }, () => 0) }), status: 400, message: /dots: more than 50000 items/ },
      { name: 'too many areas', body: JSON.stringify({ ...good, areas: Array.from({ length: 30 }, (_, i) => ({ ...good.areas[0], id: `a${i}`, notes: [], clusters: [] })) }), status: 400, message: /areas/ },
      { name: 'duplicate ids', body: JSON.stringify({ ...good, areas: [good.areas[0], { ...good.areas[1], notes: good.areas[0]!.notes, clusters: [] }] }), status: 400, message: /duplicate note id/ },
      { name: 'bad colour', body: JSON.stringify({ ...good, areas: [{ ...good.areas[0], notes: [{ ...good.areas[0]!.notes[0], colour: 'red;background:url(x)' }] }] }), status: 400, message: /colour/ },
      { name: 'prototype pollution', body: JSON.stringify(good).replace('{', '{"__proto__":{"polluted":1},'), status: 400, message: /./ },
      { name: 'malformed JSON', body: '{"format":', status: 400, message: /./ },
      { name: 'over the body limit', body: JSON.stringify({ ...good, padding: 'x'.repeat(1024 * 1024) }), status: 413, message: /./ },
    ];
    for (const { name, body, status, message } of cases) {
      const response = await server.app.inject({ method: 'POST', url: '/api/boards/import', headers: { 'content-type': 'application/json' }, payload: body });
      expect(response.statusCode, name).toBe(status);
      if (status === 201) {
        await server.store.delete(response.json<CreatedBoard>().id);
        continue;
      }
      const error = response.json<{ error: string; message: string }>();
      expect(error.error, name).toBe(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED');
      expect(error.message, name).toMatch(message);
    }
    expect((await server.store.listRecords()).length).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses millions of nested brackets before parsing them', async () => {
    server = await startServer();
    const depth = 2_400_000;
    const started = performance.now();
    const response = await server.app.inject({ method: 'POST', url: '/api/boards/import', headers: { 'content-type': 'application/json' }, payload: `${'['.repeat(depth)}${']'.repeat(depth)}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('Not a valid board file: nested deeper than 8 levels');
    // JSON.parse alone needs several seconds for this; the scan before it takes milliseconds.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await server.store.listRecords()).toEqual([]);
  });

  it('keeps script, Markdown and formulas in note text as the plain strings they were', async () => {
    server = await startServer();
    const texts = [SCRIPT, '[x](javascript:alert(1))', '=cmd|" /C calc"!A0', '"><img src=x onerror=alert(1)>', '{{constructor.constructor("alert(1)")()}}'];
    const file = {
      format: 'verksted.board',
      version: 1,
      exportedAt: '',
      board: { id: '', title: SCRIPT, template: 'blank', language: 'nb', createdAt: 0 },
      areas: [{ id: 'a', title: '<b>x</b>', description: '', notes: texts.map((text, i) => ({ id: `n${i}`, text, kind: 'idea', authorId: '', authorName: '<i>me</i>', group: '<u>g</u>', createdAt: 0 })) }],
    };
    const created = (await importFile(server, file)).json<CreatedBoard>();
    const doc = await editBoard(server, created.id, (d) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(d));
      return copy;
    });
    expect(readNotes(doc).map((n) => n.text).sort()).toEqual([...texts].sort());
    expect(readNotes(doc).every((n) => n.authorName === '<i>me</i>' && n.group === '<u>g</u>')).toBe(true);
    const md = await server.app.inject({ method: 'GET', url: `/api/boards/${created.id}/export.md` });
    expect(md.body).not.toMatch(/<script|<img|<b>|<i>|<u>/);
  });

  it('limits imports per address like board creation, before reading the body', async () => {
    server = await startServer({ config: { BOARDS_PER_IP_PER_HOUR: 2 } });
    const file = { format: 'verksted.board', version: 1, exportedAt: '', board: { id: '', title: 't', template: 'blank', language: 'nb', createdAt: 0 }, areas: [] };
    expect((await importFile(server, file)).statusCode).toBe(201);
    expect((await importFile(server, { nonsense: true })).statusCode).toBe(400);
    const third = await importFile(server, file);
    expect(third.statusCode).toBe(429);
    expect(third.json().error).toBe('RATE_LIMITED');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
  });
});
