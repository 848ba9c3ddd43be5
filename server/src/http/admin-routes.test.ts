import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE, FINAL_CLOSE_CODES, addNote, readAreas, readBoard } from '@verksted/shared';
import type { CreatedBoard } from '../boards/board-directory.js';
import { DAY_MS } from '../ops/retention.js';
import { startServer, type StartServerOptions, type TestServer } from '../../test/server.js';
import { connectPeer, connectRaw, type Peer } from '../../test/peers.js';
import { parsePrometheusText } from '../../test/prometheus.js';

let server: TestServer | null = null;
const peers: Peer[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await server?.close();
  server = null;
});

async function start(options: StartServerOptions = {}): Promise<{ server: TestServer; board: CreatedBoard }> {
  server = await startServer(options);
  return { server, board: await server.createBoard({ title: 'Slettes', template: 'retrospective' }) };
}

function peer(boardId: string, params: Record<string, string> = {}): Peer {
  const p = connectPeer(server!.wsUrl, boardId, params);
  peers.push(p);
  return p;
}

const bearer = (board: CreatedBoard): string => `Bearer ${board.facilitatorKey}`;

function remove(s: TestServer, boardId: string, authorization?: string) {
  return s.app.inject({ method: 'DELETE', url: `/api/boards/${boardId}`, headers: authorization === undefined ? {} : { authorization } });
}

function extend(s: TestServer, boardId: string, authorization?: string) {
  return s.app.inject({ method: 'POST', url: `/api/boards/${boardId}/extend`, headers: authorization === undefined ? {} : { authorization } });
}

describe('DELETE /api/boards/:id', () => {
  it('removes every file of the board, disconnects its clients with 4410 for good, and answers 404 afterwards', async () => {
    const { server, board } = await start({ config: { IDLE_UNLOAD_MS: 60_000 } });
    const facilitator = peer(board.id, { key: board.facilitatorKey });
    const participant = peer(board.id);
    await Promise.all([facilitator.synced(), participant.synced()]);
    addNote(participant.doc, { areaId: readAreas(participant.doc)[0]!.id, text: 'snart borte', kind: 'idea', authorId: 'p', authorName: 'P' });
    await expect.poll(() => readBoard(facilitator.doc).noteCount).toBe(1);
    const closes = peers.map(
      (p) => new Promise<{ code: number }>((resolve) => p.provider.on('closed', (event: { code: number }) => resolve(event))),
    );
    expect(FINAL_CLOSE_CODES.has(CLOSE.boardDeleted)).toBe(true);

    const response = await remove(server, board.id, bearer(board));
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');

    expect((await Promise.all(closes)).map((event) => event.code)).toEqual([CLOSE.boardDeleted, CLOSE.boardDeleted]);
    expect(await readdir(path.join(server.dataDir, 'boards'))).toEqual([]);
    expect(server.app.verksted.registry.loadedCount).toBe(0);
    // The stock provider's first reconnect would come after 200 ms; give it twice that to try.
    await new Promise((resolve) => setTimeout(resolve, 400));
    for (const p of peers) {
      expect(p.provider.shouldConnect).toBe(false);
      expect(p.provider.wsconnected || p.provider.wsconnecting).toBe(false);
    }
    expect(server.app.verksted.registry.loadedCount).toBe(0);

    expect((await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}` })).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: `/api/join/${board.joinCode}` })).statusCode).toBe(404);
    expect((await remove(server, board.id, bearer(board))).statusCode).toBe(404);
    const late = connectRaw(`${server.wsUrl}/${board.id}`);
    expect((await late.closed).code).toBe(CLOSE.boardNotFound);
  });

  it('deletes a board that is not loaded, and leaves other boards alone', async () => {
    const { server, board } = await start();
    const other = await server.createBoard();
    expect(server.app.verksted.registry.loadedCount).toBe(0);
    expect((await remove(server, board.id, bearer(board))).statusCode).toBe(204);
    expect(await readdir(path.join(server.dataDir, 'boards'))).toEqual([other.id]);
    expect((await server.app.inject({ method: 'GET', url: `/api/boards/${other.id}` })).statusCode).toBe(200);
    const metrics = parsePrometheusText((await server.app.inject({ method: 'GET', url: '/metrics' })).body);
    expect(metrics.value('verksted_boards_deleted_total', { cause: 'facilitator' })).toBe(1);
  });

  it('needs the board’s own facilitator key: 401 without, 403 with another, and deletes nothing', async () => {
    const { server, board } = await start();
    const other = await server.createBoard();
    const missing = await remove(server, board.id);
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expect((await remove(server, board.id, bearer(other))).statusCode).toBe(403);
    expect((await remove(server, board.id, 'Bearer wrong')).json().error).toBe('FORBIDDEN');
    expect((await readdir(path.join(server.dataDir, 'boards'))).sort()).toEqual([board.id, other.id].sort());
  });

  it('answers 404 for an unknown board and 400 for a malformed id', async () => {
    const { server, board } = await start();
    expect((await remove(server, 'AAAAAAAAAAAAAAAAAAAAAA', bearer(board))).json().error).toBe('BOARD_NOT_FOUND');
    expect((await remove(server, 'nope', bearer(board))).statusCode).toBe(400);
  });
});

describe('retention in the facilitator API', () => {
  it('shows the expiry to the facilitator and extends it on request', async () => {
    let now = Date.UTC(2026, 0, 1);
    const { server, board } = await start({ config: { RETENTION_DAYS: 30 }, deps: { now: () => now } });
    now += 10 * DAY_MS;
    const view = await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}/facilitator`, headers: { authorization: bearer(board) } });
    // The board is open while the facilitator looks at it, so it counts as used now.
    expect(view.json().expiresAt).toBe(now + 30 * DAY_MS);

    now += 5 * DAY_MS;
    const extended = await extend(server, board.id, bearer(board));
    expect(extended.statusCode).toBe(200);
    expect(extended.json()).toEqual({ lastOpenedAt: now, expiresAt: now + 30 * DAY_MS });
    expect((await server.store.readRecord(board.id))!.lastOpenedAt).toBe(now);
  });

  it('reports no expiry when boards are kept forever', async () => {
    const { server, board } = await start({ config: { RETENTION_DAYS: 0 } });
    expect((await extend(server, board.id, bearer(board))).json().expiresAt).toBeNull();
    const view = await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}/facilitator`, headers: { authorization: bearer(board) } });
    expect(view.json().expiresAt).toBeNull();
  });

  it('refuses to extend without the key or for an unknown board', async () => {
    const { server, board } = await start();
    expect((await extend(server, board.id)).statusCode).toBe(401);
    expect((await extend(server, board.id, 'Bearer wrong')).statusCode).toBe(403);
    expect((await extend(server, 'AAAAAAAAAAAAAAAAAAAAAA', bearer(board))).statusCode).toBe(404);
  });
});
