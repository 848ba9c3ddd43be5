import { describe, expect, it } from 'vitest';
import { deriveParticipantId, isBoardId, newBoardId, newJoinCode, normaliseJoinCode, randomToken } from './ids.js';

describe('ids', () => {
  it('makes board ids of 128 random bits that pass the strict pattern', () => {
    const ids = new Set(Array.from({ length: 1000 }, newBoardId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isBoardId(id)).toBe(true);
    expect(randomToken(16)).toHaveLength(22);
  });

  it('rejects anything that is not a board id, including path tricks', () => {
    for (const bad of ['', '../../etc/passwd', 'a/b', 'x'.repeat(23), 'abc', 'ÆØÅæøå1234567890123456', null, 42]) {
      expect(isBoardId(bad)).toBe(false);
    }
  });

  it('makes join codes that survive being typed sloppily', () => {
    const code = newJoinCode();
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect(normaliseJoinCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `)).toBe(code);
    expect(normaliseJoinCode('ABC')).toBeNull();
    expect(normaliseJoinCode('ABCDE0')).toBeNull();
  });
});

describe('participant ids', () => {
  it('derives the same 22-character id from the same secret, and different ids from different secrets', async () => {
    const a = await deriveParticipantId('secret-a');
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await deriveParticipantId('secret-a')).toBe(a);
    expect(await deriveParticipantId('secret-b')).not.toBe(a);
  });
});
