import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { newBoardId } from '@verksted/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeEditor, makeRecord, replay, runBoardStoreContract, type MakeBoardStoreFixture } from './board-store.contract.js';
import { runSnapshotStoreContract } from './snapshot-store.contract.js';
import { BoardCorruptError, BoardStoreErrorCode, type BoardStore, type StoreLogger } from './board-store.js';
import { FaultSwitch } from './fault-switch.js';
import { FileBoardStore } from './file-board-store.js';
import { RECORD_HEADER_BYTES, encodeRecords } from './update-log.js';

// Compile-time check: Fastify's logger can be passed as the store's logger.
const acceptsFastifyLogger = (log: FastifyBaseLogger): StoreLogger => log;
void acceptsFastifyLogger;

const tempDirs: string[] = [];
async function makeDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'verksted-store-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const makeFileFixture: MakeBoardStoreFixture = async ({ faults }) => {
  const dataDir = await makeDataDir();
  return { store: new FileBoardStore({ dataDir, faults }), restart: () => new FileBoardStore({ dataDir }), cleanup: async () => {} };
};

runBoardStoreContract('FileBoardStore', makeFileFixture);
runSnapshotStoreContract('FileBoardStore', makeFileFixture);

describe('FileBoardStore on disk', () => {
  let dataDir: string;
  let faults: FaultSwitch;
  let store: FileBoardStore;
  beforeEach(async () => {
    dataDir = await makeDataDir();
    faults = new FaultSwitch();
    store = new FileBoardStore({ dataDir, faults });
  });
  const boardDir = (id: string) => join(dataDir, 'boards', id);
  const logPath = (id: string) => join(boardDir(id), 'log.bin');

  /** A board with a = 1 in its snapshot and b, c as two logged groups; the log is closed. */
  async function boardWithLog(target: BoardStore = store) {
    const record = makeRecord();
    const editor = makeEditor();
    editor.edit('a', '1');
    await target.create(record, Y.encodeStateAsUpdate(editor.doc));
    const { log } = await target.open(record.id);
    await log.append([editor.edit('b', '2')]);
    const goodBytes = log.logBytes;
    await log.append([editor.edit('c', '3')]);
    await log.close();
    return { record, editor, goodBytes };
  }

  /** A copy of the data dir as it is right now: what a crash at this instant would leave behind. */
  async function crashImage(): Promise<FileBoardStore> {
    const copy = await makeDataDir();
    await cp(dataDir, copy, { recursive: true });
    return new FileBoardStore({ dataDir: copy });
  }

  it('lays a board out as board.json, snapshot.bin and log.bin', async () => {
    const { record } = await boardWithLog();
    expect((await readdir(boardDir(record.id))).sort()).toEqual(['board.json', 'log.bin', 'snapshot.bin']);
    expect(JSON.parse(await readFile(join(boardDir(record.id), 'board.json'), 'utf8'))).toEqual(record);
    expect((await readFile(join(boardDir(record.id), 'snapshot.bin'))).subarray(0, 4).toString()).toBe('VKS1');
    expect((await readdir(join(dataDir, 'boards'))).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  for (const damage of ['truncated mid-record', 'a flipped byte in the last record'] as const) {
    it(`cuts a log tail with ${damage}, keeps the cut bytes aside, and appends after it`, async () => {
      const { record, editor, goodBytes } = await boardWithLog();
      const full = await readFile(logPath(record.id));
      if (damage === 'truncated mid-record') await truncate(logPath(record.id), full.length - 3);
      else await writeFile(logPath(record.id), Buffer.from(full).fill(full[full.length - 1]! ^ 0xff, full.length - 1));
      const damaged = await readFile(logPath(record.id));

      const opened = await store.open(record.id);
      expect(opened.discardedBytes).toBe(damaged.length - goodBytes);
      expect(replay(opened.updates)).toEqual({ a: '1', b: '2' });
      expect((await stat(logPath(record.id))).size).toBe(goodBytes);
      const corruptFiles = (await readdir(boardDir(record.id))).filter((n) => n.startsWith('log.corrupt-'));
      expect(corruptFiles).toHaveLength(1);
      expect(await readFile(join(boardDir(record.id), corruptFiles[0]!))).toEqual(damaged.subarray(goodBytes));

      // Another client: `editor`'s next update would depend on the cut one ('c') and stay pending.
      await opened.log.append([makeEditor().edit('d', '4')]);
      await opened.log.close();
      const reopened = await new FileBoardStore({ dataDir }).open(record.id);
      expect(reopened.discardedBytes).toBe(0);
      expect(replay(reopened.updates)).toEqual({ a: '1', b: '2', d: '4' });
      await reopened.log.close();
    });
  }

  it('treats a zero-filled tail as torn, not as empty records', async () => {
    const { record, goodBytes } = await boardWithLog();
    const full = await readFile(logPath(record.id));
    await writeFile(logPath(record.id), Buffer.concat([full, Buffer.alloc(4096)]));
    const opened = await store.open(record.id);
    expect(opened.discardedBytes).toBe(4096);
    expect(opened.log.logBytes).toBe(full.length);
    expect(goodBytes).toBeLessThan(full.length);
    await opened.log.close();
  });

  it('refuses to open a board with a corrupt snapshot and leaves every file untouched', async () => {
    const { record } = await boardWithLog();
    const snapshotPath = join(boardDir(record.id), 'snapshot.bin');
    const snapshot = await readFile(snapshotPath);
    snapshot[snapshot.length - 1]! ^= 0x01;
    await writeFile(snapshotPath, snapshot);
    const logBefore = await readFile(logPath(record.id));
    await expect(store.open(record.id)).rejects.toBeInstanceOf(BoardCorruptError);
    // Not left half-open: a second attempt fails the same way.
    await expect(store.open(record.id)).rejects.toMatchObject({ code: BoardStoreErrorCode.corrupt });
    expect(await readFile(snapshotPath)).toEqual(snapshot);
    expect(await readFile(logPath(record.id))).toEqual(logBefore);
    expect((await readdir(boardDir(record.id))).sort()).toEqual(['board.json', 'log.bin', 'snapshot.bin']);
  });

  it('reports a missing snapshot as corrupt, not as a new empty board', async () => {
    const { record } = await boardWithLog();
    await rm(join(boardDir(record.id), 'snapshot.bin'));
    await expect(store.open(record.id)).rejects.toMatchObject({ code: BoardStoreErrorCode.corrupt });
  });

  it('ignores a leftover snapshot.bin.tmp from a crashed compaction', async () => {
    const { record } = await boardWithLog();
    await writeFile(join(boardDir(record.id), 'snapshot.bin.tmp'), Buffer.from('VKS1 half written'));
    const opened = await store.open(record.id);
    expect(replay(opened.updates)).toEqual({ a: '1', b: '2', c: '3' });
    expect(opened.discardedBytes).toBe(0);
    await opened.log.close();
  });

  it('loses nothing if the process dies at any step of compaction', async () => {
    const { record, editor } = await boardWithLog();
    const { log } = await store.open(record.id);
    const state = Y.encodeStateAsUpdate(editor.doc);
    for (const step of [
      { op: 'sync', file: 'snapshot.bin.tmp' }, // tmp written, not yet durable
      { op: 'rename', file: 'snapshot.bin' }, // tmp durable, not yet renamed
      { op: 'truncate', file: 'log.bin' }, // new snapshot in place, old log still full
      { op: 'sync', file: 'log.bin' }, // log truncated, not yet synced
    ] as const) {
      const held = faults.hold(step);
      const compacting = log.compact(state);
      await held.reached;
      const image = await crashImage();
      const recovered = await image.open(record.id);
      expect(replay(recovered.updates), `crash before ${step.op} ${step.file}`).toEqual({ a: '1', b: '2', c: '3' });
      expect(recovered.discardedBytes).toBe(0);
      await recovered.log.close();
      held.release();
      await compacting;
    }
    await log.close();
  });

  it('rolls back a short write (disk full mid-record) before the next append', async () => {
    const { record, editor } = await boardWithLog();
    const { log } = await store.open(record.id);
    const bytesBefore = log.logBytes;
    faults.shortWrite({ file: 'log.bin' }, RECORD_HEADER_BYTES + 1);
    // Failed updates come from other clients, so later updates of `editor` do not depend on them.
    await expect(log.append([makeEditor().edit('lost', 'x')])).rejects.toMatchObject({ code: 'ENOSPC' });
    expect((await stat(logPath(record.id))).size).toBe(bytesBefore + RECORD_HEADER_BYTES + 1);
    expect(log.logBytes).toBe(bytesBefore);

    // A crash now leaves a torn tail that the next open cuts.
    const recovered = await (await crashImage()).open(record.id);
    expect(recovered.discardedBytes).toBe(RECORD_HEADER_BYTES + 1);
    expect(replay(recovered.updates)).toEqual({ a: '1', b: '2', c: '3' });
    await recovered.log.close();

    // The truncate before the retry may fail too; the append after that still lands cleanly.
    faults.fail({ op: 'truncate', file: 'log.bin' }, { times: 1 });
    await expect(log.append([makeEditor().edit('d', '4')])).rejects.toMatchObject({ code: 'ENOSPC' });
    await log.append([editor.edit('e', '5')]);
    expect(log.logBytes).toBe((await stat(logPath(record.id))).size);
    await log.close();
    const reopened = await new FileBoardStore({ dataDir }).open(record.id);
    expect(reopened.discardedBytes).toBe(0);
    expect(replay(reopened.updates)).toEqual({ a: '1', b: '2', c: '3', e: '5' });
    await reopened.log.close();
  });

  it('trims a failed append from the file on close', async () => {
    const { record, editor } = await boardWithLog();
    const { log } = await store.open(record.id);
    const bytesBefore = log.logBytes;
    faults.shortWrite({ file: 'log.bin' }, 3);
    await expect(log.append([editor.edit('lost', 'x')])).rejects.toThrow();
    await log.close();
    expect((await stat(logPath(record.id))).size).toBe(bytesBefore);
  });

  it('merges appends queued during an fsync into one write and one fsync', async () => {
    const { record, editor } = await boardWithLog();
    const { log } = await store.open(record.id);
    const held = faults.hold({ op: 'sync', file: 'log.bin' });
    const first = log.append([editor.edit('x', '1')]);
    await held.reached;
    const rest = [log.append([editor.edit('y', '1')]), log.append([editor.edit('z', '1')])];
    const syncsBefore = faults.seen.filter((p) => p.op === 'sync' && p.file === 'log.bin').length;
    held.release();
    await Promise.all([first, ...rest]);
    expect(faults.seen.filter((p) => p.op === 'sync' && p.file === 'log.bin').length).toBe(syncsBefore + 1);
    await log.close();
  });

  it('treats a board directory without a record as no board, and create moves it aside', async () => {
    const id = newBoardId();
    await mkdir(boardDir(id), { recursive: true });
    await writeFile(join(boardDir(id), 'snapshot.bin'), 'debris');
    expect(await store.readRecord(id)).toBeNull();
    expect(await store.listRecords()).toEqual([]);
    await expect(store.open(id)).rejects.toMatchObject({ code: BoardStoreErrorCode.notFound });
    const record = makeRecord({ id });
    await store.create(record, Y.encodeStateAsUpdate(new Y.Doc()));
    expect(await store.readRecord(id)).toEqual(record);
    expect((await readdir(join(dataDir, 'boards'))).some((n) => n.startsWith(`.orphan-${id}-`))).toBe(true);
  });

  it('ignores temp dirs left by a crashed create or delete when listing', async () => {
    const { record } = await boardWithLog();
    await mkdir(join(dataDir, 'boards', `.tmp-${newBoardId()}-abc`));
    await mkdir(join(dataDir, 'boards', `.deleting-${newBoardId()}-abc`));
    expect((await store.listRecords()).map((r) => r.id)).toEqual([record.id]);
  });

  it('reports a damaged board.json as corrupt, skips it in the listing and never overwrites it', async () => {
    const { record } = await boardWithLog();
    const other = (await boardWithLog()).record;
    await writeFile(join(boardDir(record.id), 'board.json'), '{"id":');
    await expect(store.readRecord(record.id)).rejects.toMatchObject({ code: BoardStoreErrorCode.corrupt });
    expect((await store.listRecords()).map((r) => r.id)).toEqual([other.id]);
    await expect(store.create(record, new Uint8Array([0, 0]))).rejects.toMatchObject({ code: BoardStoreErrorCode.exists });
    expect(await readFile(join(boardDir(record.id), 'board.json'), 'utf8')).toBe('{"id":');
  });

  it('leaves nothing behind when create fails part-way', async () => {
    const record = makeRecord();
    faults.fail({ op: 'write', file: 'snapshot.bin' }, { times: 1 });
    await expect(store.create(record, new Uint8Array([0, 0]))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readdir(join(dataDir, 'boards'))).toEqual([]);
    expect(await store.readRecord(record.id)).toBeNull();
  });

  it('rejects path traversal ids without touching the disk outside boards/', async () => {
    for (const id of ['../x', 'a/b', `../${'a'.repeat(19)}`, 'a'.repeat(23), `${'a'.repeat(21)}\0`]) {
      await expect(store.open(id)).rejects.toMatchObject({ code: BoardStoreErrorCode.invalidId });
      await expect(store.create(makeRecord({ id }), new Uint8Array([0, 0]))).rejects.toMatchObject({ code: BoardStoreErrorCode.invalidId });
      await expect(store.delete(id)).rejects.toMatchObject({ code: BoardStoreErrorCode.invalidId });
    }
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('keeps encodeRecords and the on-disk log byte-identical', async () => {
    const record = makeRecord();
    await store.create(record, new Uint8Array([0, 0]));
    const { log } = await store.open(record.id);
    const updates = [new Uint8Array([1, 2]), new Uint8Array([3])];
    await log.append(updates);
    await log.close();
    expect(await readFile(logPath(record.id))).toEqual(encodeRecords(updates));
  });
});
