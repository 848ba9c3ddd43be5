/**
 * Failed API calls as translated sentences. The server answers `{ error: CODE, message }`; the
 * code decides what people read (in their language), never the server's English `message`.
 */
import type { en } from '../i18n/en';
import { ApiError, kindForStatus, type ServerErrorCode } from './boards-api';

/** A key of the `errors` strings (main namespace). */
export type ErrorKey = `errors.${keyof typeof en.errors}`;

/** Any i18next `t`: every namespace falls back to the main one, where the `errors` strings are. */
export type ErrorTranslator = (key: ErrorKey) => string;

/** What was being done, which changes what a code means to the person. */
export type ErrorContext =
  | 'join'
  | 'create'
  | 'settings'
  | 'download'
  | 'snapshot'
  | 'import'
  | 'rollup'
  | 'delete'
  | 'restore';

/** The code a reply without one (a proxy's error page, an old server) stands for, by status. */
function codeForStatus(status: number): ServerErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'BOARD_UNAVAILABLE';
  }
  return kindForStatus(status) === 'invalid' ? 'VALIDATION_FAILED' : 'INTERNAL_ERROR';
}

/** The message for a server error code. Exhaustive: a new code is a compile error here. */
function keyForCode(code: ServerErrorCode, context: ErrorContext, asFacilitator: boolean): ErrorKey {
  switch (code) {
    case 'VALIDATION_FAILED':
      return context === 'import' ? 'errors.importInvalid' : context === 'settings' ? 'errors.invalidSetting' : 'errors.invalid';
    case 'UNAUTHORIZED':
      return 'errors.keyRefused';
    case 'FORBIDDEN':
      if (context === 'rollup') return 'errors.rollupKeyRefused';
      if (context === 'download' || context === 'snapshot') return asFacilitator ? 'errors.keyRefused' : 'errors.downloadForbidden';
      return asFacilitator || context === 'settings' || context === 'delete' || context === 'restore' ? 'errors.keyRefused' : 'errors.forbidden';
    case 'NOT_FOUND':
      return context === 'join' ? 'errors.codeUnknown' : 'errors.notFound';
    case 'BOARD_NOT_FOUND':
      return context === 'join' ? 'errors.codeUnknown' : context === 'rollup' ? 'errors.rollupBoardMissing' : 'errors.boardNotFound';
    case 'JOIN_CODE_NOT_FOUND':
      return 'errors.codeUnknown';
    case 'RATE_LIMITED':
      return 'errors.rateLimited';
    case 'PAYLOAD_TOO_LARGE':
      return 'errors.tooLarge';
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'errors.unsupportedType';
    case 'BOARD_UNAVAILABLE':
      return 'errors.unavailable';
    case 'SNAPSHOT_NOT_FOUND':
      return 'errors.snapshotNotFound';
    case 'CONFLICT':
      return 'errors.conflict';
    case 'UPGRADE_REQUIRED':
    case 'INTERNAL_ERROR':
      return context === 'create' ? 'errors.createFailed' : 'errors.server';
  }
}

/** The `errors` key for a failed call (exported for tests). */
export function errorKey(error: unknown, context: ErrorContext, asFacilitator = false): ErrorKey {
  if (!(error instanceof ApiError)) return context === 'create' ? 'errors.createFailed' : 'errors.server';
  if (error.kind === 'network') return 'errors.network';
  return keyForCode(error.code ?? codeForStatus(error.status), context, asFacilitator);
}

/**
 * A translated, human sentence for a failed API call.
 * @param asFacilitator the request carried the facilitator key (a refusal then means the key)
 */
export function describeApiError(error: unknown, t: ErrorTranslator, context: ErrorContext, asFacilitator = false): string {
  return t(errorKey(error, context, asFacilitator));
}

/**
 * The server's own (English) words about a failure, when they say more than the translated
 * sentence can: what is wrong in an imported file, which of several workshops was refused.
 * Shown under the translated sentence, marked as English. Null when there is nothing to add.
 */
export function serverDetails(error: unknown, context: ErrorContext): string | null {
  if (!(error instanceof ApiError) || !error.message) return null;
  const code = error.code ?? codeForStatus(error.status);
  if (context === 'import' && code === 'VALIDATION_FAILED') return error.message;
  if (context === 'rollup' && (code === 'FORBIDDEN' || code === 'BOARD_NOT_FOUND' || code === 'VALIDATION_FAILED')) return error.message;
  return null;
}
