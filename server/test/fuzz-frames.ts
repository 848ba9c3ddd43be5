/**
 * Malformed (and a few well-formed) websocket frames for fuzzing `/ws/:boardId`: random bytes,
 * truncated and overlong varints, huge length prefixes, valid headers around garbage or mutated
 * Yjs updates, unknown message types, awareness garbage, our opt-in types, text frames and
 * oversized frames. Well-formed frames are mixed in so that a connection lives long enough for
 * later frames of its burst to reach the decoder.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  addNote,
  addVote,
  moveNote,
  readAreas,
  setBoardTitle,
  updateNote,
  updateSettings,
  deleteNote,
  notesMap,
} from '@verksted/shared';
import type { Random } from './reliability.js';

/** One frame to send: binary, or a text frame. */
export type FuzzFrame = { kind: string; data: Uint8Array | string };

function frame(...parts: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) part(encoder);
  return encoding.toUint8Array(encoder);
}
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);
const raw = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeUint8Array(e, b);
const str = (s: string) => (e: encoding.Encoder) => encoding.writeVarString(e, s);

/**
 * Valid Yjs updates against a board's document, of every kind a client could send (notes, edits,
 * moves, deletes, votes, settings, areas, title), each from a fresh client id. Mutated, they become
 * updates that decode into strange but parseable structs.
 */
export function updatePool(boardState: Uint8Array, random: Random, size: number): Uint8Array[] {
  const base = new Y.Doc();
  Y.applyUpdate(base, boardState);
  const areaIds = readAreas(base).map((a) => a.id);
  const noteIds = [...notesMap(base).keys()];
  const pool: Uint8Array[] = [];
  for (let i = 0; i < size; i++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, boardState);
    const before = Y.encodeStateVector(doc);
    const areaId = random.pick(areaIds);
    const noteId = noteIds.length > 0 ? random.pick(noteIds) : null;
    const choice = random.int(0, 7);
    if (choice <= 2 || noteId === null) {
      addNote(doc, { areaId, text: `fuzz ${i} ${'x'.repeat(random.int(0, 50))}`, kind: 'idea', authorId: `f${i}`, authorName: 'Fuzz' });
    } else if (choice === 3) {
      updateNote(doc, noteId, { text: `edited ${i}` });
    } else if (choice === 4) {
      moveNote(doc, noteId, { areaId, index: 0 });
    } else if (choice === 5) {
      deleteNote(doc, noteId);
    } else if (choice === 6) {
      addVote(doc, `f${i}`, noteId, 10);
    } else {
      const which = random.int(0, 1);
      if (which === 0) updateSettings(doc, { locked: true });
      else setBoardTitle(doc, `title ${i}`);
    }
    pool.push(Y.encodeStateAsUpdate(doc, before));
    doc.destroy();
  }
  base.destroy();
  return pool;
}

/** Flips, inserts, deletes or overwrites a few bytes; sometimes truncates. */
export function mutate(update: Uint8Array, random: Random): Uint8Array {
  const out = Array.from(update);
  const edits = random.int(1, 4);
  for (let i = 0; i < edits && out.length > 0; i++) {
    const at = random.int(0, out.length - 1);
    switch (random.int(0, 4)) {
      case 0:
        out[at] = out[at]! ^ (1 << random.int(0, 7));
        break;
      case 1:
        out[at] = random.int(0, 255);
        break;
      case 2:
        out.splice(at, 0, ...random.bytes(random.int(1, 8)));
        break;
      case 3:
        out.splice(at, random.int(1, 8));
        break;
      default:
        out.length = at; // truncated
    }
  }
  return Uint8Array.from(out);
}

/** One random frame. `pool`: valid updates to mutate. */
export function fuzzFrame(random: Random, pool: readonly Uint8Array[], maxMessageBytes: number): FuzzFrame {
  const r = random.int(0, 99);
  const syncOf = (step: number, payload: Uint8Array) => frame(uint(MESSAGE_SYNC), uint(step), bytes(payload));
  if (r < 10) return { kind: 'random-bytes', data: random.bytes(random.int(0, 200)) };
  if (r < 14) return { kind: 'empty', data: new Uint8Array(0) };
  if (r < 19) {
    // A varint that never ends, at the type, the sync step or the length.
    const prefix = random.pick([[], [MESSAGE_SYNC], [MESSAGE_SYNC, 2], [MESSAGE_AWARENESS]]);
    return { kind: 'truncated-varint', data: Uint8Array.from([...prefix, ...Array.from({ length: random.int(1, 6) }, () => 0x80 | random.int(0, 127))]) };
  }
  if (r < 23) {
    const prefix = random.pick([[], [MESSAGE_SYNC], [MESSAGE_SYNC, 2]]);
    return { kind: 'overlong-varint', data: Uint8Array.from([...prefix, ...Array.from({ length: random.int(10, 40) }, () => 0xff), 0x01, ...random.bytes(4)]) };
  }
  if (r < 28) {
    const huge = random.pick([2 ** 31, 2 ** 32 - 1, 2 ** 40, Number.MAX_SAFE_INTEGER, maxMessageBytes * 4]);
    const prefix = random.pick([[MESSAGE_SYNC, 0], [MESSAGE_SYNC, 1], [MESSAGE_SYNC, 2], [MESSAGE_AWARENESS]]);
    return { kind: 'huge-length', data: frame(raw(Uint8Array.from(prefix)), uint(huge), raw(random.bytes(random.int(0, 32)))) };
  }
  if (r < 38) return { kind: 'garbage-update', data: syncOf(random.pick([1, 2]), random.bytes(random.int(0, 120))) };
  if (r < 56) return { kind: 'mutated-update', data: syncOf(random.pick([1, 2]), mutate(random.pick(pool), random)) };
  if (r < 60) return { kind: 'garbage-state-vector', data: syncOf(0, random.bytes(random.int(0, 40))) };
  if (r < 64) return { kind: 'unknown-sync-step', data: syncOf(random.int(3, 1000), random.bytes(8)) };
  if (r < 69) {
    const type = random.pick([2, 4, 5, 50, 99, 103, 127, 128, 255, 65_535, 2 ** 28]);
    return { kind: 'unknown-type', data: frame(uint(type), raw(random.bytes(random.int(0, 16)))) };
  }
  if (r < 72) return { kind: 'text-frame', data: random.pick(['hello', '{"type":"sync"}', '\u0000\u0001', 'x'.repeat(random.int(0, 500))]) };
  if (r < 80) return { kind: 'awareness-garbage', data: awarenessGarbage(random) };
  if (r < 84) return { kind: 'opt-in-type', data: frame(uint(random.pick([MESSAGE_SAVED, 101, 102])), uint(random.int(0, 2 ** 30))) };
  if (r < 85) return { kind: 'oversized', data: random.bytes(maxMessageBytes + random.int(1, 4096)) };
  // Well-formed: keeps the socket open so the rest of the burst is decoded too.
  const valid = random.int(0, 3);
  if (valid === 0) return { kind: 'valid-step1', data: syncOf(0, Y.encodeStateVector(new Y.Doc())) };
  if (valid === 1) return { kind: 'valid-query-awareness', data: frame(uint(MESSAGE_QUERY_AWARENESS)) };
  if (valid === 2) return { kind: 'valid-empty-update', data: syncOf(2, Uint8Array.from([0, 0])) };
  return { kind: 'valid-step1-random-clients', data: syncOf(0, frame(uint(2), uint(random.int(0, 2 ** 30)), uint(random.int(0, 1000)), uint(random.int(0, 2 ** 30)), uint(0))) };
}

function awarenessGarbage(random: Random): Uint8Array {
  const wrap = (update: Uint8Array) => frame(uint(MESSAGE_AWARENESS), bytes(update));
  switch (random.int(0, 5)) {
    case 0: // a count far larger than the entries
      return wrap(frame(uint(random.int(2, 2 ** 30)), uint(1), uint(1), str('{}')));
    case 1: // state that is not JSON
      return wrap(frame(uint(1), uint(random.int(0, 2 ** 31)), uint(random.int(0, 1000)), str(random.pick(['{', 'undefined', '\u0000', '[1,2', '"'.repeat(3)]))));
    case 2: // several client ids at once (only one may be the socket's)
      return wrap(frame(uint(3), ...[1, 2, 3].flatMap((id) => [uint(random.int(0, 2 ** 31) + id), uint(1), str('{"user":{"name":"x"}}')])));
    case 3: // a huge clock and a big state
      return wrap(frame(uint(1), uint(random.int(0, 2 ** 31)), uint(Number.MAX_SAFE_INTEGER), str(JSON.stringify({ name: 'x'.repeat(random.int(0, 4000)) }))));
    case 4: // trailing bytes
      return wrap(frame(uint(1), uint(random.int(0, 2 ** 31)), uint(1), str('null'), raw(random.bytes(random.int(1, 20)))));
    default:
      return wrap(random.bytes(random.int(0, 60)));
  }
}
