/** The participant id the server derives from a participant's `p` secret. */
import { createHash } from 'node:crypto';

/**
 * Exactly `deriveParticipantId` of @verksted/shared (SHA-256, base64url, first 22 characters), but
 * synchronous: WebCrypto's async digest costs about a millisecond of main-thread time per call in
 * Node 20, which adds up when hundreds of participants reconnect at once.
 */
export function participantIdOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url').slice(0, 22);
}
