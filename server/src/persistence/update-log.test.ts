import { describe, expect, it } from 'vitest';
import {
  MAX_RECORD_BYTES,
  RECORD_HEADER_BYTES,
  SNAPSHOT_HEADER_BYTES,
  decodeRecords,
  decodeSnapshot,
  encodeRecords,
  encodeSnapshot,
} from './update-log.js';
import { crc32 } from 'node:zlib';

const updates = [new Uint8Array([1, 2, 3]), new Uint8Array([4]), new Uint8Array(1000).fill(7)];

describe('log record framing', () => {
  it('round-trips a group of records', () => {
    const buf = encodeRecords(updates);
    expect(buf.length).toBe(updates.reduce((n, u) => n + RECORD_HEADER_BYTES + u.length, 0));
    const { records, validBytes } = decodeRecords(buf);
    expect(records.map((r) => Array.from(r))).toEqual(updates.map((u) => Array.from(u)));
    expect(validBytes).toBe(buf.length);
  });

  it('writes little-endian length, then the IEEE CRC-32 of the payload', () => {
    const payload = Buffer.from('123456789');
    const buf = encodeRecords([payload]);
    expect(buf.readUInt32LE(0)).toBe(9);
    expect(buf.readUInt32LE(4)).toBe(0xcbf43926); // the standard CRC-32 check value
    expect(crc32(payload)).toBe(0xcbf43926);
  });

  it('decodes a concatenation of groups as one log', () => {
    const buf = Buffer.concat([encodeRecords(updates.slice(0, 1)), encodeRecords(updates.slice(1))]);
    expect(decodeRecords(buf).records).toHaveLength(3);
  });

  it('decodes an empty log as no records', () => {
    expect(decodeRecords(new Uint8Array(0))).toEqual({ records: [], validBytes: 0 });
  });

  const good = encodeRecords(updates.slice(0, 2));
  const goodBytes = good.length;
  const last = encodeRecords([new Uint8Array([9, 9, 9, 9])]);
  const cases: { name: string; tail: Buffer }[] = [
    { name: 'a truncated header', tail: last.subarray(0, 5) },
    { name: 'a truncated payload', tail: last.subarray(0, last.length - 1) },
    { name: 'a bad crc', tail: Buffer.from(last).fill(0xff, 4, 5) },
    { name: 'a flipped payload byte', tail: Buffer.from(last).fill(0x08, RECORD_HEADER_BYTES, RECORD_HEADER_BYTES + 1) },
    { name: 'a huge length prefix', tail: Buffer.concat([u32(MAX_RECORD_BYTES + 1), last.subarray(4)]) },
    { name: 'a length longer than the file', tail: Buffer.concat([u32(1000), last.subarray(4)]) },
    { name: 'a zero-filled tail', tail: Buffer.alloc(64) },
  ];
  for (const { name, tail } of cases) {
    it(`stops before ${name} and keeps the records before it`, () => {
      const buf = Buffer.concat([good, tail]);
      const { records, validBytes } = decodeRecords(buf);
      expect(records).toHaveLength(2);
      expect(validBytes).toBe(goodBytes);
    });
  }

  it('never trusts records after a corrupt one', () => {
    const corrupt = Buffer.from(last).fill(0xff, 4, 5);
    const { records, validBytes } = decodeRecords(Buffer.concat([good, corrupt, good]));
    expect(records).toHaveLength(2);
    expect(validBytes).toBe(goodBytes);
  });

  it('decodes a record that sits at an offset inside a larger buffer', () => {
    const outer = Buffer.concat([Buffer.alloc(5), good]);
    const { records } = decodeRecords(outer.subarray(5));
    expect(Array.from(records[0]!)).toEqual([1, 2, 3]);
  });

  it('refuses to encode an empty update', () => {
    expect(() => encodeRecords([new Uint8Array(0)])).toThrow(RangeError);
  });
});

describe('snapshot framing', () => {
  const state = new Uint8Array([1, 2, 3, 4, 5]);

  it('round-trips and starts with the VKS1 magic', () => {
    const file = encodeSnapshot(state);
    expect(file.subarray(0, 4).toString('latin1')).toBe('VKS1');
    expect(file.length).toBe(SNAPSHOT_HEADER_BYTES + state.length);
    expect(Array.from(decodeSnapshot(file)!)).toEqual(Array.from(state));
  });

  it('round-trips an empty state', () => {
    expect(decodeSnapshot(encodeSnapshot(new Uint8Array(0)))).toHaveLength(0);
  });

  const damaged: { name: string; damage(file: Buffer): Buffer }[] = [
    { name: 'a wrong magic', damage: (f) => Buffer.from(f).fill(0x58, 0, 1) },
    { name: 'a flipped payload byte', damage: (f) => Buffer.from(f).fill(0x99, SNAPSHOT_HEADER_BYTES, SNAPSHOT_HEADER_BYTES + 1) },
    { name: 'a truncated payload', damage: (f) => f.subarray(0, f.length - 1) },
    { name: 'extra bytes after the payload', damage: (f) => Buffer.concat([f, Buffer.from([0])]) },
    { name: 'a truncated header', damage: (f) => f.subarray(0, 7) },
    { name: 'an empty file', damage: () => Buffer.alloc(0) },
  ];
  for (const { name, damage } of damaged) {
    it(`detects ${name}`, () => {
      expect(decodeSnapshot(damage(encodeSnapshot(state)))).toBeNull();
    });
  }
});

function u32(value: number): Buffer {
  const buf = Buffer.alloc(4);
  buf.writeUInt32LE(value);
  return buf;
}
