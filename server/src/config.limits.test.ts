/**
 * Every limit: a default, an environment variable that changes it, and a clear refusal (close code
 * and reason on the websocket, status and `{ error, message }` over HTTP) when it is reached.
 * The table below is the one README's "Guarantees" section lists.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLOSE,
  DEFAULT_MAX_BOARD_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_NOTES_PER_BOARD,
  MAX_NOTE_TEXT_CHARS,
  MESSAGE_REFUSED,
  NOTE_FIELD,
  addNote,
  notesMap,
  readAreas,
  readBoard,
} from '@verksted/shared';
import * as decoding from 'lib0/decoding';
import { loadConfig, type Config } from './config.js';
import { connectPeer, connectRaw, applySyncFrames, frameType, step2CountOf, syncStep1Frame, updateFrame, type Peer, type RawClient } from '../test/peers.js';
import { startServer, type TestServer } from '../test/server.js';
import type { CreatedBoard } from './boards/board-directory.js';

/** Every operational limit, its default and its variable. */
const LIMITS: readonly { env: keyof Config; default: number }[] = [
  { env: 'MAX_MESSAGE_BYTES', default: DEFAULT_MAX_MESSAGE_BYTES },
  { env: 'MAX_MESSAGES_PER_SECOND', default: 200 },
  { env: 'MAX_CONNECTIONS_PER_BOARD', default: 1000 },
  { env: 'MAX_CONNECTIONS_PER_IP', default: 500 },
  { env: 'MAX_NOTE_TEXT_CHARS', default: MAX_NOTE_TEXT_CHARS },
  { env: 'MAX_NOTES_PER_BOARD', default: DEFAULT_MAX_NOTES_PER_BOARD },
  { env: 'MAX_BOARD_BYTES', default: DEFAULT_MAX_BOARD_BYTES },
  { env: 'MAX_IMPORT_BYTES', default: 5 * 1024 * 1024 },
  { env: 'BOARDS_PER_IP_PER_HOUR', default: 30 },
  { env: 'JOIN_LOOKUPS_PER_IP_PER_MINUTE', default: 30 },
  { env: 'FACILITATOR_AUTH_FAILURES_PER_IP_PER_MINUTE', default: 20 },
];

let server: TestServer | null = null;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server?.close();
  server = null;
});

async function start(config: Partial<Config>): Promise<{ server: TestServer; board: CreatedBoard }> {
  server = await startServer({ config });
  return { server, board: await server.createBoard({ template: 'retrospective' }) };
}

function peer(s: TestServer, boardId: string): Peer {
  const p = connectPeer(s.wsUrl, boardId);
  cleanups.push(() => p.destroy());
  return p;
}

function raw(s: TestServer, path: string): RawClient {
  const client = connectRaw(`${s.wsUrl}/${path}`);
  cleanups.push(() => client.ws.terminate());
  return client;
}

/** The close event of a stock provider's next close. */
function nextClose(p: Peer): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => p.provider.once('connection-close', (event) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })));
}

/** A note as a participant's copy of the board would make it (the shared helper checks only the shared limit). */
function noteOf(p: Peer, text: string): void {
  addNote(p.doc, { areaId: readAreas(p.doc)[0]!.id, text, kind: 'idea', authorId: 'p', authorName: 'P' });
}

describe('limits have defaults and environment variables', () => {
  it('uses the documented default for every limit', () => {
    const config = loadConfig({});
    for (const limit of LIMITS) expect({ env: limit.env, value: config[limit.env] }).toEqual({ env: limit.env, value: limit.default });
  });

  it('lets every limit be raised (load tests from one address) and lowered through its variable', () => {
    const env = Object.fromEntries(LIMITS.map((limit) => [limit.env, String(limit.default * 10)]));
    const raised = loadConfig(env);
    for (const limit of LIMITS) expect(raised[limit.env]).toBe(limit.default * 10);
    const lowered = loadConfig(Object.fromEntries(LIMITS.map((limit) => [limit.env, '1024'])));
    for (const limit of LIMITS) expect(lowered[limit.env]).toBe(1024);
  });

  it('refuses a limit of zero or a non-number at start, naming the variable', () => {
    expect(() => loadConfig({ MAX_NOTE_TEXT_CHARS: '0' })).toThrow(/MAX_NOTE_TEXT_CHARS/);
    expect(() => loadConfig({ MAX_NOTES_PER_BOARD: 'many' })).toThrow(/MAX_NOTES_PER_BOARD/);
  });
});

describe('websocket limits close the offending socket with a named code and reason', () => {
  it('MAX_MESSAGE_BYTES: a bigger frame is closed with 1009', async () => {
    const { server, board } = await start({ MAX_MESSAGE_BYTES: 2048 });
    const client = raw(server, board.id);
    await client.opened;
    client.send(new Uint8Array(2049));
    // ws closes before reading the frame, with the standard code and no reason ("Message Too Big").
    expect(await client.closed).toEqual({ code: CLOSE.tooLarge, reason: '' });
  });

  it('MAX_MESSAGES_PER_SECOND: a socket sending faster is closed with 4029', async () => {
    const { server, board } = await start({ MAX_MESSAGES_PER_SECOND: 5 });
    const client = raw(server, board.id);
    await client.opened;
    for (let i = 0; i < 30; i++) client.send(syncStep1Frame());
    expect(await client.closed).toEqual({ code: CLOSE.rateLimited, reason: 'too many messages' });
  });

  it('MAX_CONNECTIONS_PER_BOARD: one connection too many is closed with 4030', async () => {
    const { server, board } = await start({ MAX_CONNECTIONS_PER_BOARD: 2 });
    await Promise.all([peer(server, board.id).synced(), peer(server, board.id).synced()]);
    expect(await raw(server, board.id).closed).toEqual({ code: CLOSE.tooManyConnections, reason: 'too many connections' });
    // Another board is not affected.
    const other = await server.createBoard();
    await peer(server, other.id).synced();
  });

  it('MAX_CONNECTIONS_PER_IP: one connection too many from an address is closed with 4030, on any board', async () => {
    const { server, board } = await start({ MAX_CONNECTIONS_PER_IP: 2 });
    await Promise.all([peer(server, board.id).synced(), peer(server, board.id).synced()]);
    const other = await server.createBoard();
    expect(await raw(server, other.id).closed).toEqual({ code: CLOSE.tooManyConnections, reason: 'too many connections' });
  });

  it('MAX_NOTE_TEXT_CHARS: a note that would be longer is refused (4401 for a stock client), and nothing is stored', async () => {
    const { server, board } = await start({ MAX_NOTE_TEXT_CHARS: 20 });
    const writer = peer(server, board.id);
    const watcher = peer(server, board.id);
    await Promise.all([writer.synced(), watcher.synced()]);
    noteOf(writer, 'x'.repeat(20));
    await expect.poll(() => readBoard(watcher.doc).noteCount).toBe(1);
    const closed = nextClose(writer);
    noteOf(writer, 'y'.repeat(21));
    expect(await closed).toEqual({ code: CLOSE.forbidden, reason: 'a note’s text would be longer than the limit' });
    expect(readBoard(watcher.doc).noteCount).toBe(1);
  });

  it('MAX_NOTE_TEXT_CHARS: our own client gets MESSAGE_REFUSED with the reason and keeps its connection', async () => {
    const { server, board } = await start({ MAX_NOTE_TEXT_CHARS: 20 });
    const client = raw(server, `${board.id}?client=verksted`);
    await client.opened;
    client.send(syncStep1Frame());
    await expect.poll(() => step2CountOf(client)).toBe(1);
    const doc = new Y.Doc();
    applySyncFrames(client, doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    addNote(doc, { areaId: readAreas(doc)[0]!.id, text: 'kort', kind: 'idea', authorId: 'p', authorName: 'P' });
    const id = [...notesMap(doc).keys()][0]!;
    ((notesMap(doc).get(id) as Y.Map<unknown>).get(NOTE_FIELD.text) as Y.Text).insert(4, ' men så ble den altfor lang');
    for (const update of updates) client.send(updateFrame(update));
    await expect.poll(() => client.frames.filter((f) => frameType(f) === MESSAGE_REFUSED).map(refusalReason)).toEqual(['a note’s text would be longer than the limit']);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    // The first update (the short note) was stored; the edit that made it too long was not.
    const fresh = peer(server, board.id);
    await fresh.synced();
    expect(readBoard(fresh.doc).areas[0]!.notes.map((n) => n.text)).toEqual(['kort']);
  });

  it('MAX_NOTES_PER_BOARD: the note past the limit is refused with 4413', async () => {
    const { server, board } = await start({ MAX_NOTES_PER_BOARD: 2 });
    const writer = peer(server, board.id);
    await writer.synced();
    const closed = nextClose(writer);
    for (let i = 0; i < 3; i++) noteOf(writer, `n${i}`);
    expect(await closed).toEqual({ code: CLOSE.boardFull, reason: 'the board has too many notes' });
  });

  it('MAX_BOARD_BYTES: an update that would grow the document past it is refused with 4413', async () => {
    const { server, board } = await start({ MAX_BOARD_BYTES: 4096 });
    const writer = peer(server, board.id);
    await writer.synced();
    const closed = nextClose(writer);
    for (let i = 0; i < 8; i++) noteOf(writer, 'z'.repeat(900));
    expect(await closed).toEqual({ code: CLOSE.boardFull, reason: 'the board is too large' });
  });
});

describe('HTTP limits answer with a status and { error, message }', () => {
  it('BOARDS_PER_IP_PER_HOUR: 429 RATE_LIMITED with Retry-After', async () => {
    const { server } = await start({ BOARDS_PER_IP_PER_HOUR: 2 }); // start() created one
    expect((await server.app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'b', template: 'blank' } })).statusCode).toBe(201);
    const refused = await server.app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'c', template: 'blank' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({ error: 'RATE_LIMITED', message: expect.stringMatching(/\S/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('JOIN_LOOKUPS_PER_IP_PER_MINUTE: 429 RATE_LIMITED', async () => {
    const { server } = await start({ JOIN_LOOKUPS_PER_IP_PER_MINUTE: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await server.app.inject({ method: 'GET', url: '/api/join/ZZZZZZ' })).statusCode);
    expect(statuses).toEqual([404, 404, 429]);
  });

  it('FACILITATOR_AUTH_FAILURES_PER_IP_PER_MINUTE: 429 RATE_LIMITED after that many wrong keys', async () => {
    const { server, board } = await start({ FACILITATOR_AUTH_FAILURES_PER_IP_PER_MINUTE: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await server.app.inject({ method: 'PATCH', url: `/api/boards/${board.id}`, headers: { authorization: 'Bearer wrong' }, payload: { locked: true } })).statusCode);
    }
    expect(statuses).toEqual([403, 403, 429]);
  });

  it('request bodies over 64 KiB: 413 PAYLOAD_TOO_LARGE', async () => {
    const { server } = await start({});
    const response = await server.app.inject({ method: 'POST', url: '/api/boards', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ title: 'x'.repeat(70_000), template: 'blank' }) });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/\S/) });
  });

  it('MAX_IMPORT_BYTES: an import file over it is 413 PAYLOAD_TOO_LARGE', async () => {
    const { server } = await start({ MAX_IMPORT_BYTES: 2048 });
    const response = await server.app.inject({ method: 'POST', url: '/api/boards/import', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ padding: 'x'.repeat(4096) }) });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toBe('PAYLOAD_TOO_LARGE');
  });
});

function refusalReason(frame: Uint8Array): string {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  return decoding.readVarString(decoder);
}
