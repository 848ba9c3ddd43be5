/**
 * boardId → Room. Loads a room once however many connections ask at the same time, hands out
 * retained rooms, and forgets a room when it unloads or fails to load.
 */
import { CLOSE } from '@verksted/shared';
import type { BoardStore } from '../persistence/board-store.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { RelayMetrics } from '../ops/metrics.js';
import { RelayError } from '../errors.js';
import { ROOM_STATE, Room } from './Room.js';

export interface RoomRegistryOptions {
  store: BoardStore;
  logger: Logger;
  config: Config;
  now: () => number;
  /** Backoff of append retries (tests shorten it). */
  retryMinMs?: number;
  retryMaxMs?: number;
  metrics?: RelayMetrics;
}

/** All loaded rooms of this server. */
export class RoomRegistry {
  private readonly rooms = new Map<string, { room: Room; ready: Promise<void> }>();
  /** Boards being deleted: no room of theirs may load meanwhile. */
  private readonly deleting = new Set<string>();
  private closed = false;

  constructor(private readonly options: RoomRegistryOptions) {}

  /** Rooms currently in memory (loading, live or draining). */
  get loadedCount(): number {
    return this.rooms.size;
  }

  /** The room of a board if it is in memory and live (for read-only peeks such as `online`). */
  peek(boardId: string): Room | undefined {
    const room = this.rooms.get(boardId)?.room;
    return room?.state === ROOM_STATE.live ? room : undefined;
  }

  /**
   * The live room of `boardId`, retained for the caller, who must `release()` it when done.
   * Concurrent calls share one load. A room that is draining is waited for and loaded afresh.
   * Throws a RelayError (boardNotFound, loadFailed, restarting) when the room cannot be had.
   * @example
   *   const room = await registry.acquire(boardId);
   *   try { readBoard(room.doc) } finally { room.release() }
   */
  async acquire(boardId: string): Promise<Room> {
    for (;;) {
      if (this.closed) throw new RelayError(CLOSE.restarting, 'restarting');
      if (this.deleting.has(boardId)) throw new RelayError(CLOSE.boardDeleted, 'board deleted');
      const entry = this.rooms.get(boardId) ?? this.startLoad(boardId);
      const { room } = entry;
      if (room.state === ROOM_STATE.draining) {
        // Its log is still open; a second open would fail. Wait, then load it fresh.
        await room.whenUnloaded();
        continue;
      }
      room.retain();
      try {
        await entry.ready;
      } catch (err) {
        room.release();
        throw err;
      }
      return room;
    }
  }

  /**
   * Runs `remove` (which deletes the board's files) while no room of `boardId` can load: acquires
   * fail with boardDeleted meanwhile. A room in memory first has every connection closed with
   * boardDeleted (permanent: clients do not reconnect) and is unloaded, which closes its log. With
   * `onlyIfUnloaded` a room in memory is left alone instead and false is returned; otherwise true
   * once `remove` resolved. A second removal of the same board while one runs fails with boardDeleted.
   */
  async removeBoard(boardId: string, remove: () => Promise<void>, options: { onlyIfUnloaded?: boolean } = {}): Promise<boolean> {
    if (this.deleting.has(boardId)) throw new RelayError(CLOSE.boardDeleted, 'board deleted');
    // Claimed synchronously, before the check below, so no load can start between the two.
    this.deleting.add(boardId);
    try {
      const entry = this.rooms.get(boardId);
      if (entry) {
        if (options.onlyIfUnloaded) return false;
        const loaded = await entry.ready.then(
          () => true,
          () => false,
        );
        if (loaded) await entry.room.shutdown(CLOSE.boardDeleted, 'board deleted');
      }
      await remove();
      return true;
    } finally {
      this.deleting.delete(boardId);
    }
  }

  /** Graceful shutdown: closes every connection with 1012 and unloads every room (flushing it). */
  async closeAll(reason: string): Promise<void> {
    this.closed = true;
    const entries = [...this.rooms.values()];
    await Promise.all(
      entries.map(async ({ room, ready }) => {
        // A room still loading is unloaded once it is live; a failed one has nothing to flush.
        const loaded = await ready.then(
          () => true,
          () => false,
        );
        if (loaded) await room.shutdown(CLOSE.restarting, reason);
      }),
    );
  }

  private startLoad(boardId: string): { room: Room; ready: Promise<void> } {
    const room = new Room({
      boardId,
      store: this.options.store,
      logger: this.options.logger,
      config: this.options.config,
      now: this.options.now,
      retryMinMs: this.options.retryMinMs,
      retryMaxMs: this.options.retryMaxMs,
      metrics: this.options.metrics,
      onUnloaded: (r) => {
        if (this.rooms.get(boardId)?.room === r) this.rooms.delete(boardId);
      },
    });
    const ready = room.load().catch((err: unknown) => {
      // Forget a failed room so a later attempt (after an operator fixed the files) loads again.
      if (this.rooms.get(boardId)?.room === room) this.rooms.delete(boardId);
      throw err;
    });
    // The failure is delivered to every acquirer; this keeps an unobserved rejection quiet.
    ready.catch(() => {});
    const entry = { room, ready };
    this.rooms.set(boardId, entry);
    return entry;
  }
}
