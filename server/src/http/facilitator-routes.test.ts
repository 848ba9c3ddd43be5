import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, readAreas, readMeta, readSettings, type BoardSettings } from '@verksted/shared';
import type { CreatedBoard } from '../boards/board-directory.js';
import { startServer, type StartServerOptions, type TestServer } from '../../test/server.js';
import { connectPeer, type Peer } from '../../test/peers.js';
import { testConfig } from '../../test/test-config.js';

let server: TestServer | null = null;
const peers: Peer[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await server?.close();
  server = null;
});

async function start(options: StartServerOptions = {}): Promise<{ server: TestServer; board: CreatedBoard }> {
  server = await startServer(options);
  return { server, board: await server.createBoard({ title: 'Verksted 1', template: 'innovation-strategy' }) };
}

function patch(s: TestServer, boardId: string, payload: unknown, authorization?: string) {
  return s.app.inject({
    method: 'PATCH',
    url: `/api/boards/${boardId}`,
    headers: authorization === undefined ? {} : { authorization },
    payload: payload as Record<string, unknown>,
  });
}

const bearer = (board: CreatedBoard): string => `Bearer ${board.facilitatorKey}`;

describe('facilitator key', () => {
  it('answers 401 with WWW-Authenticate when the Authorization header is missing', async () => {
    const { server, board } = await start();
    const response = await patch(server, board.id, { phase: 'cluster' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.json()).toEqual({ error: 'UNAUTHORIZED', message: expect.any(String) });
  });

  it('answers 401 for a malformed Authorization header', async () => {
    const { server, board } = await start();
    for (const authorization of [board.facilitatorKey, `Basic ${board.facilitatorKey}`, 'Bearer', 'Bearer a b']) {
      const response = await patch(server, board.id, { phase: 'cluster' }, authorization);
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.json().error).toBe('UNAUTHORIZED');
    }
  });

  it('answers 403 for a wrong key and changes nothing', async () => {
    const { server, board } = await start();
    const response = await patch(server, board.id, { phase: 'cluster' }, 'Bearer not-the-key');
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ error: 'FORBIDDEN', message: expect.any(String) });
    const check = await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}/facilitator`, headers: { authorization: bearer(board) } });
    expect(check.json().settings.phase).toBe('share');
  });

  it('refuses the key of another board', async () => {
    const { server, board } = await start();
    const other = await server.createBoard();
    expect((await patch(server, board.id, { locked: true }, bearer(other))).statusCode).toBe(403);
  });

  it('answers 404 for an unknown board and 400 for a malformed id', async () => {
    const { server, board } = await start();
    expect((await patch(server, 'AAAAAAAAAAAAAAAAAAAAAA', { locked: true }, bearer(board))).json().error).toBe('BOARD_NOT_FOUND');
    expect((await patch(server, 'nope', { locked: true }, bearer(board))).statusCode).toBe(400);
  });

  it('blocks an address with 429 after too many wrong keys, even when it then sends the right one', async () => {
    const { server, board } = await start();
    for (let i = 0; i < testConfig().FACILITATOR_AUTH_FAILURES_PER_IP_PER_MINUTE; i++) {
      expect((await patch(server, board.id, { locked: true }, `Bearer guess-${i}`)).statusCode).toBe(403);
    }
    const limited = await patch(server, board.id, { locked: true }, 'Bearer one-more-guess');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const right = await patch(server, board.id, { locked: true }, bearer(board));
    expect(right.statusCode).toBe(429);
  });

  it('does not count requests with the right key against the limit', async () => {
    const { server, board } = await start();
    for (let i = 0; i < testConfig().FACILITATOR_AUTH_FAILURES_PER_IP_PER_MINUTE + 5; i++) {
      expect((await patch(server, board.id, { voteBudget: (i % 10) + 1 }, bearer(board))).statusCode).toBe(200);
    }
  });

  it('lets the facilitator check its key and read the board’s settings', async () => {
    const { server, board } = await start();
    const get = (authorization: string) =>
      server.app.inject({ method: 'GET', url: `/api/boards/${board.id}/facilitator`, headers: { authorization } });
    const ok = await get(bearer(board));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ id: board.id, joinCode: board.joinCode, settings: expect.objectContaining({ phase: 'share', locked: false }), title: 'Verksted 1', expiresAt: expect.any(Number) });
    expect((await get('Bearer wrong')).statusCode).toBe(403);
  });
});

describe('PATCH /api/boards/:id', () => {
  it('refuses bad values with 400 and changes nothing', async () => {
    const { server, board } = await start();
    const bad: unknown[] = [
      { phase: 'party' },
      { voteBudget: 0 },
      { voteBudget: 2.5 },
      { voteBudget: '5' },
      { locked: 'true' },
      { phase: 'vote', extra: 1 },
      {},
      { title: '' },
      { title: '   ' },
      { stakeholderGroups: Array.from({ length: 21 }, (_, i) => `group ${i}`) },
      { stakeholderGroups: [''] },
      { focusAreaId: 'no-such-area' },
      { timer: { action: 'set', seconds: 0 } },
      { timer: { action: 'set', seconds: 14_401 } },
      { timer: { action: 'set' } },
      { timer: { action: 'start', seconds: 10 } },
      { timer: { action: 'explode' } },
    ];
    for (const payload of bad) {
      const response = await patch(server, board.id, payload, bearer(board));
      expect({ payload, status: response.statusCode }).toEqual({ payload, status: 400 });
      expect(response.json()).toEqual({ error: 'VALIDATION_FAILED', message: expect.any(String) });
    }
    const check = await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}/facilitator`, headers: { authorization: bearer(board) } });
    expect(check.json()).toMatchObject({ title: 'Verksted 1', settings: { phase: 'share', voteBudget: 5, locked: false } });
  });

  it('changes the phase, and a connected stock y-websocket provider sees it', async () => {
    const { server, board } = await start();
    const peer = connectPeer(server.wsUrl, board.id);
    peers.push(peer);
    await peer.synced();
    const response = await patch(server, board.id, { phase: 'cluster', locked: true, voteBudget: 3 }, bearer(board));
    expect(response.statusCode).toBe(200);
    const body = response.json<{ settings: BoardSettings; title: string }>();
    expect(body.title).toBe('Verksted 1');
    expect(body.settings).toMatchObject({ phase: 'cluster', locked: true, voteBudget: 3 });
    await expect.poll(() => readSettings(peer.doc).phase).toBe('cluster');
    expect(readSettings(peer.doc)).toMatchObject({ locked: true, voteBudget: 3 });
  });

  it('keeps accepting a participant who reconnects after settings changed (its sync carries their old values’ deletes)', async () => {
    const { server, board } = await start();
    const peer = connectPeer(server.wsUrl, board.id);
    peers.push(peer);
    await peer.synced();
    for (const phase of ['share', 'results', 'cluster'] as const) {
      expect((await patch(server, board.id, { phase }, bearer(board))).statusCode).toBe(200);
    }
    await expect.poll(() => readSettings(peer.doc).phase).toBe('cluster');
    const closes: number[] = [];
    peer.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closes.push(event.code);
    });
    peer.provider.disconnect();
    peer.provider.connect();
    await peer.synced();
    addNote(peer.doc, { areaId: readAreas(peer.doc)[0]!.id, text: 'etter gjenoppkobling', kind: 'idea', authorId: 'kari', authorName: 'Kari' });
    await expect.poll(async () => (await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}` })).json().noteCount).toBe(1);
    expect(closes.filter((code) => code !== 1000 && code !== 1005)).toEqual([]);
  });

  it('renames the board, focuses an area and sets the stakeholder groups', async () => {
    const { server, board } = await start();
    const peer = connectPeer(server.wsUrl, board.id);
    peers.push(peer);
    await peer.synced();
    const areaId = readAreas(peer.doc)[2]!.id;
    const response = await patch(server, board.id, { title: 'Verksted 2', focusAreaId: areaId, stakeholderGroups: ['politicians', 'Ungdomsrådet'] }, bearer(board));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ title: 'Verksted 2', settings: { focusAreaId: areaId, stakeholderGroups: ['politicians', 'Ungdomsrådet'] } });
    await expect.poll(() => readMeta(peer.doc).title).toBe('Verksted 2');
    expect(readSettings(peer.doc).focusAreaId).toBe(areaId);
    expect((await patch(server, board.id, { focusAreaId: null }, bearer(board))).json().settings.focusAreaId).toBeNull();
  });

  it('runs the timer on the server’s clock', async () => {
    let clock = Date.UTC(2025, 10, 3, 12);
    const { server, board } = await start({ deps: { now: () => clock } });
    const set = await patch(server, board.id, { timer: { action: 'set', seconds: 300 } }, bearer(board));
    expect(set.json().settings.timer).toEqual({ status: 'idle', durationMs: 300_000, endsAt: null, remainingMs: 300_000 });
    const started = await patch(server, board.id, { timer: { action: 'start' } }, bearer(board));
    expect(started.statusCode).toBe(200);
    expect(started.json().settings.timer).toMatchObject({ status: 'running', endsAt: clock + 300_000 });
    clock += 60_000;
    const added = await patch(server, board.id, { timer: { action: 'add', seconds: 60 } }, bearer(board));
    expect(added.json().settings.timer).toMatchObject({ status: 'running', endsAt: Date.UTC(2025, 10, 3, 12) + 360_000 });
    const paused = await patch(server, board.id, { timer: { action: 'pause' } }, bearer(board));
    expect(paused.json().settings.timer).toEqual({ status: 'paused', durationMs: 300_000, endsAt: null, remainingMs: 300_000 });
  });

  it('never writes the facilitator key to the log', async () => {
    const lines: string[] = [];
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    const { server, board } = await start({ config: { LOG: true, LOG_LEVEL: 'trace' }, deps: { logStream } });
    expect((await patch(server, board.id, { phase: 'vote' }, bearer(board))).statusCode).toBe(200);
    expect((await patch(server, board.id, { phase: 'party' }, bearer(board))).statusCode).toBe(400);
    expect((await patch(server, board.id, { phase: 'vote' }, board.facilitatorKey)).statusCode).toBe(401);
    expect((await patch(server, board.id, { phase: 'vote' }, `Bearer ${board.facilitatorKey}x`)).statusCode).toBe(403);
    await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}/facilitator`, headers: { authorization: bearer(board) } });
    await expect.poll(() => lines.join('')).toContain('settings changed');
    const log = lines.join('');
    expect(log).toContain(board.id);
    expect(log).toContain('wrong facilitator key');
    expect(log).not.toContain(board.facilitatorKey);
    expect(log.toLowerCase()).not.toContain('bearer');
  });
});
