/**
 * The server as a process: crash safety under SIGKILL (whatever any client received from the
 * server is on disk), graceful SIGTERM, and refusing to start with a bad config.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE, addNote, readAreas, readBoard } from '@verksted/shared';
import { connectPeer, type Peer } from '../test/peers.js';
import { spawnServer, type ServerProcess } from '../test/server-process.js';

let dataDir = '';
let server: ServerProcess | null = null;
const peers: Peer[] = [];

afterEach(async () => {
  for (const p of peers.splice(0)) p.destroy();
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  server = null;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function createBoard(httpUrl: string): Promise<string> {
  const response = await fetch(`${httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Crash', template: 'retrospective' }),
  });
  return ((await response.json()) as { id: string }).id;
}

describe('kill -9', () => {
  it('keeps every update any client received across a SIGKILL and restart', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'verksted-crash-'));
    server = await spawnServer({ PORT: '0', DATA_DIR: dataDir });
    const { port } = server;
    const boardId = await createBoard(server.httpUrl);
    for (let i = 0; i < 3; i++) peers.push(connectPeer(server.wsUrl, boardId));
    await Promise.all(peers.map((p) => p.synced()));
    const areaIds = readAreas(peers[0]!.doc).map((a) => a.id);

    // Every peer keeps writing until the process dies.
    let writing = true;
    const writers = peers.map(async (p, i) => {
      for (let n = 0; writing; n++) {
        addNote(p.doc, { areaId: areaIds[n % areaIds.length]!, text: `peer ${i} note ${n}`, kind: 'idea', authorId: `p${i}`, authorName: `P${i}` });
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    });
    await expect.poll(() => peers.every((p) => p.received.length > 40), { timeout: 10_000 }).toBe(true);
    server.child.kill('SIGKILL');
    await server.exited;
    writing = false;
    await Promise.all(writers);
    // Stop the peers before the restart, or they would re-send their own state and hide a loss.
    const received = peers.flatMap((p) => p.received);
    for (const p of peers.splice(0)) p.destroy();

    server = await spawnServer({ PORT: String(port), DATA_DIR: dataDir });
    const fresh = connectPeer(server.wsUrl, boardId);
    peers.push(fresh);
    await fresh.synced();

    // Applying anything a client received must add nothing to the reloaded board.
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.encodeStateAsUpdate(fresh.doc));
    let added = 0;
    check.on('update', () => added++);
    for (const update of received) Y.applyUpdate(check, update);
    expect(added).toBe(0);
    expect(check.store.pendingStructs).toBeNull();
    expect(readBoard(fresh.doc).noteCount).toBeGreaterThan(40);
  }, 30_000);
});

describe('process lifecycle', () => {
  it('on SIGTERM closes sockets with 1012, flushes boards and exits 0', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'verksted-term-'));
    server = await spawnServer({ PORT: '0', DATA_DIR: dataDir });
    const boardId = await createBoard(server.httpUrl);
    const p = connectPeer(server.wsUrl, boardId);
    peers.push(p);
    await p.synced();
    addNote(p.doc, { areaId: readAreas(p.doc)[0]!.id, text: 'saved on exit', kind: 'goal', authorId: 'p', authorName: 'P' });
    const noteCount = async (): Promise<number> => ((await (await fetch(`${server!.httpUrl}/api/boards/${boardId}`)).json()) as { noteCount: number }).noteCount;
    await expect.poll(noteCount).toBe(1);
    const closeCode = new Promise<number | undefined>((resolve) => p.provider.once('connection-close', (event) => resolve(event?.code)));
    server.child.kill('SIGTERM');
    expect(await closeCode).toBe(CLOSE.restarting);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect((await stat(path.join(dataDir, 'boards', boardId, 'log.bin'))).size).toBe(0);
    peers.splice(0).forEach((peer) => peer.destroy());

    server = await spawnServer({ PORT: '0', DATA_DIR: dataDir });
    expect(await noteCount()).toBe(1);
  }, 20_000);

  it('refuses to start with a bad config and says what is wrong', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, PORT: 'eighty', MAX_CONNECTIONS_PER_IP: '0' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('MAX_CONNECTIONS_PER_IP');
  }, 20_000);
});
