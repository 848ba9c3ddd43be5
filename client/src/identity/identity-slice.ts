/**
 * Who this device is: a random participant id (the author id on notes), a display name asked
 * once, and an optional stakeholder group. Kept in localStorage, so it survives reloads.
 */
import type { StateCreator } from 'zustand';
import { MAX_NAME_CHARS, STAKEHOLDER_GROUPS, randomToken, type StakeholderGroup } from '@verksted/shared';
import type { AppState } from '../store/app-store';
import { STORAGE_KEYS, readStored, writeStored } from '../storage';

/** 16 random bytes: unguessable, so one participant cannot pose as another's author id by chance. */
const PARTICIPANT_ID_BYTES = 16;

export interface IdentityState {
  participantId: string;
  /** Display name as a participant; null until asked. */
  name: string | null;
  group: StakeholderGroup | null;
  /** Display name as a facilitator; null means the translated default ("Fasilitator"). */
  facilitatorName: string | null;
}

export interface IdentitySlice extends IdentityState {
  setIdentity(patch: { name?: string; group?: StakeholderGroup | null }): void;
  setFacilitatorName(name: string | null): void;
}

export function isStakeholderGroup(value: unknown): value is StakeholderGroup {
  return typeof value === 'string' && (STAKEHOLDER_GROUPS as readonly string[]).includes(value);
}

export function cleanName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').slice(0, MAX_NAME_CHARS);
}

/** Reads the stored identity, creating and storing a participant id on first use. */
export function loadIdentity(): IdentityState {
  let participantId = readStored(STORAGE_KEYS.participantId);
  if (!participantId) {
    participantId = randomToken(PARTICIPANT_ID_BYTES);
    writeStored(STORAGE_KEYS.participantId, participantId);
  }
  const name = readStored(STORAGE_KEYS.name);
  const group = readStored(STORAGE_KEYS.group);
  const facilitatorName = readStored(STORAGE_KEYS.facilitatorName);
  return {
    participantId,
    name: name ? cleanName(name) || null : null,
    group: isStakeholderGroup(group) ? group : null,
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
      next.group = patch.group;
      writeStored(STORAGE_KEYS.group, patch.group);
    }
    set(next);
  },
  setFacilitatorName: (name) => {
    const cleaned = name === null ? null : cleanName(name) || null;
    writeStored(STORAGE_KEYS.facilitatorName, cleaned);
    set({ facilitatorName: cleaned });
  },
});
