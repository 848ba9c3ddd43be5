import { readKeyFromHash } from '../router';
import { STORAGE_KEYS, readStored, writeStored } from '../storage';

/**
 * The facilitator key for a board: taken from the URL fragment (`#key=…`) when present, stored
 * per board on this device so reloads keep the role, and removed from the visible URL.
 */
export function takeFacilitatorKey(boardId: string): string | null {
  const fromHash = readKeyFromHash(window.location.hash);
  if (fromHash) {
    writeStored(STORAGE_KEYS.facilitatorKey(boardId), fromHash);
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', pathname + search);
  }
  return fromHash ?? readStored(STORAGE_KEYS.facilitatorKey(boardId));
}
