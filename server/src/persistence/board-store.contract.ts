/**
 * The BoardStore contract as one vitest suite, run against every implementation
 * (file-board-store.test.ts, memory-board-store.test.ts), so the memory store used by relay tests
 * cannot drift from the real one. Not a test file itself: it only defines the suite.
 */
import { newBoardId, newJoinCode } from '@verksted/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FaultSwitch } from './fault-switch.js';
import { BoardStoreErrorCode, type BoardRecord, type BoardStore, type StoreFaults } from './board-store.js';

/** One store under test, plus a way to get a store over the same data after a "restart". */
export interface BoardStoreFixture {
  store: BoardStore;
  /** File store: a new instance on the same directory. Memory store: the same instance. */
  restart(): BoardStore;
  cleanup(): Promise<void>;
}

/** Makes a fresh, empty fixture; `faults` must be passed to the store. */
export type MakeBoardStoreFixture = (options: { faults?: StoreFaults }) => Promise<BoardStoreFixture>;

/** A valid record with a fresh id. */
export function makeRecord(overrides: Partial<BoardRecord> = {}): BoardRecord {
  return { id: newBoardId(), joinCode: newJoinCode(), facilitatorKeyHash: 'ab'.repeat(32), createdAt: 1_700_000_000_000, lastOpenedAt: 1_700_000_000_000, ...overrides };
}

/** A document whose updates (one per edit) are collected, so tests append real Yjs updates. */
export function makeEditor(): { doc: Y.Doc; edit(key: string, value: string): Uint8Array } {
  const doc = new Y.Doc();
  let last: Uint8Array = new Uint8Array(0);
  doc.on('update', (update: Uint8Array) => (last = update));
  return { doc, edit: (key, value) => (doc.getMap('test').set(key, value), last) };
}

/** The test map of the document that `updates` rebuild. */
export function replay(updates: readonly Uint8Array[]): Record<string, unknown> {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getMap('test').toJSON();
}

const BAD_IDS = ['../x', 'a/b', 'x'.repeat(23), '', '..', `${'a'.repeat(20)}/.`, `..${'/a'.repeat(10)}`];

/** Registers the contract suite for one BoardStore implementation. */
export function runBoardStoreContract(name: string, makeFixture: MakeBoardStoreFixture): void {
  describe(`BoardStore contract: ${name}`, () => {
    let fixture: BoardStoreFixture | undefined;
    const setUp = async (faults?: StoreFaults) => (fixture = await makeFixture({ faults })).store;
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });

    /** Creates a board whose initial state has a = 1; returns the record and its editor. */
    async function createBoard(store: BoardStore, record = makeRecord()) {
      const editor = makeEditor();
      editor.edit('a', '1');
      await store.create(record, Y.encodeStateAsUpdate(editor.doc));
      return { record, editor };
    }

    it('creates a board whose record, listing and initial state read back', async () => {
      const store = await setUp();
      const { record } = await createBoard(store);
      expect(await store.readRecord(record.id)).toEqual(record);
      expect(await store.listRecords()).toEqual([record]);
      const opened = await store.open(record.id);
      expect(replay(opened.updates)).toEqual({ a: '1' });
      expect(opened.discardedBytes).toBe(0);
      expect(opened.log.logBytes).toBe(0);
      await opened.log.close();
    });

    it('lists boards oldest first', async () => {
      const store = await setUp();
      const newer = makeRecord({ createdAt: 2000 });
      const older = makeRecord({ createdAt: 1000 });
      await createBoard(store, newer);
      await createBoard(store, older);
      expect((await store.listRecords()).map((r) => r.id)).toEqual([older.id, newer.id]);
    });

    it('gives back every appended group, in order, after a restart', async () => {
      const store = await setUp();
      const { record, editor } = await createBoard(store);
      const { log } = await store.open(record.id);
      await log.append([editor.edit('b', '2'), editor.edit('c', '3')]);
      await log.append([editor.edit('b', '4')]);
      const logBytes = log.logBytes;
      expect(logBytes).toBeGreaterThan(0);
      await log.close();
      const reopened = await fixture!.restart().open(record.id);
      expect(replay(reopened.updates)).toEqual(editor.doc.getMap('test').toJSON());
      expect(replay(reopened.updates)).toEqual({ a: '1', b: '4', c: '3' });
      expect(reopened.log.logBytes).toBe(logBytes);
      await reopened.log.close();
    });

    it('keeps every concurrent append (they may share one fsync)', async () => {
      const store = await setUp();
      const { record, editor } = await createBoard(store);
      const { log } = await store.open(record.id);
      await Promise.all(Array.from({ length: 50 }, (_, i) => log.append([editor.edit(`k${i}`, `v${i}`)])));
      await log.close();
      const reopened = await fixture!.restart().open(record.id);
      expect(replay(reopened.updates)).toEqual(editor.doc.getMap('test').toJSON());
      await reopened.log.close();
    });

    it('compacts into the snapshot and empties the log without changing the state', async () => {
      const store = await setUp();
      const { record, editor } = await createBoard(store);
      const { log } = await store.open(record.id);
      await log.append([editor.edit('b', '2')]);
      await log.compact(Y.encodeStateAsUpdate(editor.doc));
      expect(log.logBytes).toBe(0);
      await log.close();
      const reopened = await fixture!.restart().open(record.id);
      expect(reopened.updates).toHaveLength(1);
      expect(reopened.log.logBytes).toBe(0);
      expect(replay(reopened.updates)).toEqual({ a: '1', b: '2' });
      await reopened.log.close();
    });

    it('keeps appends queued behind a compaction', async () => {
      const store = await setUp();
      const { record, editor } = await createBoard(store);
      const { log } = await store.open(record.id);
      const b = editor.edit('b', '2');
      const state = Y.encodeStateAsUpdate(editor.doc);
      await Promise.all([log.append([b]), log.compact(state), log.append([editor.edit('c', '3')])]);
      expect(log.logBytes).toBeGreaterThan(0);
      await log.close();
      const reopened = await fixture!.restart().open(record.id);
      expect(replay(reopened.updates)).toEqual({ a: '1', b: '2', c: '3' });
      await reopened.log.close();
    });

    it('refuses to create a board twice', async () => {
      const store = await setUp();
      const { record } = await createBoard(store);
      await expect(createBoard(store, makeRecord({ id: record.id }))).rejects.toMatchObject({ code: BoardStoreErrorCode.exists });
      expect(await store.readRecord(record.id)).toEqual(record);
    });

    it('reports an unknown id as not found', async () => {
      const store = await setUp();
      const id = newBoardId();
      expect(await store.readRecord(id)).toBeNull();
      await expect(store.open(id)).rejects.toMatchObject({ code: BoardStoreErrorCode.notFound });
      await expect(store.touch(id, 1)).rejects.toMatchObject({ code: BoardStoreErrorCode.notFound });
      await expect(store.delete(id)).rejects.toMatchObject({ code: BoardStoreErrorCode.notFound });
    });

    it('rejects ids that are not board ids, before any path is built', async () => {
      const store = await setUp();
      for (const id of BAD_IDS) {
        const invalid = { code: BoardStoreErrorCode.invalidId };
        await expect(store.readRecord(id)).rejects.toMatchObject(invalid);
        await expect(store.open(id)).rejects.toMatchObject(invalid);
        await expect(store.touch(id, 1)).rejects.toMatchObject(invalid);
        await expect(store.delete(id)).rejects.toMatchObject(invalid);
        await expect(store.create(makeRecord({ id }), new Uint8Array([0, 0]))).rejects.toMatchObject(invalid);
      }
      expect(await store.listRecords()).toEqual([]);
    });

    it('deletes every trace of a board, and the id can be created again', async () => {
      const store = await setUp();
      const { record, editor } = await createBoard(store);
      const { log } = await store.open(record.id);
      await log.append([editor.edit('b', '2')]);
      await store.delete(record.id); // closes the open log first
      await expect(log.append([editor.edit('c', '3')])).rejects.toMatchObject({ code: BoardStoreErrorCode.logClosed });
      expect(await store.readRecord(record.id)).toBeNull();
      expect(await store.listRecords()).toEqual([]);
      await expect(store.open(record.id)).rejects.toMatchObject({ code: BoardStoreErrorCode.notFound });
      await store.create(record, Y.encodeStateAsUpdate(new Y.Doc()));
      const fresh = await store.open(record.id);
      expect(replay(fresh.updates)).toEqual({});
      await fresh.log.close();
    });

    it('updates lastOpenedAt on touch and keeps the rest of the record', async () => {
      const store = await setUp();
      const record = { ...makeRecord(), title: 'a field this store does not know' };
      await createBoard(store, record);
      await store.touch(record.id, 1_800_000_000_000);
      const expected = { ...record, lastOpenedAt: 1_800_000_000_000 };
      expect(await store.readRecord(record.id)).toEqual(expected);
      expect(await fixture!.restart().readRecord(record.id)).toEqual(expected);
    });

    it('opens a board only once at a time, and again after close', async () => {
      const store = await setUp();
      const { record } = await createBoard(store);
      const first = await store.open(record.id);
      await expect(store.open(record.id)).rejects.toMatchObject({ code: BoardStoreErrorCode.alreadyOpen });
      await first.log.close();
      await first.log.close(); // idempotent
      await expect(first.log.append([new Uint8Array([1])])).rejects.toMatchObject({ code: BoardStoreErrorCode.logClosed });
      const second = await store.open(record.id);
      await second.log.close();
    });

    it('rejects an empty update instead of logging it', async () => {
      const store = await setUp();
      const { record } = await createBoard(store);
      const { log } = await store.open(record.id);
      await expect(log.append([new Uint8Array(0)])).rejects.toThrow(RangeError);
      expect(log.logBytes).toBe(0);
      await log.close();
    });

    it('rejects a failed append, keeps nothing of it, and appends again once the fault is gone', async () => {
      const faults = new FaultSwitch();
      const store = await setUp(faults);
      const { record, editor } = await createBoard(store);
      const { log } = await store.open(record.id);
      await log.append([editor.edit('b', '2')]);
      const bytesBefore = log.logBytes;
      faults.fail({ op: 'sync', file: 'log.bin' });
      // From another client: an update of `editor` after a lost one would wait for it forever in Yjs.
      const lost = makeEditor().edit('lost', 'x');
      await expect(log.append([lost])).rejects.toMatchObject({ code: 'ENOSPC' });
      expect(log.logBytes).toBe(bytesBefore);
      faults.clear();
      await log.append([editor.edit('c', '3')]);
      await log.close();
      const reopened = await fixture!.restart().open(record.id);
      expect(reopened.discardedBytes).toBe(0);
      // The failed update's bytes were written but never synced; the retry truncated them away.
      expect(replay(reopened.updates)).toEqual({ a: '1', b: '2', c: '3' });
      await reopened.log.close();
    });

    it('loses nothing when compaction fails after the snapshot was replaced', async () => {
      const faults = new FaultSwitch();
      const store = await setUp(faults);
      const { record, editor } = await createBoard(store);
      const { log } = await store.open(record.id);
      await log.append([editor.edit('b', '2')]);
      faults.fail({ op: 'truncate', file: 'log.bin' }, { times: 1 });
      await expect(log.compact(Y.encodeStateAsUpdate(editor.doc))).rejects.toMatchObject({ code: 'ENOSPC' });
      await log.append([editor.edit('c', '3')]);
      await log.close();
      const reopened = await fixture!.restart().open(record.id);
      expect(replay(reopened.updates)).toEqual({ a: '1', b: '2', c: '3' });
      await reopened.log.close();
    });
  });
}
