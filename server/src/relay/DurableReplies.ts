/**
 * Frames held back until the disk has caught up: a step-1 reply that contains updates still being
 * appended, or a MESSAGE_SAVED answer for updates still being appended. Each waits for a seq of the
 * room's BoardWriter; frames are released in the order they were queued.
 */
import type { ClientSocket } from './ClientSocket.js';

interface Waiter {
  conn: ClientSocket;
  /** Sent once the writer's `durableSeq` reaches this. */
  seq: number;
  frame: Uint8Array;
}

/** Per-room queue of frames waiting for durability. */
export class DurableReplies {
  private waiting: Waiter[] = [];

  /** Sends `frame` now if `seq` is already durable, else once `release` reaches it. */
  send(conn: ClientSocket, frame: Uint8Array, seq: number, durableSeq: number): void {
    if (seq <= durableSeq) conn.send(frame);
    else this.waiting.push({ conn, seq, frame });
  }

  /** Sends every frame whose seq is now durable. */
  release(durableSeq: number): void {
    if (this.waiting.length === 0) return;
    const rest: Waiter[] = [];
    for (const waiter of this.waiting) {
      if (waiter.seq <= durableSeq) waiter.conn.send(waiter.frame);
      else rest.push(waiter);
    }
    this.waiting = rest;
  }

  /** Forgets the frames of a connection that left. */
  drop(conn: ClientSocket): void {
    this.waiting = this.waiting.filter((w) => w.conn !== conn);
  }
}
