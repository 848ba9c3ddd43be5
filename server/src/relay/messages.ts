/**
 * Encode and decode the frames of the y-websocket protocol plus our opt-in extras
 * (`MESSAGE_SAVED`, `MESSAGE_BOARD_STATUS`). Pure functions, no state: the room decides what to
 * do with a message, this file only knows what the bytes look like.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import {
  CLOSE,
  MESSAGE_AWARENESS,
  MESSAGE_BOARD_STATUS,
  MESSAGE_REFUSED,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  type BoardStatus,
} from '@verksted/shared';
import { RelayError } from '../errors.js';

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** A decoded client → server message, discriminated on `type`. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  /** Sync step 2 and plain updates: both carry a Yjs update for the server's document. */
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { type: 'query-awareness' }
  | { type: 'saved'; seq: number };

function badMessage(reason: string): RelayError {
  return new RelayError(CLOSE.badMessage, reason);
}

/**
 * Decodes one binary frame from a client. Throws a `RelayError` (close code `badMessage`) for an
 * unknown type, a truncated payload or trailing bytes. `optedIn` says whether the connection
 * asked for our extra message types; others may not send them.
 */
export function decodeClientMessage(frame: Uint8Array, optedIn: boolean): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  let message: ClientMessage;
  try {
    message = readMessage(decoder, optedIn);
  } catch (err) {
    if (err instanceof RelayError) throw err;
    // lib0 throws plain errors ("Unexpected end of array") on truncated input.
    throw badMessage('undecodable message');
  }
  // A frame is exactly one message; anything after it means the frame is not what it claims to be.
  if (decoding.hasContent(decoder)) throw badMessage('trailing bytes after message');
  return message;
}

function readMessage(decoder: decoding.Decoder, optedIn: boolean): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder);
      if (step === SYNC_STEP1) return { type: 'sync-step1', stateVector: decoding.readVarUint8Array(decoder) };
      if (step === SYNC_STEP2 || step === SYNC_UPDATE) return { type: 'update', update: decoding.readVarUint8Array(decoder) };
      throw badMessage('unknown sync message type');
    }
    case MESSAGE_AWARENESS: {
      const update = decoding.readVarUint8Array(decoder);
      return { type: 'awareness', update, entries: readAwarenessEntries(update) };
    }
    case MESSAGE_QUERY_AWARENESS:
      return { type: 'query-awareness' };
    case MESSAGE_SAVED:
      if (!optedIn) throw badMessage('unknown message type');
      return { type: 'saved', seq: decoding.readVarUint(decoder) };
    default:
      throw badMessage('unknown message type');
  }
}

/** One entry of an awareness update; `state` is the raw JSON text (`'null'` = the client left). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/**
 * The entries of an awareness update, read without parsing the JSON states.
 * Format (y-protocols): varUint count, then per entry varUint clientID, varUint clock, varString state.
 */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) });
  }
  if (decoding.hasContent(decoder)) throw badMessage('trailing bytes in awareness update');
  return entries;
}

/** Encodes entries back into an awareness update (used to drop entries a connection may not send). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

/** `[sync, step1, stateVector]`: asks the client for what the server lacks. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SYNC_STEP1, stateVector);
}

/** `[sync, step2, update]`: the answer to a client's step 1. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SYNC_STEP2, update);
}

/** `[sync, update, update]`: a relayed change. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SYNC_UPDATE, update);
}

function encodeSync(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** `[awareness, update]` where `update` comes from `encodeAwarenessUpdate`. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** `[100, seq]`: everything the connection sent before its request `seq` is on disk. */
export function encodeSaved(seq: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint(encoder, seq);
  return encoding.toUint8Array(encoder);
}

/** `[101, json]`: the board status for one connection. */
export function encodeBoardStatus(status: BoardStatus): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_BOARD_STATUS);
  encoding.writeVarString(encoder, JSON.stringify(status));
  return encoding.toUint8Array(encoder);
}

/** `[102, reason]`: the connection's last update was refused by the write policy. */
export function encodeRefused(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_REFUSED);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** True for the encoded state vector of an empty document (a fresh joiner). */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}
