/**
 * The snapshot part of the BoardStore contract, run against every implementation beside
 * board-store.contract.ts (file-board-store.test.ts, memory-board-store.test.ts).
 * Not a test file itself: it only defines the suite.
 */
import { newBoardId } from '@verksted/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FaultSwitch } from './fault-switch.js';
import { BoardStoreErrorCode, type BoardStore } from './board-store.js';
import { makeEditor, makeRecord, replay, type MakeBoardStoreFixture, type BoardStoreFixture } from './board-store.contract.js';
import { newSnapshotId, type SnapshotMeta } from './snapshot-meta.js';

/** Valid metadata with a fresh id. */
export function makeSnapshotMeta(overrides: Partial<SnapshotMeta> = {}): SnapshotMeta {
  return { id: newSnapshotId(), createdAt: 1_700_000_000_000, label: 'Før pausen', reason: 'manual', phase: 'share', noteCount: 1, secret: false, ...overrides };
}

/** Registers the snapshot contract suite for one BoardStore implementation. */
export function runSnapshotStoreContract(name: string, makeFixture: MakeBoardStoreFixture): void {
  describe(`BoardStore snapshot contract: ${name}`, () => {
    let fixture: BoardStoreFixture | undefined;
    const setUp = async (faults?: FaultSwitch) => (fixture = await makeFixture({ faults })).store;
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });

    async function createBoard(store: BoardStore) {
      const record = makeRecord();
      const editor = makeEditor();
      editor.edit('a', '1');
      await store.create(record, Y.encodeStateAsUpdate(editor.doc));
      return { record, editor };
    }

    it('saves snapshots that list oldest first and read back, also after a restart', async () => {
      const store = await setUp();
      const { record, editor } = await createBoard(store);
      const first = makeSnapshotMeta({ createdAt: 2000, reason: 'phase', phase: 'brainstorm', secret: true, label: '' });
      const firstState = Y.encodeStateAsUpdate(editor.doc);
      editor.edit('b', '2');
      const second = makeSnapshotMeta({ createdAt: 1000 });
      await store.saveSnapshot(record.id, first, firstState);
      await store.saveSnapshot(record.id, second, Y.encodeStateAsUpdate(editor.doc));
      for (const target of [store, fixture!.restart()]) {
        expect(await target.listSnapshots(record.id)).toEqual([second, first]);
        const read = await target.readSnapshot(record.id, first.id);
        expect(read?.meta).toEqual(first);
        expect(replay([read!.state])).toEqual({ a: '1' });
        expect(replay([(await target.readSnapshot(record.id, second.id))!.state])).toEqual({ a: '1', b: '2' });
      }
    });

    it('keeps a snapshot immutable: the same id cannot be saved twice, and stored bytes are copies', async () => {
      const store = await setUp();
      const { record, editor } = await createBoard(store);
      const meta = makeSnapshotMeta();
      const state = Y.encodeStateAsUpdate(editor.doc);
      await store.saveSnapshot(record.id, meta, state);
      state.fill(0);
      await expect(store.saveSnapshot(record.id, meta, Y.encodeStateAsUpdate(new Y.Doc()))).rejects.toMatchObject({ code: BoardStoreErrorCode.snapshotExists });
      expect(replay([(await store.readSnapshot(record.id, meta.id))!.state])).toEqual({ a: '1' });
    });

    it('answers an unknown snapshot with null and an unknown board with not found, creating nothing', async () => {
      const store = await setUp();
      const { record } = await createBoard(store);
      expect(await store.listSnapshots(record.id)).toEqual([]);
      expect(await store.readSnapshot(record.id, newSnapshotId())).toBeNull();
      expect(await store.deleteSnapshot(record.id, newSnapshotId())).toBe(false);
      const missing = newBoardId();
      const notFound = { code: BoardStoreErrorCode.notFound };
      await expect(store.saveSnapshot(missing, makeSnapshotMeta(), new Uint8Array([0, 0]))).rejects.toMatchObject(notFound);
      await expect(store.listSnapshots(missing)).rejects.toMatchObject(notFound);
      await expect(store.readSnapshot(missing, newSnapshotId())).rejects.toMatchObject(notFound);
      expect((await store.listRecords()).map((r) => r.id)).toEqual([record.id]);
    });

    it('rejects snapshot ids that are not snapshot ids, and invalid metadata', async () => {
      const store = await setUp();
      const { record } = await createBoard(store);
      for (const id of ['../x', 'a/b', '', '..', 'x'.repeat(17), `${'a'.repeat(14)}/.`]) {
        const invalid = { code: BoardStoreErrorCode.invalidSnapshotId };
        await expect(store.readSnapshot(record.id, id)).rejects.toMatchObject(invalid);
        await expect(store.deleteSnapshot(record.id, id)).rejects.toMatchObject(invalid);
        await expect(store.saveSnapshot(record.id, makeSnapshotMeta({ id }), new Uint8Array([0, 0]))).rejects.toMatchObject(invalid);
      }
      const bad = { ...makeSnapshotMeta(), reason: 'whim' } as unknown as SnapshotMeta;
      await expect(store.saveSnapshot(record.id, bad, new Uint8Array([0, 0]))).rejects.toThrow(TypeError);
      expect(await store.listSnapshots(record.id)).toEqual([]);
    });

    it('deletes one snapshot, and every snapshot with its board', async () => {
      const store = await setUp();
      const { record, editor } = await createBoard(store);
      const keep = makeSnapshotMeta({ createdAt: 1 });
      const drop = makeSnapshotMeta({ createdAt: 2 });
      await store.saveSnapshot(record.id, keep, Y.encodeStateAsUpdate(editor.doc));
      await store.saveSnapshot(record.id, drop, Y.encodeStateAsUpdate(editor.doc));
      expect(await store.deleteSnapshot(record.id, drop.id)).toBe(true);
      expect(await store.listSnapshots(record.id)).toEqual([keep]);
      expect(await store.readSnapshot(record.id, drop.id)).toBeNull();
      await store.delete(record.id);
      await expect(store.listSnapshots(record.id)).rejects.toMatchObject({ code: BoardStoreErrorCode.notFound });
      await store.create(record, Y.encodeStateAsUpdate(new Y.Doc()));
      expect(await fixture!.restart().listSnapshots(record.id)).toEqual([]);
    });

    it('leaves no snapshot behind when saving fails at any step, and saves again once the fault is gone', async () => {
      const faults = new FaultSwitch();
      const store = await setUp(faults);
      const { record, editor } = await createBoard(store);
      const good = makeSnapshotMeta({ createdAt: 1 });
      await store.saveSnapshot(record.id, good, Y.encodeStateAsUpdate(editor.doc));
      for (const [op, suffix] of [['write', '.bin.tmp'], ['sync', '.bin.tmp'], ['rename', '.bin'], ['write', '.json.tmp'], ['rename', '.json']] as const) {
        const meta = makeSnapshotMeta({ createdAt: 2 });
        faults.fail({ op, file: `${meta.id}${suffix}` });
        await expect(store.saveSnapshot(record.id, meta, Y.encodeStateAsUpdate(editor.doc))).rejects.toMatchObject({ code: 'ENOSPC' });
        faults.clear();
        for (const target of [store, fixture!.restart()]) {
          expect(await target.listSnapshots(record.id)).toEqual([good]);
          expect(await target.readSnapshot(record.id, meta.id)).toBeNull();
        }
      }
      const later = makeSnapshotMeta({ createdAt: 3 });
      await store.saveSnapshot(record.id, later, Y.encodeStateAsUpdate(editor.doc));
      expect(await fixture!.restart().listSnapshots(record.id)).toEqual([good, later]);
    });

    it('keeps the board loadable and its log appendable while snapshots are saved', async () => {
      const store = await setUp();
      const { record, editor } = await createBoard(store);
      const { log } = await store.open(record.id);
      await Promise.all([
        log.append([editor.edit('b', '2')]),
        store.saveSnapshot(record.id, makeSnapshotMeta(), Y.encodeStateAsUpdate(editor.doc)),
      ]);
      await log.close();
      const reopened = await fixture!.restart().open(record.id);
      expect(replay(reopened.updates)).toEqual({ a: '1', b: '2' });
      await reopened.log.close();
    });
  });
}
