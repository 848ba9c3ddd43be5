/**
 * The server's HTTP API for boards. Every failure becomes an `ApiError` with a `kind` and, when
 * the server sent one, its stable `code`; `error-message.ts` turns them into a translated
 * sentence (the server's own `message` is English and for logs only, never shown).
 */
import type { BoardSettings, Language, Phase, TemplateId, TimerAction } from '@verksted/shared';
import { log } from '../log';

export const API_ERROR_KINDS = ['not-found', 'rate-limited', 'network', 'invalid', 'server'] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

/**
 * The `error` codes of the server's error body `{ error, message }` (server/src/errors.ts,
 * ERROR_CODES). `error-message.test.ts` checks that this list and the server's agree.
 */
export const SERVER_ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BOARD_NOT_FOUND',
  'JOIN_CODE_NOT_FOUND',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UPGRADE_REQUIRED',
  'BOARD_UNAVAILABLE',
  'SNAPSHOT_NOT_FOUND',
  'CONFLICT',
  'INTERNAL_ERROR',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

export function isServerErrorCode(value: unknown): value is ServerErrorCode {
  return typeof value === 'string' && (SERVER_ERROR_CODES as readonly string[]).includes(value);
}

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    /** The server's English message (logs and diagnostics only). */
    message: string,
    /** The server's error code, when its reply had one. */
    readonly code: ServerErrorCode | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The kind of failure an HTTP status is. */
export function kindForStatus(status: number): ApiErrorKind {
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 400 && status < 500) return 'invalid';
  return 'server';
}

/** An `ApiError` for a failed response, from its status and (JSON) error body if any. */
export function apiErrorFromResponse(response: Response, body: unknown): ApiError {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const message = typeof fields.message === 'string' ? fields.message : response.statusText;
  const code = isServerErrorCode(fields.error) ? fields.error : null;
  return new ApiError(kindForStatus(response.status), response.status, message, code);
}

export interface CreatedBoard {
  id: string;
  joinCode: string;
  facilitatorKey: string;
  title: string;
  template: TemplateId;
}

export interface BoardInfo {
  id: string;
  title: string;
  template: string;
  language: Language;
  createdAt: number | string;
  joinCode: string;
  areaCount: number;
  noteCount: number;
  online: number;
}

async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: {
        Accept: 'application/json',
        ...(init?.body ? { 'Content-Type': 'application/json' } : {}),
        ...(init?.headers as Record<string, string> | undefined),
      },
    });
  } catch (error) {
    log.warn('api', 'request failed', { path, error: String(error) });
    throw new ApiError('network', 0, 'Network error');
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A body that is not JSON (proxy error page, empty 204): judged by the status alone below.
  }
  if (!response.ok) throw apiErrorFromResponse(response, body);
  if (body === null || typeof body !== 'object') throw new ApiError('server', response.status, 'Unexpected response');
  return body as T;
}

export async function createBoard(input: {
  title: string;
  template: TemplateId;
  language: Language;
}): Promise<CreatedBoard> {
  const board = await requestJson<CreatedBoard>('/api/boards', { method: 'POST', body: JSON.stringify(input) });
  if (typeof board.id !== 'string' || typeof board.facilitatorKey !== 'string') {
    throw new ApiError('server', 200, 'Unexpected response');
  }
  return board;
}

export function fetchBoardInfo(boardId: string, signal?: AbortSignal): Promise<BoardInfo> {
  return requestJson<BoardInfo>(`/api/boards/${encodeURIComponent(boardId)}`, signal ? { signal } : undefined);
}

/** Looks up a join code; the code must already be normalised (see `normaliseJoinCode`). */
export async function findBoardByCode(code: string): Promise<string> {
  const result = await requestJson<{ id?: unknown }>(`/api/join/${encodeURIComponent(code)}`);
  if (typeof result.id !== 'string') throw new ApiError('server', 200, 'Unexpected response');
  return result.id;
}

/** What the facilitator may change with `PATCH /api/boards/:id` (any subset). */
export interface BoardPatch {
  title?: string;
  phase?: Phase;
  locked?: boolean;
  anonymous?: boolean;
  voteBudget?: number;
  votesRevealed?: boolean;
  focusAreaId?: string | null;
  stakeholderGroups?: string[];
  participantDownloads?: boolean;
  timer?: TimerAction;
}

/**
 * Changes the board's settings as its facilitator. The server writes them into the board
 * document, so every device (this one too) follows through the sync, not through the reply.
 * Throws ApiError: `invalid` with the server's message for a bad value or a wrong key.
 */
export async function updateBoard(
  boardId: string,
  facilitatorKey: string,
  patch: BoardPatch,
): Promise<{ settings: BoardSettings; title: string }> {
  return requestJson(`/api/boards/${encodeURIComponent(boardId)}`, {
    method: 'PATCH',
    body: JSON.stringify(patch),
    headers: { Authorization: `Bearer ${facilitatorKey}` },
  });
}
