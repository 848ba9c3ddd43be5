/**
 * Clients for relay tests: the stock y-websocket provider (what real browsers run) and a raw
 * socket for protocol-level checks.
 */
import * as Y from 'yjs';
import { WebSocket, type ClientOptions } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MESSAGE_BOARD_STATUS, MESSAGE_SAVED, MESSAGE_SYNC } from '@verksted/shared';
import { vi } from 'vitest';

export interface Peer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Every document update this peer received from the server (sync step 2 and relayed updates). */
  received: Uint8Array[];
  /** Resolves once the provider synced with the server. */
  synced(): Promise<void>;
  destroy(): void;
}

/** A stock y-websocket provider on `boardId`, with its own doc. */
export function connectPeer(wsUrl: string, boardId: string, params: Record<string, string> = {}): Peer {
  const doc = new Y.Doc();
  const received: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === provider) received.push(update);
  });
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  return {
    doc,
    provider,
    received,
    synced: () => vi.waitFor(() => {
      if (!provider.synced) throw new Error('not synced yet');
    }, { timeout: 5000, interval: 10 }),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export interface RawClient {
  ws: WebSocket;
  /** Binary frames received, in order. */
  frames: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  send(frame: Uint8Array | string): void;
}

/** A bare websocket: send any bytes, see every frame and the close code. */
export function connectRaw(url: string, options?: ClientOptions): RawClient {
  const ws = new WebSocket(url, options);
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  ws.on('error', () => {
    // Close codes are what the tests look at; a socket error (e.g. after 1009) is expected.
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', () => reject(new Error('upgrade refused')));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return { ws, frames, opened, closed, send: (frame) => ws.send(frame) };
}

/** `[sync, step1, stateVector]` for an empty doc. */
export function syncStep1Frame(doc: Y.Doc = new Y.Doc()): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
  return encoding.toUint8Array(encoder);
}

/** `[sync, update, update]`. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** `[type, ...varUints]` for simple messages. */
export function uintFrame(...values: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const value of values) encoding.writeVarUint(encoder, value);
  return encoding.toUint8Array(encoder);
}

/** The first varUint of a frame (its message type). */
export function frameType(frame: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(frame));
}

/** The status JSON of every MESSAGE_BOARD_STATUS frame received. */
export function statusesOf(client: RawClient): Record<string, unknown>[] {
  return client.frames
    .filter((frame) => frameType(frame) === MESSAGE_BOARD_STATUS)
    .map((frame) => {
      const decoder = decoding.createDecoder(frame);
      decoding.readVarUint(decoder);
      return JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown>;
    });
}

/** The seq of every MESSAGE_SAVED frame received. */
export function savedSeqsOf(client: RawClient): number[] {
  return client.frames
    .filter((frame) => frameType(frame) === MESSAGE_SAVED)
    .map((frame) => {
      const decoder = decoding.createDecoder(frame);
      decoding.readVarUint(decoder);
      return decoding.readVarUint(decoder);
    });
}

/** Applies every sync frame (step 2 and updates) the raw client received so far to `doc`. */
export function applySyncFrames(client: RawClient, doc: Y.Doc): void {
  for (const frame of client.frames) {
    if (frameType(frame) !== MESSAGE_SYNC) continue;
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    const step = decoding.readVarUint(decoder);
    if (step === 1 || step === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), 'server');
  }
}

/** Number of sync step-2 frames received (answers to our step 1). */
export function step2CountOf(client: RawClient): number {
  return client.frames.filter((frame) => frame[0] === MESSAGE_SYNC && frame[1] === 1).length;
}
