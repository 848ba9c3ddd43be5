/**
 * The persistence contract between the relay and the disk. The relay keeps a live Y.Doc per board;
 * a BoardStore gives it back after a restart (snapshot + append-only log) and makes each accepted
 * update durable before the relay broadcasts it. Implementations: FileBoardStore (production) and
 * MemoryBoardStore (tests); both are checked by board-store.contract.ts.
 *
 * Beside its live state a board has snapshots: immutable saved versions (metadata + the whole
 * Yjs state), taken by the room at phase changes, on lock, before a rollback and on request.
 */
import type { SnapshotMeta, StoredSnapshot } from './snapshot-meta.js';

/** What the server keeps about a board outside its Yjs document. Secrets are stored only hashed. */
export interface BoardRecord {
  /** 22-char base64url, validated with isBoardId from @verksted/shared before use as a path. */
  id: string;
  /** 6 chars. */
  joinCode: string;
  /** Hex sha256 of the facilitator key. */
  facilitatorKeyHash: string;
  /** Ms since epoch. */
  createdAt: number;
  /** Ms since epoch, updated by touch(). */
  lastOpenedAt: number;
}

/** The open, appendable log of one board. Obtained from BoardStore.open(); close it before reopening. */
export interface BoardLog {
  /**
   * Appends the updates as one group: write all records, then ONE fsync (fdatasync). Resolves only
   * when durable. Rejects on any I/O error; then nothing is assumed written, and a later append/retry
   * must leave the file valid (truncate back to the last known good length before writing again).
   * Empty updates (0 bytes) are rejected: a Yjs update is never empty.
   */
  append(updates: readonly Uint8Array[]): Promise<void>;
  /**
   * Atomically replaces the snapshot with `state` (write tmp file, fsync it, rename over snapshot,
   * fsync the directory), then empties the log (truncate + fsync). Crash at any point must leave
   * snapshot+log loadable with no loss (replaying log records already in the snapshot is harmless in Yjs).
   * `state` must include every update appended before this call.
   */
  compact(state: Uint8Array): Promise<void>;
  /** Bytes currently in the log file (for deciding when to compact). Counts only durable records. */
  readonly logBytes: number;
  /** Waits for queued appends/compactions, then releases the file. Idempotent. Later appends reject. */
  close(): Promise<void>;
}

/** Result of BoardStore.open(). */
export interface OpenedBoard {
  /** Snapshot (if any) first, then every intact log record, in order. Apply them all with Y.applyUpdate. */
  updates: Uint8Array[];
  log: BoardLog;
  /** Bytes cut off a torn or corrupt log tail during this open (0 normally). */
  discardedBytes: number;
}

/** Durable storage of boards: one record, one snapshot and one update log per board. */
export interface BoardStore {
  /**
   * Creates the board's files: record + initial snapshot. Fails (BoardExistsError) if the id exists.
   * Crash-safe: a board directory without a complete record is treated as not existing.
   */
  create(record: BoardRecord, initialState: Uint8Array): Promise<void>;
  /** The record, or null if there is no such board. Throws BoardCorruptError for an unreadable record. */
  readRecord(id: string): Promise<BoardRecord | null>;
  /** Every readable record, oldest first. Corrupt boards are skipped (and logged). */
  listRecords(): Promise<BoardRecord[]>;
  /**
   * Loads snapshot + log and opens the log for appending. Throws BoardNotFoundError if missing,
   * BoardCorruptError if the snapshot is unreadable/corrupt (never overwritten in that case), and
   * BoardAlreadyOpenError if this store already has the board open. A torn/corrupt log tail is cut
   * off (the cut bytes are kept in a `log.corrupt-<timestamp>` file first) and loading continues.
   */
  open(id: string): Promise<OpenedBoard>;
  /** Sets lastOpenedAt (atomic record rewrite). BoardNotFoundError if missing. */
  touch(id: string, at: number): Promise<void>;
  /** Removes every file of the board (snapshots included); closes its log first if it is open. BoardNotFoundError if missing. */
  delete(id: string): Promise<void>;
  /**
   * Stores a snapshot of board `boardId`: `state` is a whole `Y.encodeStateAsUpdate`. Atomic and
   * durable when it resolves; a crash before that leaves no trace in listSnapshots. BoardNotFoundError
   * if the board is missing (nothing is created then), SnapshotExistsError if the id is taken,
   * InvalidSnapshotIdError for a malformed id, TypeError for invalid metadata.
   */
  saveSnapshot(boardId: string, meta: SnapshotMeta, state: Uint8Array): Promise<void>;
  /** Metadata of every intact snapshot of the board, oldest first. BoardNotFoundError if the board is missing. */
  listSnapshots(boardId: string): Promise<SnapshotMeta[]>;
  /**
   * One snapshot with its state, or null if the board has no such snapshot. BoardCorruptError if its
   * files fail their checks (they are left untouched).
   */
  readSnapshot(boardId: string, snapshotId: string): Promise<StoredSnapshot | null>;
  /** Removes one snapshot; false if there was none with that id. */
  deleteSnapshot(boardId: string, snapshotId: string): Promise<boolean>;
}

/**
 * A place where a fault can be injected (tests only). `file` is the base name of the file acted on
 * (for a rename: the destination), e.g. 'log.bin', 'snapshot.bin', 'snapshot.bin.tmp', 'board.json',
 * and for saved snapshots '<snapshotId>.bin(.tmp)' and '<snapshotId>.json(.tmp)'.
 */
export interface FaultPoint {
  boardId: string;
  op: 'write' | 'sync' | 'truncate' | 'rename';
  file: string;
  /** Bytes about to be written (op 'write' only). */
  bytes?: number;
}

/** Fault injection for tests. Production code passes nothing. */
export interface StoreFaults {
  /**
   * Called before each write/sync/truncate/rename of a board file. Throw (or reject) to make the
   * operation fail before it touches the disk. For op 'write', returning a number n < bytes writes
   * only the first n bytes and then fails with ENOSPC, like a disk filling up mid-write.
   * May be async, e.g. to hold an operation while a test does something else.
   */
  before?(point: FaultPoint): number | void | Promise<number | void>;
}

/** The part of a pino/Fastify logger the stores use. Fields only; note contents are never logged. */
export interface StoreLogger {
  child(bindings: Record<string, unknown>): StoreLogger;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A logger that drops everything (the default, so unit tests stay quiet). */
export const silentLogger: StoreLogger = {
  child: () => silentLogger,
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** Stable error codes of the store, for mapping to HTTP statuses and close codes. */
export const BoardStoreErrorCode = {
  exists: 'ERR_BOARD_EXISTS',
  notFound: 'ERR_BOARD_NOT_FOUND',
  corrupt: 'ERR_BOARD_CORRUPT',
  invalidId: 'ERR_INVALID_BOARD_ID',
  alreadyOpen: 'ERR_BOARD_ALREADY_OPEN',
  logClosed: 'ERR_BOARD_LOG_CLOSED',
  invalidSnapshotId: 'ERR_INVALID_SNAPSHOT_ID',
  snapshotExists: 'ERR_SNAPSHOT_EXISTS',
} as const;
export type BoardStoreErrorCode = (typeof BoardStoreErrorCode)[keyof typeof BoardStoreErrorCode];

/** Base class of the store's own errors; `code` is stable, `boardId` is set when the id was valid. */
export class BoardStoreError extends Error {
  readonly code: BoardStoreErrorCode;
  readonly boardId: string | undefined;
  constructor(code: BoardStoreErrorCode, message: string, boardId?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.boardId = boardId;
  }
}

/** create() found a board with that id already. */
export class BoardExistsError extends BoardStoreError {
  constructor(boardId: string) {
    super(BoardStoreErrorCode.exists, `board ${boardId} already exists`, boardId);
  }
}

/** No board with that id. */
export class BoardNotFoundError extends BoardStoreError {
  constructor(boardId: string) {
    super(BoardStoreErrorCode.notFound, `board ${boardId} not found`, boardId);
  }
}

/** The board's record or snapshot cannot be read. Its files are left untouched for an operator. */
export class BoardCorruptError extends BoardStoreError {
  constructor(boardId: string, detail: string, options?: ErrorOptions) {
    super(BoardStoreErrorCode.corrupt, `board ${boardId} is corrupt: ${detail}`, boardId, options);
  }
}

/** The id is not a board id; it never reaches a path. The bad value is not echoed (untrusted input). */
export class InvalidBoardIdError extends BoardStoreError {
  constructor() {
    super(BoardStoreErrorCode.invalidId, 'not a valid board id');
  }
}

/** open() of a board this store already has open (or is opening): two logs would overwrite each other. */
export class BoardAlreadyOpenError extends BoardStoreError {
  constructor(boardId: string) {
    super(BoardStoreErrorCode.alreadyOpen, `board ${boardId} is already open`, boardId);
  }
}

/** append()/compact() on a log after close() (or after the board was deleted). */
export class BoardLogClosedError extends BoardStoreError {
  constructor(boardId: string) {
    super(BoardStoreErrorCode.logClosed, `log of board ${boardId} is closed`, boardId);
  }
}

/** saveSnapshot() with an id the board already has a snapshot under (snapshots are immutable). */
export class SnapshotExistsError extends BoardStoreError {
  constructor(boardId: string) {
    super(BoardStoreErrorCode.snapshotExists, `board ${boardId} already has a snapshot with that id`, boardId);
  }
}
