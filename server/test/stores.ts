/** Store wrappers for tests that need to watch or slow down what the relay does with a store. */
import type { BoardStore } from '../src/persistence/board-store.js';

/** A BoardStore that delegates to `inner`, except for the methods in `overrides`. */
export function wrapStore(inner: BoardStore, overrides: Partial<BoardStore>): BoardStore {
  return {
    create: (record, state) => inner.create(record, state),
    readRecord: (id) => inner.readRecord(id),
    listRecords: () => inner.listRecords(),
    open: (id) => inner.open(id),
    touch: (id, at) => inner.touch(id, at),
    delete: (id) => inner.delete(id),
    saveSnapshot: (id, meta, state) => inner.saveSnapshot(id, meta, state),
    listSnapshots: (id) => inner.listSnapshots(id),
    readSnapshot: (id, snapshotId) => inner.readSnapshot(id, snapshotId),
    deleteSnapshot: (id, snapshotId) => inner.deleteSnapshot(id, snapshotId),
    ...overrides,
  };
}
