import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { en } from '../i18n/en';
import { nb } from '../i18n/nb';
import { ApiError, SERVER_ERROR_CODES, apiErrorFromResponse, type ServerErrorCode } from './boards-api';
import { describeApiError, errorKey, serverDetails, type ErrorContext } from './error-message';

/** The server's error module, read as text (the client never imports server code). */
const serverErrors = Object.values(import.meta.glob('../../../server/src/errors.ts', { query: '?raw', import: 'default', eager: true }))[0] as
  | string
  | undefined;

const CONTEXTS: readonly ErrorContext[] = ['join', 'create', 'settings', 'download', 'snapshot', 'import', 'rollup', 'delete', 'restore'];

function failure(code: ServerErrorCode | null, status: number, message = 'Some English from the server'): ApiError {
  return apiErrorFromResponse(new Response(null, { status }), code ? { error: code, message } : null);
}

describe('error messages', () => {
  it('knows every error code the server sends (server/src/errors.ts ERROR_CODES)', () => {
    expect(serverErrors, 'server/src/errors.ts should be readable from the client tests').toBeTruthy();
    const block = /export const ERROR_CODES = \{([\s\S]*?)\} as const/.exec(serverErrors ?? '')?.[1] ?? '';
    const codes = [...block.matchAll(/:\s*'([A-Z_]+)'/g)].map((m) => m[1]).sort();
    expect(codes.length).toBeGreaterThan(10);
    expect([...SERVER_ERROR_CODES].sort()).toEqual(codes);
  });

  it('has a translated sentence for every code in every context, in both languages, never the server’s words', () => {
    for (const code of SERVER_ERROR_CODES) {
      for (const context of CONTEXTS) {
        for (const asFacilitator of [false, true]) {
          const key = errorKey(failure(code, 400), context, asFacilitator);
          const name = key.slice('errors.'.length) as keyof typeof en.errors;
          expect(en.errors[name], `${code} ${context}`).toBeTruthy();
          expect(nb.errors[name], `${code} ${context}`).toBeTruthy();
          const english = describeApiError(failure(code, 400), i18next.getFixedT('en'), context, asFacilitator);
          const norwegian = describeApiError(failure(code, 400), i18next.getFixedT('nb'), context, asFacilitator);
          expect(english).not.toContain('Some English from the server');
          expect(norwegian).not.toBe(english);
        }
      }
    }
  });

  it('says what a code means for what was being done', () => {
    expect(errorKey(failure('JOIN_CODE_NOT_FOUND', 404), 'join')).toBe('errors.codeUnknown');
    expect(errorKey(failure('NOT_FOUND', 404), 'join')).toBe('errors.codeUnknown');
    expect(errorKey(failure('RATE_LIMITED', 429), 'join')).toBe('errors.rateLimited');
    expect(errorKey(failure('FORBIDDEN', 403), 'settings', true)).toBe('errors.keyRefused');
    expect(errorKey(failure('UNAUTHORIZED', 401), 'delete', true)).toBe('errors.keyRefused');
    expect(errorKey(failure('FORBIDDEN', 403), 'download')).toBe('errors.downloadForbidden');
    expect(errorKey(failure('FORBIDDEN', 403), 'rollup', true)).toBe('errors.rollupKeyRefused');
    expect(errorKey(failure('BOARD_NOT_FOUND', 404), 'rollup', true)).toBe('errors.rollupBoardMissing');
    expect(errorKey(failure('VALIDATION_FAILED', 400), 'import')).toBe('errors.importInvalid');
    expect(errorKey(failure('VALIDATION_FAILED', 400), 'settings', true)).toBe('errors.invalidSetting');
    expect(errorKey(failure('PAYLOAD_TOO_LARGE', 413), 'import')).toBe('errors.tooLarge');
    expect(errorKey(failure('BOARD_UNAVAILABLE', 503), 'settings', true)).toBe('errors.unavailable');
    expect(errorKey(failure('CONFLICT', 409), 'restore', true)).toBe('errors.conflict');
    expect(errorKey(failure('SNAPSHOT_NOT_FOUND', 404), 'snapshot', true)).toBe('errors.snapshotNotFound');
    expect(errorKey(failure('INTERNAL_ERROR', 500), 'create')).toBe('errors.createFailed');
    expect(errorKey(new ApiError('network', 0, 'Network error'), 'join')).toBe('errors.network');
    expect(errorKey(new TypeError('boom'), 'settings')).toBe('errors.server');
  });

  it('judges a reply without a code (a proxy’s error page) by its status', () => {
    expect(errorKey(failure(null, 404), 'join')).toBe('errors.codeUnknown');
    expect(errorKey(failure(null, 429), 'download')).toBe('errors.rateLimited');
    expect(errorKey(failure(null, 403), 'settings', true)).toBe('errors.keyRefused');
    expect(errorKey(failure(null, 502), 'download')).toBe('errors.server');
    expect(errorKey(failure(null, 400), 'import')).toBe('errors.importInvalid');
  });

  it('keeps the server’s own words only where they add something (what is wrong in a file, which board)', () => {
    expect(serverDetails(failure('VALIDATION_FAILED', 400, 'areas[0].title is empty'), 'import')).toBe('areas[0].title is empty');
    expect(serverDetails(failure('FORBIDDEN', 403, 'Strategy: wrong key'), 'rollup')).toBe('Strategy: wrong key');
    expect(serverDetails(failure('VALIDATION_FAILED', 400, 'voteBudget must be…'), 'settings')).toBeNull();
    expect(serverDetails(failure('INTERNAL_ERROR', 500, 'Internal server error'), 'import')).toBeNull();
  });
});
