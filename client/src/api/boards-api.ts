/**
 * The server's HTTP API for boards. Every failure becomes an `ApiError` with a `kind` the UI
 * turns into a clear, translated message.
 */
import type { BoardSettings, Language, Phase, TemplateId, TimerAction } from '@verksted/shared';
import { log } from '../log';

export const API_ERROR_KINDS = ['not-found', 'rate-limited', 'network', 'invalid', 'server'] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
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

function kindForStatus(status: number): ApiErrorKind {
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 400 && status < 500) return 'invalid';
  return 'server';
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
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'message' in body && typeof body.message === 'string'
        ? body.message
        : response.statusText;
    throw new ApiError(kindForStatus(response.status), response.status, message);
  }
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
