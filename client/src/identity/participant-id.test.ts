import { describe, expect, it } from 'vitest';
import { deriveParticipantId, randomToken } from '@verksted/shared';
import { useAppStore } from '../store/app-store';
import { STORAGE_KEYS } from '../storage';
import { loadIdentity } from './identity-slice';
import { deriveParticipantIdWithoutSubtle, ensureParticipantId } from './participant-id';
import { sha256 } from './sha256';

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('participant identity', () => {
  it('keeps a secret on the device and derives the public id from it, as the server does', async () => {
    const { participantSecret, participantId } = useAppStore.getState();
    expect(window.localStorage.getItem(STORAGE_KEYS.participantSecret) ?? participantSecret).toBeTruthy();
    expect(participantSecret.length).toBeGreaterThanOrEqual(43);
    expect(participantId).toBe(await deriveParticipantId(participantSecret));
    expect(participantId).not.toBe(participantSecret);
    expect(await ensureParticipantId()).toBe(participantId);
  });

  it('stores a new secret once and reuses it', () => {
    window.localStorage.clear();
    const first = loadIdentity();
    expect(window.localStorage.getItem(STORAGE_KEYS.participantSecret)).toBe(first.participantSecret);
    expect(loadIdentity().participantSecret).toBe(first.participantSecret);
  });

  it('derives the same id without Web Crypto (plain-http origins)', async () => {
    expect(hex(sha256(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const secret of ['', 'x', 'æøå', randomToken(32), 'a'.repeat(55), 'b'.repeat(56), 'c'.repeat(64), 'd'.repeat(200)]) {
      expect(await deriveParticipantIdWithoutSubtle(secret)).toBe(await deriveParticipantId(secret));
    }
  });
});
