/**
 * Who this device is: a random participant SECRET (kept in localStorage, sent to the server as
 * the websocket parameter `p`), the public participant id derived from it (the author id on
 * notes, the voter id on dots), a display name asked once, and an optional stakeholder group.
 *
 * The id is derived with Web Crypto, which is asynchronous: it is '' for the first moment after
 * start, and `ensureParticipantId()` resolves once it is known. The board waits for it.
 */
import type { StateCreator } from 'zustand';
import { MAX_NAME_CHARS, STAKEHOLDER_GROUPS, deriveParticipantId, randomToken, type StakeholderGroup } from '@verksted/shared';
import type { AppState } from '../store/app-store';
import { STORAGE_KEYS, readStored, writeStored } from '../storage';

/** 32 random bytes: the secret proves who wrote a note, so it must not be guessable. */
const PARTICIPANT_SECRET_BYTES = 32;

export interface IdentityState {
  /** Never shown and never put in the board document; only sent to the server as `p`. */
  participantSecret: string;
  /** `deriveParticipantId(participantSecret)`; '' until derived. */
  participantId: string;
  /** Display name as a participant; null until asked. */
  name: string | null;
  /** A default stakeholder group id (translated) or a board's own group label; null for none. */
  group: string | null;
  /** Display name as a facilitator; null means the translated default ("Fasilitator"). */
  facilitatorName: string | null;
}

export interface IdentitySlice extends IdentityState {
  setIdentity(patch: { name?: string; group?: string | null }): void;
  setFacilitatorName(name: string | null): void;
}

/** One of the default stakeholder group ids, which the UI translates. */
export function isStakeholderGroup(value: unknown): value is StakeholderGroup {
  return typeof value === 'string' && (STAKEHOLDER_GROUPS as readonly string[]).includes(value);
}

/** A usable group value: a non-empty label of at most MAX_NAME_CHARS. */
export function cleanGroup(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed && trimmed.length <= MAX_NAME_CHARS ? trimmed : null;
}

export function cleanName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').slice(0, MAX_NAME_CHARS);
}

/** Reads the stored identity, creating and storing a participant secret on first use. */
export function loadIdentity(): IdentityState {
  let participantSecret = readStored(STORAGE_KEYS.participantSecret);
  if (!participantSecret) {
    participantSecret = randomToken(PARTICIPANT_SECRET_BYTES);
    writeStored(STORAGE_KEYS.participantSecret, participantSecret);
  }
  const name = readStored(STORAGE_KEYS.name);
  const facilitatorName = readStored(STORAGE_KEYS.facilitatorName);
  return {
    participantSecret,
    participantId: '',
    name: name ? cleanName(name) || null : null,
    group: cleanGroup(readStored(STORAGE_KEYS.group)),
    facilitatorName: facilitatorName ? cleanName(facilitatorName) || null : null,
  };
}

export const createIdentitySlice: StateCreator<AppState, [], [], IdentitySlice> = (set) => ({
  ...loadIdentity(),
  setIdentity: (patch) => {
    const next: Partial<IdentityState> = {};
    if (patch.name !== undefined) {
      next.name = cleanName(patch.name) || null;
      writeStored(STORAGE_KEYS.name, next.name);
    }
    if (patch.group !== undefined) {
      next.group = cleanGroup(patch.group);
      writeStored(STORAGE_KEYS.group, next.group);
    }
    set(next);
  },
  setFacilitatorName: (name) => {
    const cleaned = name === null ? null : cleanName(name) || null;
    writeStored(STORAGE_KEYS.facilitatorName, cleaned);
    set({ facilitatorName: cleaned });
  },
});
