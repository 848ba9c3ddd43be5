/**
 * The boards this device runs as facilitator: those whose key is in localStorage. Its own module
 * (not storage.ts), so that only the front page's extras and the roll-up load it.
 */
import { log } from '../log';
import { FACILITATOR_KEY_PREFIX } from '../storage';

/** The boards whose facilitator key is stored on this device, with their keys. */
export function readStoredFacilitatorKeys(): { boardId: string; facilitatorKey: string }[] {
  const found: { boardId: string; facilitatorKey: string }[] = [];
  try {
    const storage = window.localStorage;
    for (let i = 0; i < storage.length; i++) {
      const name = storage.key(i);
      if (!name?.startsWith(FACILITATOR_KEY_PREFIX)) continue;
      const facilitatorKey = storage.getItem(name);
      if (facilitatorKey) found.push({ boardId: name.slice(FACILITATOR_KEY_PREFIX.length), facilitatorKey });
    }
  } catch (error) {
    log.warn('storage', 'localStorage listing failed', { error: String(error) });
  }
  return found;
}
