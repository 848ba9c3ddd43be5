import { useEffect } from 'react';
import { deriveParticipantId } from '@verksted/shared';
import { useAppStore } from '../store/app-store';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * `deriveParticipantId` without Web Crypto's digest (plain-http origins other than localhost
 * have no `crypto.subtle`): the same SHA-256, base64url, first 22 characters.
 */
export async function deriveParticipantIdWithoutSubtle(secret: string): Promise<string> {
  // Only pages on plain http (other than localhost) need it: loaded then, not with every board.
  const { sha256 } = await import('./sha256');
  const digest = sha256(new TextEncoder().encode(secret));
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of digest) {
    acc = ((acc << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += BASE64URL[(acc >> bits) & 63];
    }
    if (out.length >= 22) break;
  }
  return out.slice(0, 22);
}

/** The participant id of a secret, with Web Crypto where the page may use it. */
export async function participantIdOf(secret: string): Promise<string> {
  return typeof crypto !== 'undefined' && crypto.subtle ? deriveParticipantId(secret) : deriveParticipantIdWithoutSubtle(secret);
}

/**
 * Derives this device's public participant id from its secret (once) and puts it in the store.
 * Resolves with the id.
 */
export async function ensureParticipantId(): Promise<string> {
  const { participantSecret, participantId } = useAppStore.getState();
  if (participantId) return participantId;
  const id = await participantIdOf(participantSecret);
  // The secret cannot change while the app runs, but a test may reset the store meanwhile.
  if (useAppStore.getState().participantSecret === participantSecret) useAppStore.setState({ participantId: id });
  return id;
}

/** True once the participant id is known (a moment after start). */
export function useParticipantIdReady(): boolean {
  const ready = useAppStore((s) => s.participantId !== '');
  useEffect(() => {
    if (!ready) void ensureParticipantId();
  }, [ready]);
  return ready;
}
