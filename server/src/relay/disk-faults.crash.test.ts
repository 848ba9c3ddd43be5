/**
 * Disk faults: when the board's log cannot be written (disk full ENOSPC, permission lost EACCES,
 * I/O error EIO; on write or on fsync), the board stops accepting writes and says so to the
 * facilitator and everyone else, relays nothing it could not store, leaves what is on disk intact,
 * and recovers by itself when the disk works again, losing nothing.
 *
 * The faults are injected through the store's `faults` hook (persistence/fault-switch.ts). A real
 * full filesystem (a 2 MiB tmpfs) is tested too where the test may mount one (root with
 * CAP_SYS_ADMIN). A real *permission* loss cannot be tested as root: root ignores file modes, so
 * chmod does not make a file unwritable for it (and a read-only remount fails while the log is
 * open); EACCES is therefore injected only.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE, addNote, readAreas, readBoard } from '@verksted/shared';
import { FaultSwitch } from '../persistence/fault-switch.js';
import { decodeRecords } from '../persistence/update-log.js';
import { connectPeer, connectRaw, statusesOf, step2CountOf, syncStep1Frame, type Peer, type RawClient } from '../../test/peers.js';
import { startServer, type TestServer } from '../../test/server.js';

let server: TestServer | null = null;
/** Peers and sockets, closed before the server. */
const cleanups: (() => void)[] = [];
/** Directories and mounts, removed after the server closed. */
const removals: (() => Promise<unknown> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server?.close();
  server = null;
  for (const remove of removals.splice(0).reverse()) await remove();
});

function errnoError(code: string, errno: number): () => Error {
  return () => Object.assign(new Error(`${code}: injected`), { code, errno });
}

function peer(s: TestServer, boardId: string): Peer {
  const p = connectPeer(s.wsUrl, boardId);
  cleanups.push(() => p.destroy());
  return p;
}

/** Our client with the facilitator key: it receives MESSAGE_BOARD_STATUS, the facilitator's "not saving" message. */
async function facilitatorStatus(s: TestServer, boardId: string, key: string): Promise<RawClient> {
  const client = connectRaw(`${s.wsUrl}/${boardId}?client=verksted&key=${encodeURIComponent(key)}`);
  cleanups.push(() => client.ws.terminate());
  await client.opened;
  client.send(syncStep1Frame());
  await expect.poll(() => step2CountOf(client)).toBe(1);
  return client;
}

const NOT_WRITABLE = { writable: false, reason: 'storage-failed', role: 'facilitator', serverTime: expect.any(Number) };
const WRITABLE = { writable: true, role: 'facilitator', serverTime: expect.any(Number) };

const CASES = [
  { name: 'disk full (ENOSPC) while writing the log', code: 'ENOSPC', errno: -28, op: 'write' as const },
  { name: 'permission lost (EACCES) while writing the log', code: 'EACCES', errno: -13, op: 'write' as const },
  { name: 'I/O error (EIO) while writing the log', code: 'EIO', errno: -5, op: 'write' as const },
  { name: 'I/O error (EIO) on fsync', code: 'EIO', errno: -5, op: 'sync' as const },
];

describe('a failing disk turns the board read-only, damages nothing, and recovers', () => {
  for (const fault of CASES) {
    it(fault.name, async () => {
      const faults = new FaultSwitch();
      server = await startServer({ faults });
      const board = await server.createBoard();
      const writer = peer(server, board.id);
      const watcher = peer(server, board.id);
      await Promise.all([writer.synced(), watcher.synced()]);
      const status = await facilitatorStatus(server, board.id, board.facilitatorKey);
      const areaId = readAreas(writer.doc)[0]!.id;
      addNote(writer.doc, { areaId, text: 'stored before', kind: 'idea', authorId: 'w', authorName: 'W' });
      await expect.poll(() => readBoard(watcher.doc).noteCount).toBe(1);

      const dir = path.join(server.dataDir, 'boards', board.id);
      const logBefore = await readFile(path.join(dir, 'log.bin'));
      const snapshotBefore = await readFile(path.join(dir, 'snapshot.bin'));

      faults.fail({ op: fault.op, file: 'log.bin' }, { error: errnoError(fault.code, fault.errno) });
      addNote(writer.doc, { areaId, text: 'during the outage', kind: 'idea', authorId: 'w', authorName: 'W' });
      await expect.poll(() => statusesOf(status).at(-1)).toEqual(NOT_WRITABLE);
      // A facilitator's change over HTTP is refused too, with a clear answer.
      const patch = await server.app.inject({ method: 'PATCH', url: `/api/boards/${board.id}`, headers: { authorization: `Bearer ${board.facilitatorKey}` }, payload: { locked: true } });
      expect(patch.statusCode).toBe(503);
      expect(patch.json()).toEqual({ error: 'BOARD_UNAVAILABLE', message: expect.stringMatching(/cannot store changes/) });
      // Let several retries fail.
      await expect.poll(() => faults.seen.filter((p) => p.file === 'log.bin' && p.op === fault.op).length).toBeGreaterThan(3);

      // Nothing it could not store went out; the writer stays connected and keeps its note.
      expect(readBoard(watcher.doc).areas[0]!.notes.map((n) => n.text)).toEqual(['stored before']);
      expect(writer.provider.wsconnected).toBe(true);
      // What was on disk is intact: the snapshot unchanged, every earlier log record still there.
      expect(await readFile(path.join(dir, 'snapshot.bin'))).toEqual(snapshotBefore);
      const logNow = await readFile(path.join(dir, 'log.bin'));
      expect(decodeRecords(logNow).records.slice(0, decodeRecords(logBefore).records.length)).toEqual(decodeRecords(logBefore).records);

      faults.clear();
      await expect.poll(() => statusesOf(status).at(-1)).toEqual(WRITABLE);
      await expect.poll(() => readBoard(watcher.doc).areas[0]!.notes.map((n) => n.text).sort()).toEqual(['during the outage', 'stored before']);

      // On disk, for a restarted server.
      const { dataDir } = server;
      await server.close({ keepData: true });
      removals.push(() => rm(dataDir, { recursive: true, force: true }));
      server = await startServer({ dataDir });
      const fresh = peer(server, board.id);
      await fresh.synced();
      expect(readBoard(fresh.doc).areas[0]!.notes.map((n) => n.text).sort()).toEqual(['during the outage', 'stored before']);
    });
  }

  it('a disk that fills up mid-record (short write): the torn bytes never end up between good records', async () => {
    const faults = new FaultSwitch();
    server = await startServer({ faults });
    const board = await server.createBoard();
    const writer = peer(server, board.id);
    await writer.synced();
    const status = await facilitatorStatus(server, board.id, board.facilitatorKey);
    const areaId = readAreas(writer.doc)[0]!.id;
    faults.shortWrite({ file: 'log.bin' }, 7, 5);
    for (let i = 0; i < 3; i++) addNote(writer.doc, { areaId, text: `n${i}`, kind: 'idea', authorId: 'w', authorName: 'W' });
    await expect.poll(() => statusesOf(status).some((s) => s.writable === false)).toBe(true);
    await expect.poll(() => statusesOf(status).at(-1)).toEqual(WRITABLE);
    const log = await readFile(path.join(server.dataDir, 'boards', board.id, 'log.bin'));
    const decoded = decodeRecords(log);
    expect(decoded.validBytes).toBe(log.length); // no torn tail left in the file
    const { dataDir } = server;
    await server.close({ keepData: true });
    removals.push(() => rm(dataDir, { recursive: true, force: true }));
    server = await startServer({ dataDir });
    const fresh = peer(server, board.id);
    await fresh.synced();
    expect(readBoard(fresh.doc).noteCount).toBe(3);
  });

  it('a failing compaction (EACCES on the new snapshot) keeps the board writable and loses nothing', async () => {
    const faults = new FaultSwitch();
    server = await startServer({ faults, config: { COMPACT_AFTER_BYTES: 512 } });
    const board = await server.createBoard();
    const writer = peer(server, board.id);
    const watcher = peer(server, board.id);
    await Promise.all([writer.synced(), watcher.synced()]);
    const status = await facilitatorStatus(server, board.id, board.facilitatorKey);
    faults.fail({ file: 'snapshot.bin.tmp' }, { error: errnoError('EACCES', -13) });
    const areaId = readAreas(writer.doc)[0]!.id;
    for (let i = 0; i < 20; i++) addNote(writer.doc, { areaId, text: `note ${i} ${'x'.repeat(40)}`, kind: 'idea', authorId: 'w', authorName: 'W' });
    await expect.poll(() => readBoard(watcher.doc).noteCount).toBe(20);
    await expect.poll(() => faults.seen.some((p) => p.file === 'snapshot.bin.tmp')).toBe(true); // compaction was tried, and failed
    expect(statusesOf(status).every((s) => s.writable === true)).toBe(true);
    faults.clear();
    const { dataDir } = server;
    await server.close({ keepData: true });
    removals.push(() => rm(dataDir, { recursive: true, force: true }));
    server = await startServer({ dataDir });
    const fresh = peer(server, board.id);
    await fresh.synced();
    expect(readBoard(fresh.doc).noteCount).toBe(20);
  });
});

describe('a real permission loss (only where the tests do not run as root: root ignores file modes)', () => {
  const isRoot = process.getuid?.() === 0;

  it.skipIf(isRoot)('a board whose files became unwritable is refused with 4500 instead of served, untouched, and loads again once fixed', async () => {
    server = await startServer({ config: { IDLE_UNLOAD_MS: 20 } });
    const board = await server.createBoard();
    const writer = peer(server, board.id);
    await writer.synced();
    addNote(writer.doc, { areaId: readAreas(writer.doc)[0]!.id, text: 'before', kind: 'idea', authorId: 'w', authorName: 'W' });
    const watcher = peer(server, board.id);
    await expect.poll(() => readBoard(watcher.doc).noteCount).toBe(1);
    writer.destroy();
    watcher.destroy();
    await expect.poll(() => server!.app.verksted.registry.loadedCount).toBe(0);

    const dir = path.join(server.dataDir, 'boards', board.id);
    const files = ['log.bin', 'snapshot.bin'].map((f) => path.join(dir, f));
    const before = await Promise.all(files.map((f) => readFile(f)));
    await Promise.all(files.map((f) => chmod(f, 0o400)));
    await chmod(dir, 0o500);
    removals.push(async () => {
      await chmod(dir, 0o700).catch(() => {});
    });
    const refused = connectRaw(`${server.wsUrl}/${board.id}`);
    cleanups.push(() => refused.ws.terminate());
    expect(await refused.closed).toEqual({ code: CLOSE.loadFailed, reason: 'board could not be loaded' });
    expect(await Promise.all(files.map((f) => readFile(f)))).toEqual(before);

    await chmod(dir, 0o700);
    await Promise.all(files.map((f) => chmod(f, 0o600)));
    const fresh = peer(server, board.id);
    await fresh.synced();
    expect(readBoard(fresh.doc).areas[0]!.notes.map((n) => n.text)).toEqual(['before']);
  });
});

/** Mounts a small tmpfs; false where this is not allowed (not root, no CAP_SYS_ADMIN). */
function mountTmpfs(dir: string, size: string): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false; // not permitted here (e.g. a container without CAP_SYS_ADMIN): the test is skipped
  }
}

describe('a real full disk', () => {
  it('fills a 2 MiB tmpfs: the board turns read-only, and recovers when space is freed (skipped where mounting is not allowed)', async (context) => {
    const mountPoint = await mkdtemp(path.join(tmpdir(), 'verksted-fulldisk-'));
    removals.push(() => rm(mountPoint, { recursive: true, force: true }));
    if (!mountTmpfs(mountPoint, '2m')) {
      context.skip();
      return;
    }
    removals.push(() => void execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' }));
    const dataDir = path.join(mountPoint, 'data');
    server = await startServer({ dataDir, config: { COMPACT_AFTER_BYTES: 64 * 1024 * 1024 } });
    const board = await server.createBoard();
    const writer = peer(server, board.id);
    const watcher = peer(server, board.id);
    await Promise.all([writer.synced(), watcher.synced()]);
    const status = await facilitatorStatus(server, board.id, board.facilitatorKey);

    // Fill the filesystem up to the last few KiB.
    const filler = path.join(mountPoint, 'filler');
    const fh = await open(filler, 'w');
    const chunk = Buffer.alloc(4096, 1);
    try {
      for (;;) await fh.write(chunk);
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    await fh.close();

    const areaId = readAreas(writer.doc)[0]!.id;
    for (let i = 0; i < 40 && statusesOf(status).every((s) => s.writable); i++) {
      addNote(writer.doc, { areaId, text: `note ${i} ${'y'.repeat(400)}`, kind: 'idea', authorId: 'w', authorName: 'W' });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await expect.poll(() => statusesOf(status).at(-1)).toEqual(NOT_WRITABLE);
    const written = readBoard(writer.doc).noteCount;
    const relayedWhileFull = readBoard(watcher.doc).noteCount;
    expect(relayedWhileFull).toBeLessThan(written);

    await writeFile(filler, ''); // space again
    await expect.poll(() => statusesOf(status).at(-1), { timeout: 10_000 }).toEqual(WRITABLE);
    await expect.poll(() => readBoard(watcher.doc).noteCount, { timeout: 10_000 }).toBe(written);
    await server.close({ keepData: true });
    server = await startServer({ dataDir });
    const fresh = peer(server, board.id);
    await fresh.synced();
    expect(readBoard(fresh.doc).noteCount).toBe(written);
  });
});
