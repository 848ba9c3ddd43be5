/**
 * Light clients: raw `ws` sockets that do the sync handshake and then only look at frame headers
 * and scan update frames for marker bytes. No Yjs decoding on the hot path.
 */
import WebSocket from 'ws';
import { MSG_SAVED, MSG_SYNC, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE, emptyStep2, framePrefix, openingFrames, readVarUint, updateFrame, type Framing } from './proto.js';

// ------------------------------------------------------------------------------------------------
// Markers: `~K` + 8 decimal digits, unique per edit, written into a note's text.

const NEEDLE = Buffer.from('~K', 'latin1');
export const MARKER_DIGITS = 8;

export function markerText(id: number): string {
  return `~K${String(id).padStart(MARKER_DIGITS, '0')}`;
}

/** Calls `onMarker` for every marker in `buf` from `from` on. */
export function scanMarkers(buf: Buffer, from: number, onMarker: (id: number) => void): void {
  let i = buf.indexOf(NEEDLE, from);
  while (i !== -1) {
    const start = i + 2;
    if (start + MARKER_DIGITS > buf.length) return;
    let id = 0;
    let ok = true;
    for (let j = 0; j < MARKER_DIGITS; j++) {
      const d = buf[start + j]! - 48;
      if (d < 0 || d > 9) {
        ok = false;
        break;
      }
      id = id * 10 + d;
    }
    if (ok) onMarker(id);
    i = buf.indexOf(NEEDLE, start);
  }
}

// ------------------------------------------------------------------------------------------------

export interface ClientOptions {
  url: string;
  framing: Framing;
  room: string;
  /** Called for every document update frame (sync type 2) with its arrival time. */
  onUpdate?: (frame: Buffer, at: number, client: RawClient) => void;
  /** Called once with the first sync step-2 frame (the full state for a fresh client). */
  onStep2?: (frame: Buffer, at: number, client: RawClient) => void;
  /** Our opt-in MESSAGE_SAVED answers. */
  onSaved?: (seq: number, at: number) => void;
  /** Answer the server's sync step 1 with an empty step 2 (default true). */
  answerStep1?: boolean;
}

/** One websocket client speaking just enough of the protocol. */
export class RawClient {
  readonly ws: WebSocket;
  readonly prefix: Uint8Array;
  readonly prefixLen: number;
  readonly connectStart = performance.now();
  openedAt = 0;
  syncedAt = 0;
  step2Bytes = 0;
  framesIn = 0;
  bytesIn = 0;
  closed = false;
  readonly synced: Promise<void>;
  readonly closedPromise: Promise<void>;
  private readonly step2Reply: Buffer;

  constructor(private readonly options: ClientOptions) {
    this.prefix = framePrefix(options.framing, options.room);
    this.prefixLen = this.prefix.length;
    this.step2Reply = emptyStep2(this.prefix);
    this.ws = new WebSocket(options.url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    let resolveSynced!: () => void;
    let rejectSynced!: (e: Error) => void;
    this.synced = new Promise((res, rej) => {
      resolveSynced = res;
      rejectSynced = rej;
    });
    this.synced.catch(() => undefined);
    this.closedPromise = new Promise((resolve) => {
      this.ws.once('close', (code: number, reason: Buffer) => {
        this.closed = true;
        if (!this.syncedAt) rejectSynced(new Error(`closed before sync: ${code} ${reason.toString()}`));
        resolve();
      });
    });
    this.ws.on('error', (err) => {
      if (!this.syncedAt) rejectSynced(err);
    });
    this.ws.once('open', () => {
      this.openedAt = performance.now();
      for (const frame of openingFrames(options.framing, this.prefix)) this.ws.send(frame);
    });
    const answerStep1 = options.answerStep1 ?? true;
    this.ws.on('message', (data: Buffer) => {
      const at = performance.now();
      this.framesIn++;
      this.bytesIn += data.length;
      const p = this.prefixLen;
      const type = data[p];
      if (type === MSG_SYNC) {
        const step = data[p + 1];
        if (step === SYNC_UPDATE) {
          this.options.onUpdate?.(data, at, this);
        } else if (step === SYNC_STEP2) {
          if (!this.syncedAt) {
            this.syncedAt = at;
            this.step2Bytes = data.length;
            this.options.onStep2?.(data, at, this);
            resolveSynced();
          }
        } else if (step === SYNC_STEP1) {
          if (answerStep1) this.ws.send(this.step2Reply);
        }
      } else if (type === MSG_SAVED && this.options.onSaved) {
        this.options.onSaved(readVarUint(data, p + 1)[0], at);
      }
    });
  }

  /** Bytes read from the TCP socket so far (HTTP upgrade response and all frames). */
  get wireBytesIn(): number {
    const socket = (this.ws as unknown as { _socket?: { bytesRead: number } })._socket;
    return socket?.bytesRead ?? this.bytesIn;
  }

  sendUpdate(update: Uint8Array): void {
    this.ws.send(updateFrame(this.prefix, update));
  }

  /** Sends an already framed message. */
  sendRaw(frame: Buffer): void {
    this.ws.send(frame);
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  close(): Promise<void> {
    if (!this.closed) {
      if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
      else this.ws.close();
    }
    return this.closedPromise;
  }

  terminate(): void {
    this.ws.terminate();
  }
}

/** Opens `count` clients, at most `concurrency` handshakes at a time; resolves when all are synced. */
export async function openClients(count: number, concurrency: number, make: (i: number) => RawClient): Promise<RawClient[]> {
  const clients: RawClient[] = new Array(count);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < count) {
      const i = next++;
      const c = make(i);
      clients[i] = c;
      await c.synced;
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return clients;
}

export async function closeAll(clients: readonly (RawClient | undefined)[]): Promise<void> {
  const timeout = new Promise<void>((r) => setTimeout(r, 5000));
  await Promise.race([Promise.all(clients.map((c) => c?.close())), timeout]);
  for (const c of clients) if (c && !c.closed) c.terminate();
}
