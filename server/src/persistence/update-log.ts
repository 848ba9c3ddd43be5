/**
 * Byte formats of a board's files, as pure functions (no I/O).
 *
 * Log (`log.bin`): a sequence of records, each
 *   [u32 LE payload length][u32 LE CRC-32 of the payload][payload]
 * A crash can leave a torn last record, so decoding stops at the first record that is not whole
 * and intact; everything before it is trusted.
 *
 * Snapshot (`snapshot.bin`): one framed blob,
 *   ["VKS1"][u32 LE payload length][u32 LE CRC-32 of the payload][payload]
 * so that a damaged snapshot is detected instead of being fed to Yjs.
 */
import { crc32 } from 'node:zlib';

/** Bytes in front of every log record: length + checksum. */
export const RECORD_HEADER_BYTES = 8;
/**
 * Largest payload a log record may claim. Far above any real Yjs update (the relay caps messages
 * at a few MiB); a bigger length prefix means the header itself is damaged.
 */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** First bytes of every snapshot file; the 1 is the format version. */
export const SNAPSHOT_MAGIC = 'VKS1';
/** Bytes in front of the snapshot payload: magic + length + checksum. */
export const SNAPSHOT_HEADER_BYTES = 12;

const MAGIC_BYTES = Buffer.from(SNAPSHOT_MAGIC, 'latin1');

/**
 * Frames a group of updates as consecutive log records in one buffer, so a group is one write.
 * Throws RangeError for an empty update (zero-length records are treated as corruption when
 * decoding, see decodeRecords) or one above MAX_RECORD_BYTES.
 */
export function encodeRecords(updates: readonly Uint8Array[]): Buffer {
  let total = 0;
  for (const update of updates) {
    if (update.byteLength === 0) throw new RangeError('empty update cannot be logged');
    if (update.byteLength > MAX_RECORD_BYTES) throw new RangeError(`update of ${update.byteLength} bytes exceeds MAX_RECORD_BYTES`);
    total += RECORD_HEADER_BYTES + update.byteLength;
  }
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const update of updates) {
    out.writeUInt32LE(update.byteLength, offset);
    out.writeUInt32LE(crc32(update), offset + 4);
    out.set(update, offset + RECORD_HEADER_BYTES);
    offset += RECORD_HEADER_BYTES + update.byteLength;
  }
  return out;
}

/** Result of decodeRecords: the intact records and how many leading bytes they occupy. */
export interface DecodedRecords {
  /** Payloads in file order. Views into the input buffer, not copies. */
  records: Uint8Array[];
  /** Length of the intact prefix; anything after it is a torn or corrupt tail. */
  validBytes: number;
}

/**
 * Reads log records from the start of `buf`, stopping at the first one whose header is truncated,
 * whose length is zero, exceeds MAX_RECORD_BYTES or the remaining bytes, or whose CRC does not match.
 */
export function decodeRecords(buf: Uint8Array): DecodedRecords {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const records: Uint8Array[] = [];
  let offset = 0;
  while (view.length - offset >= RECORD_HEADER_BYTES) {
    const length = view.readUInt32LE(offset);
    const checksum = view.readUInt32LE(offset + 4);
    // Zero length is rejected because a zero-filled tail (some filesystems extend a file with zeros
    // on crash) would otherwise parse as endless valid empty records: crc32 of nothing is 0.
    if (length === 0 || length > MAX_RECORD_BYTES) break;
    const start = offset + RECORD_HEADER_BYTES;
    if (length > view.length - start) break;
    const payload = new Uint8Array(view.buffer, view.byteOffset + start, length);
    if (crc32(payload) !== checksum) break;
    records.push(payload);
    offset = start + length;
  }
  return { records, validBytes: offset };
}

/** Frames a Yjs state (Y.encodeStateAsUpdate) as the contents of a snapshot file. */
export function encodeSnapshot(state: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(SNAPSHOT_HEADER_BYTES + state.byteLength);
  MAGIC_BYTES.copy(out, 0);
  out.writeUInt32LE(state.byteLength, 4);
  out.writeUInt32LE(crc32(state), 8);
  out.set(state, SNAPSHOT_HEADER_BYTES);
  return out;
}

/**
 * The payload of a snapshot file, or null if the file is not exactly one intact snapshot
 * (wrong magic, length that does not match the file size, or bad checksum). Returns a view.
 */
export function decodeSnapshot(file: Uint8Array): Uint8Array | null {
  const view = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (view.length < SNAPSHOT_HEADER_BYTES) return null;
  if (!view.subarray(0, 4).equals(MAGIC_BYTES)) return null;
  const length = view.readUInt32LE(4);
  if (length !== view.length - SNAPSHOT_HEADER_BYTES) return null;
  const payload = new Uint8Array(view.buffer, view.byteOffset + SNAPSHOT_HEADER_BYTES, length);
  return crc32(payload) === view.readUInt32LE(8) ? payload : null;
}
