/**
 * Presence (y-protocols awareness) for one room.
 *
 * Changes are batched: every `batchMs` the changed client ids go out as ONE awareness frame to
 * every connection, the sender included. The echo matters: the stock y-websocket client drops a
 * connection that received nothing for 30 s, and a lone client's own 15-second awareness renewal
 * coming back is what keeps it alive.
 */
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { CLOSE } from '@verksted/shared';
import { RelayError } from '../errors.js';
import { encodeAwareness, encodeAwarenessEntries, type AwarenessEntry } from './messages.js';
import type { ClientSocket } from './ClientSocket.js';

/** Default batching window for awareness broadcasts. */
export const AWARENESS_BATCH_MS = 50;

/** Awareness state of one room plus its batched broadcast. */
export class AwarenessRelay {
  readonly awareness: Awareness;
  private readonly changed = new Set<number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    doc: Y.Doc,
    private readonly broadcast: (frame: Uint8Array) => void,
    private readonly batchMs = AWARENESS_BATCH_MS,
  ) {
    this.awareness = new Awareness(doc);
    // The server is not a participant: remove the local state Awareness creates for doc.clientID.
    this.awareness.setLocalState(null);
    // 'update' (not 'change') also fires for renewals without a state change, which must be echoed.
    this.awareness.on('update', ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>) => {
      for (const id of added) this.changed.add(id);
      for (const id of updated) this.changed.add(id);
      for (const id of removed) this.changed.add(id);
      this.timer ??= setTimeout(() => this.flush(), this.batchMs);
    });
  }

  /**
   * Applies an awareness update from `conn`. A connection speaks only for its own client id, fixed
   * by the first entry that carries news (a state with a clock the room has not seen).
   *
   * The stock y-websocket client re-sends every awareness change it receives, other clients'
   * included, so entries for other ids are not all attacks: an echo (clock the room already has)
   * and a removal (`null`, which a client sends when it times a peer out) are dropped silently.
   * A new state for another id closes the connection with `awarenessForeign`.
   */
  apply(conn: ClientSocket, update: Uint8Array, entries: readonly AwarenessEntry[]): void {
    let dropped = false;
    for (const entry of entries) {
      if (entry.clientId === conn.awarenessClientId) continue;
      const known = this.awareness.meta.get(entry.clientId)?.clock;
      const isNews = entry.state !== 'null' && (known === undefined || entry.clock > known);
      if (!isNews) {
        dropped = true;
      } else if (conn.awarenessClientId === null) {
        conn.awarenessClientId = entry.clientId;
      } else {
        throw new RelayError(CLOSE.awarenessForeign, 'awareness for another client');
      }
    }
    const own = dropped ? entries.filter((e) => e.clientId === conn.awarenessClientId) : entries;
    if (own.length === 0) return;
    try {
      applyAwarenessUpdate(this.awareness, dropped ? encodeAwarenessEntries(own) : update, conn);
    } catch {
      // The entries decoded (readAwarenessEntries), so what failed is JSON.parse of a state: bad
      // input from this socket, not a server fault.
      throw new RelayError(CLOSE.badMessage, 'awareness state is not JSON');
    }
  }

  /** One frame with every known state (for a new connection or a query), or null if there are none. */
  encodeAllStates(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length === 0 ? null : encodeAwareness(encodeAwarenessUpdate(this.awareness, ids));
  }

  /** Removes a client's state (its connection left); the removal is broadcast with the next batch. */
  removeClient(clientId: number): void {
    if (this.awareness.getStates().has(clientId)) removeAwarenessStates(this.awareness, [clientId], 'disconnect');
  }

  /** Stops timers. Pending broadcasts are dropped (the room is going away). */
  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.awareness.destroy();
  }

  private flush(): void {
    this.timer = null;
    if (this.changed.size === 0) return;
    const ids = [...this.changed];
    this.changed.clear();
    this.broadcast(encodeAwareness(encodeAwarenessUpdate(this.awareness, ids)));
  }
}
