/**
 * Small wrapper around localStorage. Storage can be unavailable (private mode, blocked
 * cookies, full quota); then the app still works, it just forgets on reload.
 */
import { log } from './log';

/** Prefix of the per-board facilitator keys in localStorage. */
export const FACILITATOR_KEY_PREFIX = 'verksted.facilitatorKey.';

/** Every key this app stores on the device. */
export const STORAGE_KEYS = {
  /** The device's participant secret (sent as `p`); the public id is derived from it. */
  participantSecret: 'verksted.participantSecret',
  name: 'verksted.name',
  group: 'verksted.group',
  facilitatorName: 'verksted.facilitatorName',
  language: 'verksted.language',
  facilitatorKey: (boardId: string): string => `${FACILITATOR_KEY_PREFIX}${boardId}`,
} as const;

export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch (error) {
    log.warn('storage', 'localStorage read failed', { key, error: String(error) });
    return null;
  }
}

/** Stores `value`, or removes the key when `value` is null. */
export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch (error) {
    log.warn('storage', 'localStorage write failed', { key, error: String(error) });
  }
}
