/**
 * Access: a participant cannot obtain the facilitator key, cannot read another board, cannot act
 * as the facilitator by any route or over the websocket, and cannot enumerate join codes.
 *
 * Routes are read from the server (test/routes.ts) and sorted into classes below; a route added
 * later fails the inventory test until someone decides which class it belongs to.
 */
import { PassThrough } from 'node:stream';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CLOSE,
  MESSAGE_REFUSED,
  addArea,
  addNote,
  deriveParticipantId,
  isBoardId,
  newBoardId,
  newJoinCode,
  readAreas,
  readBoard,
  readMeta,
  readSettings,
  setBoardTitle,
  updateSettings,
} from '@verksted/shared';
import type { CreatedBoard } from '../boards/board-directory.js';
import { hashFacilitatorKey } from '../boards/facilitator-key.js';
import { participantIdOf } from '../boards/participant-id.js';
import { applySyncFrames, connectPeer, connectRaw, frameType, step2CountOf, syncStep1Frame, updateFrame, type Peer, type RawClient } from '../../test/peers.js';
import { startServer, type TestServer } from '../../test/server.js';
import { fillRoute, listRoutes, type RouteInfo } from '../../test/routes.js';

/** Who may use each route. `facilitator`: the board's key is required (401 without, 403 wrong). */
const ROUTE_CLASSES: Record<string, 'public' | 'facilitator' | 'downloads' | 'keys-in-body' | 'ops' | 'websocket'> = {
  'GET /ws/:boardId': 'websocket',
  'GET /healthz': 'ops',
  'GET /readyz': 'ops',
  'GET /metrics': 'ops',
  'POST /api/boards': 'public',
  'POST /api/boards/import': 'public',
  'GET /api/boards/:id': 'public',
  'GET /api/join/:code': 'public',
  'PATCH /api/boards/:id': 'facilitator',
  'DELETE /api/boards/:id': 'facilitator',
  'GET /api/boards/:id/facilitator': 'facilitator',
  'POST /api/boards/:id/extend': 'facilitator',
  'POST /api/boards/:id/snapshots': 'facilitator',
  'POST /api/boards/:id/snapshots/:snapshotId/restore': 'facilitator',
  'GET /api/boards/:id/snapshots': 'downloads',
  'GET /api/boards/:id/export.json': 'downloads',
  'GET /api/boards/:id/export.md': 'downloads',
  'GET /api/boards/:id/export.csv': 'downloads',
  'GET /api/boards/:id/snapshots/:snapshotId/export.json': 'downloads',
  'GET /api/boards/:id/snapshots/:snapshotId/export.md': 'downloads',
  'GET /api/boards/:id/snapshots/:snapshotId/export.csv': 'downloads',
  'POST /api/rollup': 'keys-in-body',
};

/** A valid body for each route that needs one (so that only the key decides). */
const BODIES: Record<string, unknown> = {
  'PATCH /api/boards/:id': { locked: true },
  'POST /api/boards/:id/snapshots': { label: 'x' },
  'POST /api/boards/:id/snapshots/:snapshotId/restore': { mode: 'rollback' },
};

let server: TestServer;
let board: CreatedBoard;
let other: CreatedBoard;
let snapshotId: string;
let routes: RouteInfo[];
const logLines: string[] = [];
const cleanups: (() => void)[] = [];

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));
  server = await startServer({
    config: { LOG: true, LOG_LEVEL: 'trace', FACILITATOR_AUTH_FAILURES_PER_IP_PER_MINUTE: 100_000, BOARDS_PER_IP_PER_HOUR: 100_000 },
    deps: { logStream },
  });
  board = await server.createBoard({ title: 'Verksted A', template: 'innovation-strategy' });
  other = await server.createBoard({ title: 'Verksted B', template: 'retrospective' });
  const snapshot = await server.app.inject({ method: 'POST', url: `/api/boards/${board.id}/snapshots`, headers: bearer(board.facilitatorKey), payload: {} });
  snapshotId = snapshot.json<{ id: string }>().id;
  routes = listRoutes(server.app);
});

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

afterAll(async () => {
  await server.close();
});

function peer(boardId: string, params: Record<string, string> = {}): Peer {
  const p = connectPeer(server.wsUrl, boardId, params);
  cleanups.push(() => p.destroy());
  return p;
}

async function rawSynced(path: string): Promise<RawClient> {
  const client = connectRaw(`${server.wsUrl}/${path}`);
  cleanups.push(() => client.ws.terminate());
  await client.opened;
  client.send(syncStep1Frame());
  await expect.poll(() => step2CountOf(client)).toBe(1);
  return client;
}

function paramsFor(b: CreatedBoard): Record<string, string> {
  return { id: b.id, boardId: b.id, snapshotId, code: b.joinCode };
}

/** Every byte a socket received, as one string (binary frames as latin1 so any ASCII secret shows). */
function allBytes(client: RawClient): string {
  return client.frames.map((frame) => Buffer.from(frame).toString('latin1')).join('\n');
}

describe('the route inventory', () => {
  it('knows every route the server has (classify a new route here before it ships)', () => {
    const unclassified = routes.map((r) => `${r.method} ${r.url}`).filter((name) => !(name in ROUTE_CLASSES));
    expect(unclassified).toEqual([]);
  });
});

describe('the facilitator key', () => {
  it('is given to the creator only, and no route answers a participant with it or its hash', async () => {
    const created = await server.app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'x', template: 'blank' } });
    expect(created.json<CreatedBoard>().facilitatorKey.length).toBeGreaterThanOrEqual(43);
    // Participants may download from this board, so every download route answers with content.
    expect((await server.app.inject({ method: 'PATCH', url: `/api/boards/${board.id}`, headers: bearer(board.facilitatorKey), payload: { participantDownloads: true } })).statusCode).toBe(200);
    const hash = hashFacilitatorKey(board.facilitatorKey);
    for (const route of routes.filter((r) => r.method === 'GET' && ROUTE_CLASSES[`${r.method} ${r.url}`] !== 'websocket')) {
      const url = fillRoute(route.url, paramsFor(board));
      const response = await server.app.inject({ method: 'GET', url });
      const everything = JSON.stringify(response.headers) + response.body;
      expect(everything, url).not.toContain(board.facilitatorKey);
      expect(everything, url).not.toContain(hash);
      expect(everything, url).not.toMatch(/facilitatorKey/);
    }
    expect((await server.app.inject({ method: 'PATCH', url: `/api/boards/${board.id}`, headers: bearer(board.facilitatorKey), payload: { participantDownloads: false } })).statusCode).toBe(200);
  });

  it('never reaches a participant’s socket, while the facilitator is connected and changes settings', async () => {
    const hash = hashFacilitatorKey(board.facilitatorKey);
    const stock = await rawSynced(board.id);
    const ours = await rawSynced(`${board.id}?client=verksted`);
    const facilitator = peer(board.id, { key: board.facilitatorKey });
    await facilitator.synced();
    addNote(facilitator.doc, { areaId: readAreas(facilitator.doc)[0]!.id, text: 'fra fasilitator', kind: 'goal', authorId: 'f', authorName: 'F' });
    for (const phase of ['brainstorm', 'share', 'vote', 'results', 'cluster'] as const) {
      expect((await server.app.inject({ method: 'PATCH', url: `/api/boards/${board.id}`, headers: bearer(board.facilitatorKey), payload: { phase } })).statusCode).toBe(200);
    }
    // Both participants have seen every change.
    for (const client of [stock, ours]) {
      await expect.poll(() => {
        const doc = new Y.Doc();
        applySyncFrames(client, doc);
        return readSettings(doc).phase;
      }).toBe('cluster');
    }
    expect((await server.app.inject({ method: 'PATCH', url: `/api/boards/${board.id}`, headers: bearer(board.facilitatorKey), payload: { phase: 'share' } })).statusCode).toBe(200);
    for (const client of [stock, ours]) {
      expect(allBytes(client)).not.toContain(board.facilitatorKey);
      expect(allBytes(client)).not.toContain(hash);
    }
  });

  it('never appears in the logs, whether sent in a header, a query or a websocket URL', async () => {
    const hash = hashFacilitatorKey(board.facilitatorKey);
    await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}?key=${board.facilitatorKey}` });
    await server.app.inject({ method: 'GET', url: `/api/nothing?key=${board.facilitatorKey}` });
    await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}/facilitator`, headers: bearer(board.facilitatorKey) });
    await server.app.inject({ method: 'PATCH', url: `/api/boards/${other.id}`, headers: bearer(board.facilitatorKey), payload: { locked: false } });
    const facilitator = peer(board.id, { key: board.facilitatorKey });
    await facilitator.synced();
    const bad = connectRaw(`${server.wsUrl}/${board.id}?key=${board.facilitatorKey}`);
    cleanups.push(() => bad.ws.terminate());
    await bad.opened;
    bad.send('text frames close the socket, with a log line');
    await bad.closed;
    await expect.poll(() => logLines.join('')).toContain('text frame');
    const log = logLines.join('');
    expect(log).toContain(board.id);
    expect(log).not.toContain(board.facilitatorKey);
    expect(log).not.toContain(hash);
    expect(log).not.toContain('key=');
  });
});

describe('boards are separate', () => {
  it('uses 128-bit random board ids that cannot be guessed or enumerated', () => {
    const ids = Array.from({ length: 4000 }, () => newBoardId());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every(isBoardId)).toBe(true);
    // Every bit of the 16 random bytes is set about half the time.
    const ones = new Array<number>(128).fill(0);
    for (const id of ids) {
      const bytes = Buffer.from(id, 'base64url');
      expect(bytes.length).toBe(16);
      for (let bit = 0; bit < 128; bit++) if (bytes[bit >> 3]! & (0x80 >> (bit & 7))) ones[bit]!++;
    }
    for (const count of ones) expect(count / ids.length).toBeGreaterThan(0.4);
    for (const count of ones) expect(count / ids.length).toBeLessThan(0.6);
  });

  it('derives participant ids on the server exactly as the client does (a participant cannot pose as another)', async () => {
    for (const secret of ['0123456789abcdef', 'ÆØÅ-æøå-🙂-secret-with-unicode', 'x'.repeat(200), ...Array.from({ length: 50 }, () => newBoardId() + newBoardId())]) {
      expect(participantIdOf(secret)).toBe(await deriveParticipantId(secret));
    }
  });

  it('never sends a participant on board A anything of board B', async () => {
    const onA = await rawSynced(`${board.id}?client=verksted`);
    const writers = [peer(other.id), peer(other.id)];
    await Promise.all(writers.map((w) => w.synced()));
    for (const writer of writers) {
      writer.provider.awareness.setLocalState({ name: 'B-ONLY-PRESENCE' });
      addNote(writer.doc, { areaId: readAreas(writer.doc)[0]!.id, text: 'B-ONLY-MARKER', kind: 'idea', authorId: 'b', authorName: 'B-ONLY-AUTHOR' });
    }
    await expect.poll(() => writers.every((w) => readBoard(w.doc).noteCount === 2)).toBe(true);
    // A's participant also asks for everything it could: a full sync and everyone's presence.
    onA.send(syncStep1Frame());
    await expect.poll(() => step2CountOf(onA)).toBe(2);
    const bytes = allBytes(onA);
    for (const marker of ['B-ONLY-MARKER', 'B-ONLY-AUTHOR', 'B-ONLY-PRESENCE', other.id, 'Verksted B']) expect(bytes).not.toContain(marker);
    const doc = new Y.Doc();
    applySyncFrames(onA, doc);
    expect(readMeta(doc).title).toBe('Verksted A');
  });
});

describe('facilitator actions need the facilitator key', () => {
  it('answers every facilitator route with 401 without a key and 403 with a wrong or another board’s key, changing nothing', async () => {
    const summary = async () => {
      const { settings, title, joinCode } = (await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}/facilitator`, headers: bearer(board.facilitatorKey) })).json();
      const snapshots = (await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}/snapshots`, headers: bearer(board.facilitatorKey) })).json();
      return { settings, title, joinCode, snapshots };
    };
    const before = await summary();
    for (const route of routes.filter((r) => ROUTE_CLASSES[`${r.method} ${r.url}`] === 'facilitator')) {
      const name = `${route.method} ${route.url}`;
      const url = fillRoute(route.url, paramsFor(board));
      const payload = BODIES[name] as Record<string, unknown> | undefined;
      const send = (headers: Record<string, string>) => server.app.inject({ method: route.method as 'POST', url, headers, payload });
      const none = await send({});
      expect({ name, status: none.statusCode }).toEqual({ name, status: 401 });
      expect(none.json().error).toBe('UNAUTHORIZED');
      expect(none.headers['www-authenticate']).toBe('Bearer');
      for (const key of ['wrong', other.facilitatorKey, board.facilitatorKey.slice(0, -1), `${board.facilitatorKey}x`]) {
        const refused = await send(bearer(key));
        expect({ name, status: refused.statusCode }).toEqual({ name, status: 403 });
        expect(refused.json().error).toBe('FORBIDDEN');
      }
      // A key in the query string is not a key.
      expect((await server.app.inject({ method: route.method as 'POST', url: `${url}?key=${board.facilitatorKey}`, payload })).statusCode).toBe(401);
    }
    expect(await summary()).toEqual(before);
    expect((await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}` })).statusCode).toBe(200);
  });

  it('refuses downloads to a participant until the facilitator opens them, and a wrong key always', async () => {
    for (const route of routes.filter((r) => ROUTE_CLASSES[`${r.method} ${r.url}`] === 'downloads')) {
      const url = fillRoute(route.url, paramsFor(board));
      expect((await server.app.inject({ method: 'GET', url })).statusCode, url).toBe(403);
      expect((await server.app.inject({ method: 'GET', url, headers: bearer(other.facilitatorKey) })).statusCode, url).toBe(403);
      expect((await server.app.inject({ method: 'GET', url, headers: bearer(board.facilitatorKey) })).statusCode, url).toBe(200);
    }
  });

  it('refuses a roll-up with a wrong key for any of its boards', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/api/rollup', payload: { boards: [{ id: other.id, facilitatorKey: other.facilitatorKey }, { id: board.id, facilitatorKey: other.facilitatorKey }] } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe('FORBIDDEN');
  });

  it('refuses a participant’s websocket writes to settings, areas and the board title, and stores none of them', async () => {
    const attempts: [string, (doc: Y.Doc) => void][] = [
      ['settings', (doc) => updateSettings(doc, { locked: true, phase: 'results' })],
      ['areas', (doc) => addArea(doc, { title: 'Snikområde' })],
      ['meta', (doc) => setBoardTitle(doc, 'Kapret tavle')],
    ];
    for (const [what, change] of attempts) {
      // A stock client (also one that sends a wrong key): closed with 4401.
      for (const params of [{}, { key: 'not-the-key' }] as Record<string, string>[]) {
        const intruder = peer(board.id, params);
        await intruder.synced();
        const closed = new Promise<number>((resolve) => intruder.provider.once('connection-close', (event) => resolve(event?.code ?? 0)));
        change(intruder.doc);
        expect({ what, code: await closed }).toEqual({ what, code: CLOSE.forbidden });
      }
      // Our client: told with MESSAGE_REFUSED, and stays connected.
      const ours = await rawSynced(`${board.id}?client=verksted`);
      const doc = new Y.Doc();
      applySyncFrames(ours, doc);
      const updates: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array) => updates.push(update));
      change(doc);
      for (const update of updates) ours.send(updateFrame(update));
      await expect.poll(() => ours.frames.some((f) => frameType(f) === MESSAGE_REFUSED)).toBe(true);
    }
    const fresh = peer(board.id);
    await fresh.synced();
    expect(readMeta(fresh.doc).title).toBe('Verksted A');
    expect(readAreas(fresh.doc).map((a) => a.title)).not.toContain('Snikområde');
    expect(readSettings(fresh.doc)).toMatchObject({ locked: false });
  });
});

describe('join codes', () => {
  it('cannot be enumerated: past JOIN_LOOKUPS_PER_IP_PER_MINUTE every lookup is 429', async () => {
    const limited = await startServer({ config: { JOIN_LOOKUPS_PER_IP_PER_MINUTE: 30 } });
    try {
      const created = await limited.createBoard();
      const statuses = new Map<number, number>();
      for (let i = 0; i < 300; i++) {
        const code = newJoinCode();
        if (code === created.joinCode) continue;
        const status = (await limited.app.inject({ method: 'GET', url: `/api/join/${code}` })).statusCode;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      expect(statuses.get(200)).toBeUndefined();
      expect(statuses.get(404)).toBe(30);
      expect(statuses.get(429)).toBeGreaterThanOrEqual(260);
      // The right code is refused too while the address is over the limit.
      expect((await limited.app.inject({ method: 'GET', url: `/api/join/${created.joinCode}` })).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
