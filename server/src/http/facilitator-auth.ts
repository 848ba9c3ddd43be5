/**
 * The facilitator key check of every facilitator route: `Authorization: Bearer <facilitatorKey>`.
 *
 * Failed checks are limited per address, across all facilitator routes of a server (one instance
 * per server, in `app.verksted.facilitatorAuth`); past the limit the address gets 429 for the rest
 * of the window whatever key it sends, so guessing cannot continue. The key is never logged.
 *
 * @example
 *   const key = auth.keyOf(request, reply);                     // 401 / 429
 *   const record = await store.readRecord(id);                  // 404 when missing
 *   auth.assertKey(request, reply, key, record.facilitatorKeyHash, id);  // 403 / 429
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, RateLimitedError, UnauthorizedError } from '../errors.js';
import { isFacilitatorKey } from '../boards/facilitator-key.js';
import { FixedWindowLimiter } from './rate-limiter.js';

const MINUTE_MS = 60 * 1000;
/** Above this many blocked addresses, expired blocks are swept out on the next failure. */
const MAX_BLOCKED_BEFORE_SWEEP = 10_000;

/** `Bearer <token>`; the token is whatever has no spaces (isFacilitatorKey checks the rest). */
const BEARER = /^Bearer +(\S+) *$/i;

/** Facilitator key checks with a per-address failure limit. */
export class FacilitatorAuth {
  private readonly failures: FixedWindowLimiter;
  /** Addresses over the failure limit, until when (ms). */
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    failuresPerMinute: number,
    private readonly now: () => number,
  ) {
    this.failures = new FixedWindowLimiter(failuresPerMinute, MINUTE_MS, now);
  }

  /**
   * The key from the Authorization header. Throws 429 while the address is blocked and 401 (with
   * WWW-Authenticate) when there is no key.
   */
  keyOf(request: FastifyRequest, reply: FastifyReply): string {
    this.assertNotBlocked(request, reply);
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) {
      void reply.header('www-authenticate', 'Bearer');
      throw new UnauthorizedError();
    }
    return match[1]!;
  }

  /** Throws 403 unless `key` is the board's (429 instead once the address failed too often). */
  assertKey(request: FastifyRequest, reply: FastifyReply, key: string, facilitatorKeyHash: string, boardId: string): void {
    if (isFacilitatorKey(key, facilitatorKeyHash)) return;
    request.log.info({ boardId }, 'wrong facilitator key');
    this.recordFailure(request, reply, boardId);
    throw new ForbiddenError();
  }

  /**
   * Throws 429 while the address is blocked after too many wrong keys. `keyOf` does this for keys
   * in the Authorization header; routes that take keys elsewhere (the roll-up's body) call it first.
   */
  assertNotBlocked(request: FastifyRequest, reply: FastifyReply): void {
    const until = this.blockedUntil.get(request.ip);
    if (until === undefined) return;
    const waitMs = until - this.now();
    if (waitMs <= 0) {
      this.blockedUntil.delete(request.ip);
      return;
    }
    void reply.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
    throw new RateLimitedError();
  }

  private recordFailure(request: FastifyRequest, reply: FastifyReply, boardId: string): void {
    if (this.failures.take(request.ip)) return;
    if (this.blockedUntil.size > MAX_BLOCKED_BEFORE_SWEEP) {
      const at = this.now();
      for (const [ip, until] of this.blockedUntil) if (until <= at) this.blockedUntil.delete(ip);
    }
    const retryAfter = this.failures.retryAfterSeconds(request.ip);
    this.blockedUntil.set(request.ip, this.now() + retryAfter * 1000);
    request.log.warn({ boardId }, 'too many wrong facilitator keys from one address');
    void reply.header('retry-after', String(retryAfter));
    throw new RateLimitedError();
  }
}
