import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../test/server.js';
import { connectPeer, type Peer } from '../../test/peers.js';
import { DAY_MS, expiresAt, isExpired } from './retention.js';

let server: TestServer | null = null;
const peers: Peer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await server?.close();
  server = null;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 0, 1);

async function boardDirs(s: TestServer): Promise<string[]> {
  return (await readdir(path.join(s.dataDir, 'boards'))).sort();
}

describe('retention', () => {
  it('computes the expiry from the last use, and never expires with 0 days', () => {
    expect(expiresAt(T0, 180)).toBe(T0 + 180 * DAY_MS);
    expect(expiresAt(T0, 0)).toBeNull();
    expect(isExpired({ lastOpenedAt: T0 }, 30, T0 + 30 * DAY_MS)).toBe(false);
    expect(isExpired({ lastOpenedAt: T0 }, 30, T0 + 30 * DAY_MS + 1)).toBe(true);
    expect(isExpired({ lastOpenedAt: 0 }, 0, T0)).toBe(false);
  });

  it('deletes a board nobody opened for RETENTION_DAYS and keeps a recently used one', async () => {
    let now = T0;
    server = await startServer({ config: { RETENTION_DAYS: 30 }, deps: { now: () => now } });
    const old = await server.createBoard({ title: 'Gammel' });
    const recent = await server.createBoard({ title: 'Fersk' });
    now = T0 + 20 * DAY_MS;
    await server.store.touch(recent.id, now); // what loading the board does
    now = T0 + 31 * DAY_MS;

    const result = await server.app.verksted.retention.sweep();
    expect(result).toEqual({ deleted: [old.id], inUse: [] });
    expect(await boardDirs(server)).toEqual([recent.id]);
    expect((await server.app.inject({ method: 'GET', url: `/api/join/${old.joinCode}` })).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: `/api/join/${recent.joinCode}` })).json()).toEqual({ id: recent.id });

    now = T0 + 51 * DAY_MS;
    expect((await server.app.verksted.retention.sweep()).deleted).toEqual([recent.id]);
    expect(await boardDirs(server)).toEqual([]);
  });

  it('never deletes a board that is loaded, and counts it as used now', async () => {
    let now = T0;
    server = await startServer({ config: { RETENTION_DAYS: 30, IDLE_UNLOAD_MS: 60_000 }, deps: { now: () => now } });
    const board = await server.createBoard();
    const participant = connectPeer(server.wsUrl, board.id);
    peers.push(participant);
    await participant.synced();
    await expect.poll(async () => (await server!.store.readRecord(board.id))!.lastOpenedAt).toBe(T0);
    now = T0 + 90 * DAY_MS;

    expect(await server.app.verksted.retention.sweep()).toEqual({ deleted: [], inUse: [board.id] });
    expect(await boardDirs(server)).toEqual([board.id]);
    expect((await server.store.readRecord(board.id))!.lastOpenedAt).toBe(now);
    expect(participant.provider.wsconnected).toBe(true);
  });

  it('sweeps when the server starts', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'verksted-retention-'));
    dirs.push(dataDir);
    let now = T0;
    server = await startServer({ dataDir, config: { RETENTION_DAYS: 30 }, deps: { now: () => now } });
    const board = await server.createBoard();
    await server.close();

    now = T0 + 31 * DAY_MS;
    server = await startServer({ dataDir, config: { RETENTION_DAYS: 30 }, deps: { now: () => now } });
    await expect.poll(() => boardDirs(server!)).toEqual([]);
    expect((await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}` })).statusCode).toBe(404);
  });

  it('keeps every board when RETENTION_DAYS is 0', async () => {
    let now = T0;
    server = await startServer({ config: { RETENTION_DAYS: 0 }, deps: { now: () => now } });
    const board = await server.createBoard();
    now = T0 + 10_000 * DAY_MS;
    expect(await server.app.verksted.retention.sweep()).toEqual({ deleted: [], inUse: [] });
    expect(await boardDirs(server)).toEqual([board.id]);
  });
});
