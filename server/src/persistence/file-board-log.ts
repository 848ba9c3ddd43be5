/**
 * The open log of one board on disk. All work goes through one queue, so appends, compactions and
 * close never interleave on the file. Appends that queue up while a write+fsync is in flight are
 * merged into the next single write+fsync (group commit), so a busy board costs one fsync per
 * disk round trip, not one per update.
 */
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { BoardLogClosedError, type BoardLog, type StoreFaults, type StoreLogger } from './board-store.js';
import { checkFault, replaceFileDurable, writeFully } from './durable-fs.js';
import { encodeRecords, encodeSnapshot } from './update-log.js';

/** File names inside a board directory. */
export const RECORD_FILE = 'board.json';
export const SNAPSHOT_FILE = 'snapshot.bin';
export const SNAPSHOT_TMP_FILE = 'snapshot.bin.tmp';
export const LOG_FILE = 'log.bin';

/** What FileBoardStore hands a log when it opens one. */
export interface FileBoardLogOptions {
  boardId: string;
  /** The board directory. */
  dir: string;
  /** log.bin opened read-write without O_APPEND (writes are positional). */
  fh: FileHandle;
  /** Length of the intact log (the torn tail, if any, was already cut). */
  length: number;
  faults: StoreFaults | undefined;
  log: StoreLogger;
  /** Called once the file handle is closed, so the store can allow the board to be opened again. */
  onClosed(): void;
}

type Op =
  | { kind: 'append'; bytes: Buffer; done: Settle }
  | { kind: 'compact'; snapshot: Buffer; done: Settle }
  | { kind: 'close'; done: Settle };
interface Settle {
  resolve(): void;
  reject(err: unknown): void;
}

/** BoardLog backed by `<board>/log.bin` and `<board>/snapshot.bin`. Created by FileBoardStore.open(). */
export class FileBoardLog implements BoardLog {
  readonly #opts: FileBoardLogOptions;
  readonly #queue: Op[] = [];
  #draining = false;
  #closing: Promise<void> | undefined;
  /** Bytes of the log known to be durable and intact. */
  #goodLength: number;
  /** The file may hold bytes past #goodLength (a failed write): truncate before the next write. */
  #dirty = false;

  constructor(opts: FileBoardLogOptions) {
    this.#opts = opts;
    this.#goodLength = opts.length;
  }

  get logBytes(): number {
    return this.#goodLength;
  }

  async append(updates: readonly Uint8Array[]): Promise<void> {
    if (this.#closing) throw new BoardLogClosedError(this.#opts.boardId);
    // Encode now: the caller may reuse its buffers as soon as append() returns.
    const bytes = encodeRecords(updates);
    if (bytes.length === 0) return;
    return this.#enqueue((done) => ({ kind: 'append', bytes, done }));
  }

  async compact(state: Uint8Array): Promise<void> {
    if (this.#closing) throw new BoardLogClosedError(this.#opts.boardId);
    const snapshot = encodeSnapshot(state);
    return this.#enqueue((done) => ({ kind: 'compact', snapshot, done }));
  }

  close(): Promise<void> {
    this.#closing ??= this.#enqueue((done) => ({ kind: 'close', done }));
    return this.#closing;
  }

  #enqueue(make: (done: Settle) => Op): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push(make({ resolve, reject }));
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    while (this.#queue.length > 0) {
      const first = this.#queue[0]!;
      if (first.kind === 'append') {
        // Take every append queued so far: they share one write and one fsync.
        let n = 1;
        while (this.#queue[n]?.kind === 'append') n++;
        const batch = this.#queue.splice(0, n) as Extract<Op, { kind: 'append' }>[];
        const bytes = batch.length === 1 ? batch[0]!.bytes : Buffer.concat(batch.map((op) => op.bytes));
        await this.#settle(batch, () => this.#writeRecords(bytes));
      } else {
        this.#queue.shift();
        await this.#settle([first], () => (first.kind === 'compact' ? this.#replaceSnapshot(first.snapshot) : this.#closeFile()));
      }
    }
    this.#draining = false;
  }

  async #settle(ops: readonly Op[], work: () => Promise<void>): Promise<void> {
    try {
      await work();
      for (const op of ops) op.done.resolve();
    } catch (err) {
      for (const op of ops) op.done.reject(err);
    }
  }

  async #writeRecords(bytes: Buffer): Promise<void> {
    const { fh, boardId, faults } = this.#opts;
    const file = LOG_FILE;
    if (this.#dirty) {
      // A previous append failed part-way; its bytes must not end up between good records.
      await checkFault(faults, { boardId, op: 'truncate', file });
      await fh.truncate(this.#goodLength);
      this.#dirty = false;
    }
    this.#dirty = true;
    await writeFully(fh, bytes, this.#goodLength, faults, { boardId, file });
    await checkFault(faults, { boardId, op: 'sync', file });
    // fdatasync also flushes the new file size, which is all the metadata a reader needs.
    await fh.datasync();
    this.#goodLength += bytes.length;
    this.#dirty = false;
  }

  async #replaceSnapshot(snapshot: Buffer): Promise<void> {
    const { fh, boardId, faults, dir, log } = this.#opts;
    const started = performance.now();
    const logBytesBefore = this.#goodLength;
    await replaceFileDurable(join(dir, SNAPSHOT_FILE), join(dir, SNAPSHOT_TMP_FILE), dir, snapshot, boardId, faults);
    // The new snapshot is durable and holds every logged update, so the log is now redundant.
    // A crash before the truncate below only means those records are replayed once more: harmless.
    await checkFault(faults, { boardId, op: 'truncate', file: LOG_FILE });
    await fh.truncate(0);
    this.#goodLength = 0;
    // Until the sync succeeds, the on-disk size is unknown: truncate again before the next write.
    this.#dirty = true;
    await checkFault(faults, { boardId, op: 'sync', file: LOG_FILE });
    await fh.datasync();
    this.#dirty = false;
    log.info({ snapshotBytes: snapshot.length, logBytesBefore, ms: Math.round(performance.now() - started) }, 'compacted board log');
  }

  async #closeFile(): Promise<void> {
    const { fh, log, onClosed } = this.#opts;
    try {
      if (this.#dirty) {
        // Leave a clean file behind so the next open has no tail to cut; failing here loses nothing
        // durable, the next open cuts the tail instead.
        await fh.truncate(this.#goodLength).then(() => fh.datasync()).catch((err: unknown) => {
          log.warn({ err }, 'could not trim failed append from log on close');
        });
      }
      await fh.close();
    } finally {
      onClosed();
    }
  }
}
