/**
 * Backups of a live server, restored on a fresh data directory.
 *
 * "Consistent" means: every update acknowledged before the backup started is in the backup. An
 * update is acknowledged once the server relayed it (it relays only what is on disk), so a peer that
 * only listens holds exactly acknowledged updates; its state when the backup starts must be contained
 * in the restored board. Updates acknowledged during the backup may or may not be in it, but nothing
 * in it is foreign: the restored board is contained in what the live server has afterwards. A
 * backup of a quiet server restores to identical exports.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, readAreas, readBoard } from '@verksted/shared';
import { exportBoard, type BoardExport } from '../exports/board-export.js';
import { startServer, type TestServer } from '../../test/server.js';
import { connectPeer, type Peer } from '../../test/peers.js';
import { parsePrometheusText } from '../../test/prometheus.js';
import { backupDataDir } from './backup.js';

const servers: TestServer[] = [];
const peers: Peer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

function peer(server: TestServer, boardId: string): Peer {
  const p = connectPeer(server.wsUrl, boardId);
  peers.push(p);
  return p;
}

async function backupTarget(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verksted-backup-'));
  dirs.push(dir);
  return path.join(dir, 'data');
}

/** Keeps adding notes to `p` until `stop` is called. */
function keepWriting(p: Peer, name: string): { stop(): Promise<void> } {
  let writing = true;
  const done = (async () => {
    await p.synced();
    const areas = readAreas(p.doc).map((a) => a.id);
    for (let n = 0; writing; n++) {
      addNote(p.doc, { areaId: areas[n % areas.length]!, text: `${name} ${n}`, kind: 'idea', authorId: name, authorName: name });
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  })();
  return {
    async stop() {
      writing = false;
      await done;
    },
  };
}

/** The full document of a board on `server`, as an update. */
async function stateOf(server: TestServer, boardId: string): Promise<Uint8Array> {
  const room = await server.app.verksted.registry.acquire(boardId);
  try {
    return Y.encodeStateAsUpdate(room.doc);
  } finally {
    room.release();
  }
}

/** True when applying `part` to a document holding `whole` changes nothing. */
function contains(whole: Uint8Array, part: Uint8Array): boolean {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, whole);
  let changed = false;
  doc.on('update', () => (changed = true));
  Y.applyUpdate(doc, part);
  const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  doc.destroy();
  return !changed && !pending;
}

async function exportOf(server: TestServer, boardId: string): Promise<Omit<BoardExport, 'exportedAt'>> {
  const room = await server.app.verksted.registry.acquire(boardId);
  try {
    const { exportedAt: _ignored, ...rest } = exportBoard({ boardId, doc: room.doc, exportedAt: 0, view: 'facilitator', hideAuthors: false });
    return rest;
  } finally {
    room.release();
  }
}

async function compactionsOf(server: TestServer): Promise<number> {
  const text = (await server.app.inject({ method: 'GET', url: '/metrics' })).body;
  return parsePrometheusText(text).value('verksted_compactions_total', { result: 'ok' }) ?? 0;
}

describe('backup while the server runs', () => {
  it('restores on a fresh data directory with every update acknowledged before it started, and identical exports once quiet', async () => {
    // A small compaction threshold, so that logs are compacted whenever the writers pause. (The
    // next test makes a compaction happen at the worst moment on purpose.)
    const live = await start({ config: { COMPACT_AFTER_BYTES: 2048, IDLE_UNLOAD_MS: 60_000 } });
    const busy = [await live.createBoard({ title: 'Travel 1' }), await live.createBoard({ title: 'Travel 2' })];
    const quiet = await live.createBoard({ title: 'Stille', template: 'innovation-strategy' });
    const quietWriter = peer(live, quiet.id);
    await quietWriter.synced();
    addNote(quietWriter.doc, { areaId: readAreas(quietWriter.doc)[0]!.id, text: 'ferdig', kind: 'goal', authorId: 'q', authorName: 'Q' });
    const observers = busy.map((board) => peer(live, board.id));
    const writers = busy.flatMap((board, i) => [keepWriting(peer(live, board.id), `a${i}`), keepWriting(peer(live, board.id), `b${i}`)]);
    await expect.poll(() => observers.every((o) => readBoard(o.doc).noteCount > 40), { timeout: 10_000 }).toBe(true);
    const quietReader = peer(live, quiet.id);
    await expect.poll(() => readBoard(quietReader.doc).noteCount).toBe(1);

    // Everything the observers hold now was on disk before the backup starts.
    const acknowledged = observers.map((o) => Y.encodeStateAsUpdate(o.doc));
    const target = await backupTarget();
    const result = await backupDataDir(live.dataDir, target);
    expect(result.boards.sort()).toEqual([...busy.map((b) => b.id), quiet.id].sort());
    for (const writer of writers) await writer.stop();

    const restored = await start({ dataDir: target });
    for (const [i, board] of busy.entries()) {
      const backedUp = await stateOf(restored, board.id);
      expect(contains(backedUp, acknowledged[i]!)).toBe(true);
      expect(contains(await stateOf(live, board.id), backedUp)).toBe(true);
      expect(readBoard(docOf(backedUp)).noteCount).toBeGreaterThanOrEqual(readBoard(docOf(acknowledged[i]!)).noteCount);
    }
    expect(await exportOf(restored, quiet.id)).toEqual(await exportOf(live, quiet.id));

    // Quiet now: a second backup restores to exactly what the live server exports.
    // Quiet means: each observer has received everything the server holds.
    await expect
      .poll(async () => (await Promise.all(busy.map((b) => stateOf(live, b.id)))).every((state, i) => contains(Y.encodeStateAsUpdate(observers[i]!.doc), state)))
      .toBe(true);
    const second = await backupTarget();
    await backupDataDir(live.dataDir, second);
    const again = await start({ dataDir: second });
    for (const board of [...busy, quiet]) expect(await exportOf(again, board.id)).toEqual(await exportOf(live, board.id));
  }, 30_000);

  it('loses nothing when a compaction runs between copying the log and copying the snapshot', async () => {
    const live = await start({ config: { COMPACT_AFTER_BYTES: 1024, IDLE_UNLOAD_MS: 60_000 } });
    const board = await live.createBoard();
    const writer = peer(live, board.id);
    const observer = peer(live, board.id);
    await Promise.all([writer.synced(), observer.synced()]);
    const areaId = readAreas(writer.doc)[0]!.id;
    const write = (text: string) => addNote(writer.doc, { areaId, text, kind: 'idea', authorId: 'w', authorName: 'W' });
    write('før');
    await expect.poll(() => readBoard(observer.doc).noteCount).toBe(1);
    const logFile = path.join(live.dataDir, 'boards', board.id, 'log.bin');
    expect((await stat(logFile)).size).toBeGreaterThan(0);
    const acknowledged = Y.encodeStateAsUpdate(observer.doc);

    let compacted = false;
    const target = await backupTarget();
    await backupDataDir(live.dataDir, target, {
      async afterCopy(_boardId, file) {
        if (file !== 'log.bin') return;
        // Grow the log past the threshold so the server compacts: new snapshot, emptied log.
        const before = await compactionsOf(live);
        for (let i = 0; i < 20; i++) write(`under backup ${i} ${'x'.repeat(80)}`);
        await expect.poll(() => compactionsOf(live)).toBeGreaterThan(before);
        await expect.poll(() => readBoard(observer.doc).noteCount).toBe(21);
        compacted = true;
      },
    });
    expect(compacted).toBe(true);

    const restored = await start({ dataDir: target });
    const backedUp = await stateOf(restored, board.id);
    expect(contains(backedUp, acknowledged)).toBe(true);
    // The snapshot copied after the compaction holds the notes written during the backup as well.
    expect(readBoard(docOf(backedUp)).noteCount).toBe(21);
  });
});

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}
