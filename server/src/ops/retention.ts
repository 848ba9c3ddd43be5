/**
 * Retention: a board that nobody opened for RETENTION_DAYS is deleted (privacy by default; 0
 * keeps boards forever). "Opened" is the record's `lastOpenedAt`, set whenever the board is loaded
 * into memory (a participant, the projector or the facilitator connects, or an HTTP read) and by
 * the facilitator's "extend" (`POST /api/boards/:id/extend`).
 *
 * The sweep runs when the server starts and then every hour. It never deletes a board that is in
 * memory; instead it marks such a board as opened now, so a board kept open for months does not
 * expire the moment it is closed.
 */
import type { BoardRecord, BoardStore } from '../persistence/board-store.js';
import type { Logger } from '../logger.js';
import { deleteBoard, type DeletionContext } from './board-deletion.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the sweep runs after the one at start. */
export const RETENTION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * When a board last used at `lastUsedAt` (ms) becomes eligible for deletion (ms), or null when
 * boards are kept forever (`retentionDays` 0).
 */
export function expiresAt(lastUsedAt: number, retentionDays: number): number | null {
  return retentionDays > 0 ? lastUsedAt + retentionDays * DAY_MS : null;
}

/** True when the board's last use is more than `retentionDays` before `now`. */
export function isExpired(record: Pick<BoardRecord, 'lastOpenedAt'>, retentionDays: number, now: number): boolean {
  const at = expiresAt(record.lastOpenedAt, retentionDays);
  return at !== null && at < now;
}

/** What one sweep did, by board id. */
export interface SweepResult {
  deleted: string[];
  /** Expired by their record but in memory: marked as opened now instead. */
  inUse: string[];
}

export interface RetentionSweeperOptions extends DeletionContext {
  store: BoardStore;
  /** 0 = keep forever (the sweep does nothing). */
  retentionDays: number;
  now: () => number;
  logger: Logger;
  intervalMs?: number;
}

/** Deletes expired boards at start and every hour. */
export class RetentionSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult> | null = null;

  constructor(private readonly options: RetentionSweeperOptions) {}

  /** Sweeps now and then every `intervalMs` (one hour). The timer does not keep the process alive. */
  start(): void {
    if (this.options.retentionDays === 0 || this.timer) return;
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs ?? RETENTION_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Deletes every expired board that is not in memory. Never rejects (failures are logged). A call
   * while a sweep runs returns that sweep.
   */
  sweep(): Promise<SweepResult> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sweepOnce(): Promise<SweepResult> {
    const { store, retentionDays, now, logger } = this.options;
    const result: SweepResult = { deleted: [], inUse: [] };
    if (retentionDays === 0) return result;
    let records: BoardRecord[];
    try {
      records = await store.listRecords();
    } catch (err) {
      logger.error({ err }, 'retention sweep could not list boards');
      return result;
    }
    for (const record of records) {
      if (!isExpired(record, retentionDays, now())) continue;
      try {
        const outcome = await deleteBoard(this.options, record.id, {
          cause: 'retention',
          onlyIfUnloaded: true,
          // Extended (or opened) since the list was read: keep it.
          confirm: (fresh) => isExpired(fresh, retentionDays, now()),
        });
        if (outcome === 'deleted') result.deleted.push(record.id);
        if (outcome === 'in-use') {
          result.inUse.push(record.id);
          await store.touch(record.id, now());
        }
      } catch (err) {
        logger.error({ err, boardId: record.id }, 'retention could not delete a board');
      }
    }
    if (result.deleted.length > 0 || result.inUse.length > 0) {
      logger.info({ deleted: result.deleted.length, inUse: result.inUse.length, retentionDays }, 'retention sweep done');
    }
    return result;
  }
}
