/**
 * Wire framing for the three servers, without Yjs decoding.
 *
 * y-websocket (ours and the reference): `[varUint type][...]`.
 * Hocuspocus: `[varString documentName][varUint type][...]`, and a connection must first send an
 * auth message `[name][2 = Auth][0 = Token][varString token]` before its other messages are handled.
 */
import * as encoding from 'lib0/encoding';

export type Framing = 'plain' | 'hocus';

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;
export const MSG_SAVED = 100;

/** The bytes every frame to/from this room starts with (empty for plain framing). */
export function framePrefix(framing: Framing, room: string): Uint8Array {
  if (framing === 'plain') return new Uint8Array(0);
  const e = encoding.createEncoder();
  encoding.writeVarString(e, room);
  return encoding.toUint8Array(e);
}

function build(prefix: Uint8Array, write: (e: encoding.Encoder) => void): Buffer {
  const e = encoding.createEncoder();
  encoding.writeUint8Array(e, prefix);
  write(e);
  const out = encoding.toUint8Array(e);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** Sync step 1 with the state vector of an empty document. */
export function emptyStep1(prefix: Uint8Array): Buffer {
  return build(prefix, (e) => {
    encoding.writeVarUint(e, MSG_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, new Uint8Array([0]));
  });
}

/** Sync step 2 carrying an empty update (the answer of a client that has nothing the server lacks). */
export function emptyStep2(prefix: Uint8Array): Buffer {
  return build(prefix, (e) => {
    encoding.writeVarUint(e, MSG_SYNC);
    encoding.writeVarUint(e, SYNC_STEP2);
    encoding.writeVarUint8Array(e, new Uint8Array([0, 0]));
  });
}

/** A document update message. */
export function updateFrame(prefix: Uint8Array, update: Uint8Array): Buffer {
  return build(prefix, (e) => {
    encoding.writeVarUint(e, MSG_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

/** Hocuspocus auth (token) message; its server accepts any token when no onAuthenticate hook is set. */
export function hocusAuth(prefix: Uint8Array): Buffer {
  return build(prefix, (e) => {
    encoding.writeVarUint(e, MSG_AUTH);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, 'bench');
  });
}

/** Our opt-in durability request `[100, seq]`. */
export function savedRequest(seq: number): Buffer {
  return build(new Uint8Array(0), (e) => {
    encoding.writeVarUint(e, MSG_SAVED);
    encoding.writeVarUint(e, seq);
  });
}

/** Reads a varUint at `offset`; returns [value, nextOffset]. */
export function readVarUint(buf: Uint8Array, offset: number): [number, number] {
  let num = 0;
  let mult = 1;
  let i = offset;
  for (;;) {
    const b = buf[i++]!;
    num += (b & 0x7f) * mult;
    if (b < 0x80) return [num, i];
    mult *= 128;
    if (i - offset > 8) throw new Error('varUint too long');
  }
}

/** The frames a client sends right after the socket opened. */
export function openingFrames(framing: Framing, prefix: Uint8Array): Buffer[] {
  return framing === 'hocus' ? [hocusAuth(prefix), emptyStep1(prefix)] : [emptyStep1(prefix)];
}
