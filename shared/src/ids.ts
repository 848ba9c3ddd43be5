/** Random identifiers. Uses Web Crypto, which both Node 20 and browsers provide. */

/** Web Crypto, which Node 20 and browsers both put on globalThis (shared is typed without DOM or Node). */
const webCrypto = (globalThis as unknown as { crypto: { getRandomValues(array: Uint8Array): Uint8Array } }).crypto;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `bytes` random bytes as base64url without padding. 16 bytes = 128 bits = 22 characters. */
export function randomToken(bytes: number): string {
  const buf = new Uint8Array(bytes);
  webCrypto.getRandomValues(buf);
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of buf) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += BASE64URL[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += BASE64URL[(acc << (6 - bits)) & 63];
  return out;
}

/** A board id: 128 bits of randomness, safe as a file name and in a URL. */
export function newBoardId(): string {
  return randomToken(16);
}

/** Strict pattern for board ids; anything else is rejected before it reaches the disk. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function isBoardId(value: unknown): value is string {
  return typeof value === 'string' && BOARD_ID_PATTERN.test(value);
}

/** Ids of things inside a board document (notes, areas). Unique enough inside one board. */
export function newItemId(): string {
  return randomToken(9);
}

/** Characters of a join code: no 0/O, 1/I/L, so it is easy to read off a projector and type on a phone. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
export const JOIN_CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;

export function newJoinCode(): string {
  const buf = new Uint8Array(JOIN_CODE_LENGTH);
  webCrypto.getRandomValues(buf);
  // 256 % 31 != 0 gives a slight bias; irrelevant for a code that is rate-limited and not a secret.
  return Array.from(buf, (b) => JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length]).join('');
}

/** Normalises what a person typed ("abc 234", "abc-234") into a join code, or null. */
export function normaliseJoinCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return JOIN_CODE_PATTERN.test(code) ? code : null;
}

/**
 * A participant's public id, derived from the secret their device keeps (sent as the websocket
 * parameter `p`). The server derives the same id, so nobody can act as another participant
 * without their secret. SHA-256, base64url, first 22 characters.
 */
export async function deriveParticipantId(secret: string): Promise<string> {
  const subtle = (globalThis as unknown as { crypto: { subtle: { digest(alg: string, data: Uint8Array): Promise<ArrayBuffer> } } }).crypto.subtle;
  const digest = new Uint8Array(await subtle.digest('SHA-256', new (globalThis as unknown as { TextEncoder: new () => { encode(s: string): Uint8Array } }).TextEncoder().encode(secret)));
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
