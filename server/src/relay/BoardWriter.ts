/**
 * The write pipeline of one room: group commit, retry on storage failure, compaction.
 *
 * Updates are numbered in the order they were applied to the room's document (`seq`). One
 * `append` is in flight at a time; whatever arrives meanwhile waits and goes into the next append
 * together (one fsync for the whole group). When an append resolves, `onDurable` gets the group, so
 * the room can relay it and release answers that were waiting for durability.
 *
 * When an append fails, the group goes back to the head of the queue, `writable` turns false and
 * the append is retried with backoff until it succeeds. Nothing is dropped and nothing is relayed
 * before it is on disk. Compaction runs when nothing is queued or in flight (then the state it
 * writes is exactly what the log holds), or, when steady writing starves it, between two appends.
 */
import type { BoardLog } from '../persistence/board-store.js';
import type { Logger } from '../logger.js';
import type { RelayMetrics } from '../ops/metrics.js';

/**
 * Who may receive an entry once it is durable: everyone; the participants (a release of withheld
 * content, which the facilitators already have); or, during a secret phase, one participant's
 * actor key or FACILITATORS_ONLY (withheld; facilitators receive every entry).
 */
export type Audience = 'all' | 'release' | string;

/** An update applied to the room's document but maybe not yet on disk. */
export interface PendingUpdate<Origin> {
  /** What to relay. */
  readonly update: Uint8Array;
  /** What to store (the update itself, or an envelope around it; see room-records.ts). */
  readonly record: Uint8Array;
  readonly audience: Audience;
  /** Who sent it (a connection); relays skip it when a group has a single sender. */
  readonly origin: Origin;
  readonly seq: number;
}

export interface BoardWriterOptions<Origin> {
  boardId: string;
  log: BoardLog;
  logger: Logger;
  /** Compact once the log holds more than this. */
  compactAfterBytes: number;
  /** The room's full state; only called when the document equals what is on disk. */
  encodeState: () => Uint8Array;
  /** A group reached the disk (in order). */
  onDurable: (group: readonly PendingUpdate<Origin>[]) => void;
  /** Appends started or stopped failing. */
  onWritableChange: (writable: boolean) => void;
  retryMinMs?: number;
  retryMaxMs?: number;
  metrics?: RelayMetrics;
}

/** Group-committing, retrying writer of one board log. */
export class BoardWriter<Origin> {
  /** Seq of the last update handed to `enqueue` (0 = none yet). */
  appliedSeq = 0;
  /** Seq of the last update known to be on disk. */
  durableSeq = 0;
  private readonly queue: PendingUpdate<Origin>[] = [];
  private busy = false;
  private failedAttempts = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Do not try compacting again until the log is bigger than this (after a failed compaction). */
  private compactFloorBytes = 0;
  private idleWaiters: (() => void)[] = [];
  /** Callers of whenDurable, each waiting for its seq to reach the disk. */
  private durableWaiters: { seq: number; resolve: () => void }[] = [];
  private closed = false;

  constructor(private readonly options: BoardWriterOptions<Origin>) {}

  /** False while appends fail; the room refuses new updates meanwhile. */
  get writable(): boolean {
    return this.failedAttempts === 0;
  }

  /** True when every applied update is on disk and no write is running. */
  get idle(): boolean {
    return !this.busy && this.queue.length === 0;
  }

  /** Queues an update that was just applied to the document; returns its seq. */
  enqueue(update: Uint8Array, origin: Origin, record: Uint8Array = update, audience: Audience = 'all'): number {
    if (this.closed) throw new Error('BoardWriter is closed');
    const seq = ++this.appliedSeq;
    this.queue.push({ update, record, audience, origin, seq });
    this.pump();
    return seq;
  }

  /** Resolves once nothing is queued or in flight (including retries after failures). */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Resolves once every update up to `seq` (an `appliedSeq` value) is on disk, however busy the
   * board stays meanwhile. A snapshot uses it so that it never holds content the log may lose.
   */
  whenDurable(seq: number): Promise<void> {
    if (seq <= this.durableSeq) return Promise.resolve();
    return new Promise((resolve) => this.durableWaiters.push({ seq, resolve }));
  }

  /**
   * Waits for every write, compacts if the log is not empty, and closes the log. The room calls
   * this when it unloads; the document must not change afterwards.
   */
  async close(): Promise<void> {
    await this.whenIdle();
    this.closed = true;
    const { log, logger } = this.options;
    if (log.logBytes > 0) {
      try {
        await log.compact(this.options.encodeState());
        this.options.metrics?.compacted(true);
      } catch (err) {
        this.options.metrics?.compacted(false);
        // The log still holds every update, so nothing is lost; the next load replays it.
        logger.warn({ err }, 'compaction on unload failed');
      }
    }
    await log.close();
  }

  private pump(): void {
    if (this.busy || this.retryTimer !== null) return;
    // Compaction normally waits for a quiet moment; under steady writing there is none, so past
    // twice the threshold it goes ahead between two appends rather than let the log grow unbounded.
    const starved = this.queue.length > 0 && this.options.log.logBytes > 2 * this.options.compactAfterBytes;
    if ((this.queue.length === 0 || starved) && this.shouldCompact()) {
      void this.compact();
    } else if (this.queue.length > 0) {
      void this.appendGroup();
    } else {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async appendGroup(): Promise<void> {
    this.busy = true;
    const group = this.queue.splice(0);
    const started = performance.now();
    try {
      await this.options.log.append(group.map((p) => p.record));
    } catch (err) {
      this.options.metrics?.logAppendFailed();
      this.busy = false;
      this.queue.unshift(...group);
      this.failedAttempts++;
      const delay = Math.min(
        (this.options.retryMinMs ?? 500) * 2 ** (this.failedAttempts - 1),
        this.options.retryMaxMs ?? 5000,
      );
      this.options.logger.error(
        { err, attempt: this.failedAttempts, updates: this.queue.length, retryInMs: delay },
        'append failed; board is read-only until it succeeds',
      );
      if (this.failedAttempts === 1) this.options.onWritableChange(false);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.pump();
      }, delay);
      return;
    }
    this.options.metrics?.logAppended((performance.now() - started) / 1000);
    this.busy = false;
    const recovered = this.failedAttempts > 0;
    if (recovered) {
      this.options.logger.info({ attempts: this.failedAttempts }, 'append succeeded again; board is writable');
      this.failedAttempts = 0;
    }
    this.durableSeq = group[group.length - 1]!.seq;
    if (this.durableWaiters.length > 0) {
      const due = this.durableWaiters.filter((w) => w.seq <= this.durableSeq);
      this.durableWaiters = this.durableWaiters.filter((w) => w.seq > this.durableSeq);
      for (const waiter of due) waiter.resolve();
    }
    this.options.logger.debug(
      { updates: group.length, ms: Math.round(performance.now() - started) },
      'group appended',
    );
    this.options.onDurable(group);
    if (recovered) this.options.onWritableChange(true);
    this.pump();
  }

  private shouldCompact(): boolean {
    const bytes = this.options.log.logBytes;
    return !this.closed && bytes > this.options.compactAfterBytes && bytes > this.compactFloorBytes;
  }

  private async compact(): Promise<void> {
    this.busy = true;
    const { log, logger } = this.options;
    const before = log.logBytes;
    // Encoded synchronously. Normally the queue is empty and the document equals the disk; when
    // compaction was starved, the state also holds queued updates, which are appended to the new
    // log afterwards (replaying content a snapshot already has changes nothing). Nothing in the
    // snapshot is relayed or acknowledged before its own append, so the durability rule holds.
    const state = this.options.encodeState();
    try {
      await log.compact(state);
      this.options.metrics?.compacted(true);
      logger.info({ logBytes: before, snapshotBytes: state.length }, 'log compacted');
    } catch (err) {
      this.options.metrics?.compacted(false);
      // Nothing is lost (the log is intact); try again once the log has grown some more.
      this.compactFloorBytes = before + this.options.compactAfterBytes;
      logger.warn({ err, logBytes: before }, 'compaction failed');
    }
    this.busy = false;
    this.pump();
  }
}
