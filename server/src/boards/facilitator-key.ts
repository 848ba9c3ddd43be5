/** The facilitator key: a random secret given to the board's creator; the server keeps only its hash. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { randomToken } from '@verksted/shared';

/** A fresh facilitator key (32 random bytes, base64url). */
export function newFacilitatorKey(): string {
  return randomToken(32);
}

/** Hex sha256 of a key, as stored in the board record. */
export function hashFacilitatorKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** True when `key` (untrusted, from a query string) hashes to `storedHash`. Constant-time compare. */
export function isFacilitatorKey(key: unknown, storedHash: string): boolean {
  if (typeof key !== 'string' || key.length === 0 || key.length > 200) return false;
  const given = Buffer.from(hashFacilitatorKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
