/**
 * BoardStore kept in memory, for tests of the relay and the HTTP routes. Same semantics and errors
 * as FileBoardStore (both pass board-store.contract.ts), including the optional fault hook, so a
 * test can make appends fail without touching a disk. Stored bytes are copies, never the caller's.
 */
import { assertBoardId, assertBoardRecord, copyBoardRecord } from './board-record.js';
import {
  BoardAlreadyOpenError,
  BoardExistsError,
  BoardLogClosedError,
  BoardNotFoundError,
  SnapshotExistsError,
  type BoardLog,
  type BoardRecord,
  type BoardStore,
  type OpenedBoard,
  type StoreFaults,
} from './board-store.js';
import { checkFault } from './durable-fs.js';
import { RECORD_HEADER_BYTES, encodeRecords } from './update-log.js';
import { assertSnapshotId, assertSnapshotMeta, bySnapshotAge, copySnapshotMeta, type SnapshotMeta, type StoredSnapshot } from './snapshot-meta.js';

interface StoredBoard {
  record: BoardRecord;
  snapshot: Uint8Array;
  log: Uint8Array[];
  /** Saved snapshots by id. */
  snapshots: Map<string, StoredSnapshot>;
}

/** Options of MemoryBoardStore. */
export interface MemoryBoardStoreOptions {
  /** Fail chosen operations, with the same fault points as FileBoardStore (file names included). */
  faults?: StoreFaults;
}

/** In-memory BoardStore for tests. "Restarting" means opening the board again on the same instance. */
export class MemoryBoardStore implements BoardStore {
  readonly #boards = new Map<string, StoredBoard>();
  readonly #openBoards = new Map<string, MemoryBoardLog>();
  readonly #faults: StoreFaults | undefined;

  constructor(options: MemoryBoardStoreOptions = {}) {
    this.#faults = options.faults;
  }

  async create(record: BoardRecord, initialState: Uint8Array): Promise<void> {
    assertBoardRecord(record);
    if (this.#boards.has(record.id)) throw new BoardExistsError(record.id);
    this.#boards.set(record.id, { record: copyBoardRecord(record), snapshot: initialState.slice(), log: [], snapshots: new Map() });
  }

  async readRecord(id: string): Promise<BoardRecord | null> {
    assertBoardId(id);
    const board = this.#boards.get(id);
    return board ? copyBoardRecord(board.record) : null;
  }

  async listRecords(): Promise<BoardRecord[]> {
    return [...this.#boards.values()]
      .map((board) => copyBoardRecord(board.record))
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  async open(id: string): Promise<OpenedBoard> {
    assertBoardId(id);
    if (this.#openBoards.has(id)) throw new BoardAlreadyOpenError(id);
    const board = this.#boards.get(id);
    if (!board) throw new BoardNotFoundError(id);
    const log = new MemoryBoardLog(id, board, this.#faults, () => this.#openBoards.delete(id));
    this.#openBoards.set(id, log);
    const updates = [board.snapshot, ...board.log].filter((u) => u.byteLength > 0).map((u) => u.slice());
    return { updates, log, discardedBytes: 0 };
  }

  async touch(id: string, at: number): Promise<void> {
    assertBoardId(id);
    const board = this.#boards.get(id);
    if (!board) throw new BoardNotFoundError(id);
    board.record = { ...board.record, lastOpenedAt: Math.max(board.record.lastOpenedAt, at) };
  }

  async delete(id: string): Promise<void> {
    assertBoardId(id);
    const open = this.#openBoards.get(id);
    if (open) await open.close();
    if (!this.#boards.delete(id)) throw new BoardNotFoundError(id);
  }

  async saveSnapshot(boardId: string, meta: SnapshotMeta, state: Uint8Array): Promise<void> {
    const board = this.#board(boardId);
    assertSnapshotId(meta.id);
    assertSnapshotMeta(meta);
    if (board.snapshots.has(meta.id)) throw new SnapshotExistsError(boardId);
    const stored = { meta: copySnapshotMeta(meta), state: state.slice() };
    // The same fault points as on disk: state file, then metadata file; the last rename commits.
    for (const file of [`${meta.id}.bin`, `${meta.id}.json`]) {
      await checkFault(this.#faults, { boardId, op: 'write', file: `${file}.tmp`, bytes: file.endsWith('.bin') ? state.byteLength : 0 });
      await checkFault(this.#faults, { boardId, op: 'sync', file: `${file}.tmp` });
      await checkFault(this.#faults, { boardId, op: 'rename', file });
    }
    if (!this.#boards.has(boardId)) throw new BoardNotFoundError(boardId); // deleted meanwhile
    board.snapshots.set(meta.id, stored);
  }

  async listSnapshots(boardId: string): Promise<SnapshotMeta[]> {
    return [...this.#board(boardId).snapshots.values()].map((s) => copySnapshotMeta(s.meta)).sort(bySnapshotAge);
  }

  async readSnapshot(boardId: string, snapshotId: string): Promise<StoredSnapshot | null> {
    const board = this.#board(boardId);
    assertSnapshotId(snapshotId);
    const stored = board.snapshots.get(snapshotId);
    return stored ? { meta: copySnapshotMeta(stored.meta), state: stored.state.slice() } : null;
  }

  async deleteSnapshot(boardId: string, snapshotId: string): Promise<boolean> {
    const board = this.#board(boardId);
    assertSnapshotId(snapshotId);
    return board.snapshots.delete(snapshotId);
  }

  #board(id: string): StoredBoard {
    assertBoardId(id);
    const board = this.#boards.get(id);
    if (!board) throw new BoardNotFoundError(id);
    return board;
  }
}

/** BoardLog over a StoredBoard. Operations run one at a time in call order, like the file log. */
class MemoryBoardLog implements BoardLog {
  #tail: Promise<unknown> = Promise.resolve();
  #closing: Promise<void> | undefined;

  constructor(
    private readonly boardId: string,
    private readonly board: StoredBoard,
    private readonly faults: StoreFaults | undefined,
    private readonly onClosed: () => void,
  ) {}

  get logBytes(): number {
    return this.board.log.reduce((sum, u) => sum + RECORD_HEADER_BYTES + u.byteLength, 0);
  }

  async append(updates: readonly Uint8Array[]): Promise<void> {
    if (this.#closing) throw new BoardLogClosedError(this.boardId);
    const bytes = encodeRecords(updates).length; // validates like the file log does
    const copies = updates.map((u) => u.slice());
    return this.#run(async () => {
      const point = { boardId: this.boardId, file: 'log.bin' };
      const limit = await checkFault(this.faults, { ...point, op: 'write', bytes });
      if (limit !== undefined && limit < bytes) {
        throw Object.assign(new Error('ENOSPC: no space left on device (injected short write)'), { code: 'ENOSPC' });
      }
      await checkFault(this.faults, { ...point, op: 'sync' });
      this.board.log.push(...copies);
    });
  }

  async compact(state: Uint8Array): Promise<void> {
    if (this.#closing) throw new BoardLogClosedError(this.boardId);
    const snapshot = state.slice();
    return this.#run(async () => {
      const boardId = this.boardId;
      await checkFault(this.faults, { boardId, op: 'write', file: 'snapshot.bin.tmp', bytes: snapshot.byteLength });
      await checkFault(this.faults, { boardId, op: 'sync', file: 'snapshot.bin.tmp' });
      await checkFault(this.faults, { boardId, op: 'rename', file: 'snapshot.bin' });
      this.board.snapshot = snapshot;
      // As on disk: once the snapshot is replaced, a failed truncate leaves redundant log records.
      await checkFault(this.faults, { boardId, op: 'truncate', file: 'log.bin' });
      this.board.log = [];
    });
  }

  close(): Promise<void> {
    this.#closing ??= this.#run(async () => this.onClosed());
    return this.#closing;
  }

  #run(work: () => Promise<void>): Promise<void> {
    const result = this.#tail.then(work);
    this.#tail = result.catch(() => {}); // a failed op must not block the ones queued after it
    return result;
  }
}
