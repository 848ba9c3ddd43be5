/**
 * One websocket connection: early-message buffer, rate limit, liveness, and the per-connection
 * facts the room needs (role, opt-in, awareness client id, last update seq).
 *
 * The message listener is attached in the constructor, before the room is loaded, because a
 * client sends sync step 1 right after the upgrade; frames that arrive while the room loads are
 * buffered and handed over in order once the room calls `setHandler`.
 */
import type { WebSocket, RawData } from 'ws';
import { CLOSE, type CloseCode } from '@verksted/shared';
import type { Logger } from '../logger.js';
import type { RelayMetrics } from '../ops/metrics.js';

/** Most frames kept while the room loads; a client that sends more is not a real client. */
const MAX_BUFFERED_FRAMES = 1000;

let nextConnId = 1;

export interface ClientSocketOptions {
  logger: Logger;
  /** Connected with `client=verksted`: may receive MESSAGE_SAVED / MESSAGE_BOARD_STATUS. */
  optedIn: boolean;
  /** Sustained rate; the bucket holds twice this, so short bursts pass. */
  maxMessagesPerSecond: number;
  now?: () => number;
  metrics?: RelayMetrics;
}

/** The server side of one client connection. */
export class ClientSocket {
  readonly id = String(nextConnId++);
  readonly log: Logger;
  readonly optedIn: boolean;
  role: 'facilitator' | 'participant' = 'participant';
  /** Derived from the `p` secret the client sent; null for an unidentified participant. */
  participantId: string | null = null;
  /** Notes this connection created (how an unidentified participant owns its notes). */
  readonly ownNoteIds = new Set<string>();
  /** The awareness client id this connection speaks for, fixed by its first awareness message. */
  awarenessClientId: number | null = null;
  /** Whose withheld writes this connection may receive during a secret phase. */
  get actorKey(): string {
    return this.participantId ?? `conn:${this.id}`;
  }

  /** Seq of the last update this connection had applied (see BoardWriter). */
  lastSeq = 0;
  /** Cleared on every ping; set again by the pong. */
  alive = true;

  private buffer: Uint8Array[] = [];
  private handler: ((frame: Uint8Array) => void) | null = null;
  private readonly closeListeners: (() => void)[] = [];
  private tokens: number;
  private lastRefill: number;
  private closing = false;
  private readonly now: () => number;

  constructor(
    private readonly socket: WebSocket,
    private readonly options: ClientSocketOptions,
  ) {
    this.optedIn = options.optedIn;
    this.log = options.logger.child({ connId: this.id });
    this.now = options.now ?? Date.now;
    this.tokens = options.maxMessagesPerSecond * 2;
    this.lastRefill = this.now();
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.once('close', (code: number) => {
      this.closing = true;
      this.log.debug({ code }, 'socket closed');
      for (const listener of this.closeListeners.splice(0)) listener();
    });
  }

  /** True until the socket starts closing. */
  get isOpen(): boolean {
    return !this.closing && this.socket.readyState === this.socket.OPEN;
  }

  /** Calls `listener` once when the socket has closed (immediately if it already has). */
  onClose(listener: () => void): void {
    if (this.socket.readyState === this.socket.CLOSED) listener();
    else this.closeListeners.push(listener);
  }

  /** Starts delivering frames to `handler`: first the buffered ones, in order, then live ones. */
  setHandler(handler: (frame: Uint8Array) => void): void {
    this.handler = handler;
    const buffered = this.buffer;
    this.buffer = [];
    for (const frame of buffered) {
      if (!this.isOpen) return;
      handler(frame);
    }
  }

  /** Sends a frame if the socket is open (a frame for a closing socket is simply dropped). */
  send(frame: Uint8Array): void {
    if (this.isOpen) {
      this.socket.send(frame);
      this.options.metrics?.frameOut(frame.byteLength);
    }
  }

  /** Closes the socket with a code from `CLOSE` and a short reason. Safe to call twice. */
  close(code: CloseCode, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.options.metrics?.closedWith(code);
    this.handler = null;
    this.buffer = [];
    // A close reason may be at most 123 bytes.
    this.socket.close(code, Buffer.from(reason).subarray(0, 123).toString());
  }

  /** Drops the socket without a close handshake (it stopped answering pings). */
  terminate(): void {
    this.closing = true;
    this.socket.terminate();
  }

  /** Sends a ping; `alive` turns true again when the pong arrives. */
  ping(): void {
    this.alive = false;
    if (this.isOpen) this.socket.ping();
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    if (!isBinary) {
      this.log.warn('text frame');
      this.close(CLOSE.badMessage, 'text frames are not part of the protocol');
      return;
    }
    if (!this.takeToken()) {
      this.log.warn('rate limit exceeded');
      this.close(CLOSE.rateLimited, 'too many messages');
      return;
    }
    // ws hands out Buffers (Uint8Array views) by default; fragmented messages arrive as a list.
    const frame = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;
    this.options.metrics?.frameIn(frame.byteLength);
    if (this.handler) {
      this.handler(frame);
    } else if (this.buffer.length < MAX_BUFFERED_FRAMES) {
      this.buffer.push(frame);
    } else {
      this.close(CLOSE.rateLimited, 'too many messages before the board was ready');
    }
  }

  /** Token bucket: refills at the sustained rate, holds up to two seconds' worth. */
  private takeToken(): boolean {
    const rate = this.options.maxMessagesPerSecond;
    const now = this.now();
    this.tokens = Math.min(rate * 2, this.tokens + ((now - this.lastRefill) / 1000) * rate);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
