/**
 * What a room writes into its board's log and snapshot, and how it reads it back.
 *
 * Almost every record is a plain Yjs update: public content everybody receives. During a secret
 * phase (the silent brainstorm, an unrevealed vote) a participant's writes are kept from the other
 * participants, and that must survive a restart, so those records carry a small envelope naming
 * who may see them; a later `release` record makes everything withheld before it public.
 *
 * An envelope starts with the bytes 0x00 0x00, which as a Yjs update means "no structs, no
 * deletes": the room never stores such an empty update (it changes nothing), so the prefix cannot
 * be confused with real content.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const ENVELOPE_MAGIC = 0x56; // 'V'
const KIND_WITHHELD = 1;
const KIND_RELEASE = 2;
const KIND_SECRET_STATE = 3;

/** Who may receive a withheld update: one participant (their actor key) or the facilitators only. */
export const FACILITATORS_ONLY = '@facilitators';

export type RoomRecord =
  | { kind: 'public'; update: Uint8Array }
  | { kind: 'withheld'; audience: string; update: Uint8Array }
  | { kind: 'release' }
  | { kind: 'secret-state'; publicState: Uint8Array; withheld: { audience: string; update: Uint8Array }[] };

/** True for an update that carries nothing (no structs, no deletes); the room never stores one. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length >= 2 && update[0] === 0 && update[1] === 0;
}

function startEnvelope(kind: number): encoding.Encoder {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, 0);
  encoding.writeUint8(encoder, 0);
  encoding.writeUint8(encoder, ENVELOPE_MAGIC);
  encoding.writeUint8(encoder, kind);
  return encoder;
}

export function encodeWithheld(audience: string, update: Uint8Array): Uint8Array {
  const encoder = startEnvelope(KIND_WITHHELD);
  encoding.writeVarString(encoder, audience);
  encoding.writeUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeRelease(): Uint8Array {
  return encoding.toUint8Array(startEnvelope(KIND_RELEASE));
}

export function encodeSecretState(publicState: Uint8Array, withheld: Iterable<{ audience: string; update: Uint8Array }>): Uint8Array {
  const encoder = startEnvelope(KIND_SECRET_STATE);
  encoding.writeVarUint8Array(encoder, publicState);
  const list = [...withheld];
  encoding.writeVarUint(encoder, list.length);
  for (const entry of list) {
    encoding.writeVarString(encoder, entry.audience);
    encoding.writeVarUint8Array(encoder, entry.update);
  }
  return encoding.toUint8Array(encoder);
}

/** Reads one stored record. Throws on a malformed envelope (the store's checksums make that a bug, not a torn write). */
export function decodeRecord(bytes: Uint8Array): RoomRecord {
  if (!(bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === ENVELOPE_MAGIC)) {
    return { kind: 'public', update: bytes };
  }
  const decoder = decoding.createDecoder(bytes.subarray(4));
  switch (bytes[3]) {
    case KIND_WITHHELD: {
      const audience = decoding.readVarString(decoder);
      return { kind: 'withheld', audience, update: bytes.subarray(4 + decoder.pos) };
    }
    case KIND_RELEASE:
      return { kind: 'release' };
    case KIND_SECRET_STATE: {
      const publicState = decoding.readVarUint8Array(decoder);
      const count = decoding.readVarUint(decoder);
      const withheld: { audience: string; update: Uint8Array }[] = [];
      for (let i = 0; i < count; i++) {
        const audience = decoding.readVarString(decoder);
        withheld.push({ audience, update: decoding.readVarUint8Array(decoder) });
      }
      return { kind: 'secret-state', publicState, withheld };
    }
    default:
      throw new Error(`unknown record kind ${bytes[3]}`);
  }
}
