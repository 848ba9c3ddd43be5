/**
 * Every error the server reports, with a stable code.
 *
 * HTTP: handlers throw the `@fastify/error` classes below and `sendError` turns any error
 * (ours, Fastify's validation and parser errors, unknown ones) into `{ error: <code>, message }`
 * with the right status. Websocket: `RelayError` carries a close code from `shared/protocol.ts`.
 */
import createError from '@fastify/error';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { CloseCode } from '@verksted/shared';

/** The `error` values clients can rely on. */
export const ERROR_CODES = {
  validationFailed: 'VALIDATION_FAILED',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  notFound: 'NOT_FOUND',
  boardNotFound: 'BOARD_NOT_FOUND',
  joinCodeNotFound: 'JOIN_CODE_NOT_FOUND',
  rateLimited: 'RATE_LIMITED',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  upgradeRequired: 'UPGRADE_REQUIRED',
  boardUnavailable: 'BOARD_UNAVAILABLE',
  snapshotNotFound: 'SNAPSHOT_NOT_FOUND',
  conflict: 'CONFLICT',
  internal: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export const BoardNotFoundHttpError = createError(ERROR_CODES.boardNotFound, 'No board with that id', 404);
export const JoinCodeNotFoundError = createError(ERROR_CODES.joinCodeNotFound, 'No board with that join code', 404);
export const RateLimitedError = createError(ERROR_CODES.rateLimited, 'Too many requests; try again later', 429);
export const UpgradeRequiredError = createError(ERROR_CODES.upgradeRequired, 'This path only speaks websocket', 426);
/** The board exists but could not be read from disk (corrupt or I/O error). */
export const BoardUnavailableError = createError(ERROR_CODES.boardUnavailable, 'The board could not be loaded', 503);

/** A request that needs the facilitator key came without one (or with a malformed Authorization header). */
export const UnauthorizedError = createError(
  ERROR_CODES.unauthorized,
  'This needs the board’s facilitator key: Authorization: Bearer <key>',
  401,
);
/** The facilitator key given is not this board's. */
export const ForbiddenError = createError(ERROR_CODES.forbidden, 'That is not this board’s facilitator key', 403);
/** A value a handler checked itself (beyond the route schema) is not acceptable; the message says which. */
export const InvalidValueError = createError<typeof ERROR_CODES.validationFailed, 400, [string]>(ERROR_CODES.validationFailed, '%s', 400);
/** The board is live but cannot store changes (storage failing); the change was not made. */
export const BoardReadOnlyError = createError(ERROR_CODES.boardUnavailable, 'The board cannot store changes right now; try again shortly', 503);

/** No snapshot with that id on this board. */
export const SnapshotNotFoundError = createError(ERROR_CODES.snapshotNotFound, 'No snapshot with that id on this board', 404);
/** A participant may not download this (downloads closed, or a snapshot of a private phase); the message says why. */
export const DownloadForbiddenError = createError<typeof ERROR_CODES.forbidden, 403, [string]>(ERROR_CODES.forbidden, '%s', 403);
/** The request cannot be done in the board's current state (e.g. rollback during a secret phase); the message says why. */
export const ConflictError = createError<typeof ERROR_CODES.conflict, 409, [string]>(ERROR_CODES.conflict, '%s', 409);
/** One board of several named in a request (roll-up) is missing; the message names it. */
export const NamedBoardNotFoundError = createError<typeof ERROR_CODES.boardNotFound, 404, [string]>(ERROR_CODES.boardNotFound, '%s', 404);
/** The key given for one board of several (roll-up) is wrong; the message names the board. */
export const NamedBoardForbiddenError = createError<typeof ERROR_CODES.forbidden, 403, [string]>(ERROR_CODES.forbidden, '%s', 403);

/** Codes for Fastify's own errors that do not map by status alone. */
const FASTIFY_CODE_MAP: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ERROR_CODES.payloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ERROR_CODES.unsupportedMediaType,
};

const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: ERROR_CODES.validationFailed,
  401: ERROR_CODES.unauthorized,
  403: ERROR_CODES.forbidden,
  404: ERROR_CODES.notFound,
  409: ERROR_CODES.conflict,
  413: ERROR_CODES.payloadTooLarge,
  415: ERROR_CODES.unsupportedMediaType,
  429: ERROR_CODES.rateLimited,
};

const OUR_CODES: ReadonlySet<string> = new Set(Object.values(ERROR_CODES));

/** The HTTP error body. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
}

/** Fastify error handler: every error leaves as `{ error, message }`. Unknown errors are logged and hidden. */
export function sendError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = err.validation ? 400 : (err.statusCode ?? 500);
  if (status >= 500) {
    request.log.error({ err }, 'request failed');
    const code = OUR_CODES.has(err.code) ? (err.code as ErrorCode) : ERROR_CODES.internal;
    void reply.code(status).send({ error: code, message: code === ERROR_CODES.internal ? 'Internal server error' : err.message } satisfies ErrorBody);
    return;
  }
  const code: ErrorCode = OUR_CODES.has(err.code)
    ? (err.code as ErrorCode)
    : (FASTIFY_CODE_MAP[err.code] ?? CODE_BY_STATUS[status] ?? ERROR_CODES.validationFailed);
  void reply.code(status).send({ error: code, message: err.message } satisfies ErrorBody);
}

/** Body for a path no route serves. The URL is not echoed: its query may carry a facilitator key. */
export function notFoundBody(): ErrorBody {
  return { error: ERROR_CODES.notFound, message: 'Not found' };
}

/**
 * A websocket-level failure: the connection that caused it is closed with `closeCode` and
 * `reason` (at most 123 bytes, the limit for a close frame). Other connections are unaffected.
 */
export class RelayError extends Error {
  constructor(
    readonly closeCode: CloseCode,
    reason: string,
  ) {
    super(reason);
    this.name = 'RelayError';
  }
}
