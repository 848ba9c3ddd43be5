/**
 * The server's HTTP API for what happens after a workshop: exports (downloads), snapshots,
 * import, the roll-up of several boards, and deleting a board. Loaded on demand only (downloads
 * panel, facilitator panel, report, roll-up and the front page's import), never with the board.
 *
 * Facilitator requests carry `Authorization: Bearer <facilitatorKey>`; participants send none.
 * Every failure is an `ApiError` with the server's error code (see `error-message.ts`).
 */
import { PHASES, csvSeparatorFor, type Phase } from '@verksted/shared';
import { currentLanguage } from '../i18n/i18n';
import { log } from '../log';
import { ApiError, apiErrorFromResponse, type CreatedBoard } from './boards-api';

/** The files the server exports a board or snapshot as. */
export const EXPORT_FORMATS = ['json', 'md', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const SNAPSHOT_REASONS = ['phase', 'manual', 'lock', 'rollback'] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

/** A saved, immutable version of a board (`GET /api/boards/:id/snapshots`). */
export interface SnapshotInfo {
  id: string;
  /** Ms since epoch. */
  createdAt: number;
  /** The facilitator's label; '' for automatic snapshots. */
  label: string;
  reason: SnapshotReason;
  phase: Phase;
  noteCount: number;
  /** Taken in a secret phase: only the facilitator sees and downloads it. */
  secret: boolean;
}

export type RestoreMode = 'copy' | 'rollback';

/** A board to combine in the roll-up, with the key that proves the facilitator runs it. */
export interface RollupBoardRef {
  id: string;
  facilitatorKey: string;
}

export interface RollupItem {
  text: string;
  kind: string;
  votes: number;
  board: { id: string; title: string };
  group: string | null;
  /** The group (cluster) the note was in on its board, when the server says so. */
  cluster: string | null;
}

export interface RollupArea {
  title: string;
  items: RollupItem[];
}

/** `POST /api/rollup` with `format: 'json'`: the overview per area, most dots first. */
export interface RollupResult {
  areas: RollupArea[];
  /** Areas (or notes) that matched no common area, shown apart. */
  unmatched: RollupArea[];
}

/** A download: the file's content and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

function boardPath(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}`;
}

/** A download path, with `?sep=semicolon` for a CSV when the UI is Norwegian. */
function withCsvSeparator(path: string, format: ExportFormat): string {
  return format === 'csv' && csvSeparatorFor(currentLanguage()) === 'semicolon' ? `${path}?sep=semicolon` : path;
}

/** `/api/boards/:id/export.<format>` (a CSV in the reader's separator). */
export function boardExportPath(boardId: string, format: ExportFormat): string {
  return withCsvSeparator(`${boardPath(boardId)}/export.${format}`, format);
}

/** `/api/boards/:id/snapshots/:snapshotId/export.<format>` (a CSV in the reader's separator). */
export function snapshotExportPath(boardId: string, snapshotId: string, format: ExportFormat): string {
  return withCsvSeparator(`${boardPath(boardId)}/snapshots/${encodeURIComponent(snapshotId)}/export.${format}`, format);
}

interface RequestOptions {
  method?: string;
  facilitatorKey?: string | null;
  /** Sent as JSON; a string is sent as it is (an imported file's text). */
  body?: unknown;
  accept?: string;
}

async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  if (options.facilitatorKey) headers.Authorization = `Bearer ${options.facilitatorKey}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined
        ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
        : {}),
    });
  } catch (error) {
    log.warn('api', 'request failed', { path, error: String(error) });
    throw new ApiError('network', 0, 'Network error');
  }
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // Not JSON (a proxy's error page): judged by the status alone.
    }
    throw apiErrorFromResponse(response, body);
  }
  return response;
}

async function sendForJson(path: string, options: RequestOptions = {}): Promise<unknown> {
  const response = await send(path, options);
  try {
    return await response.json();
  } catch {
    throw new ApiError('server', response.status, 'Unexpected response');
  }
}

/** Characters no file system accepts in a name, and control characters. */
const UNSAFE_FILE_CHARS = /[\u0000-\u001f\u007f/\\:*?"<>|]+/g;

function safeFileName(name: string): string | null {
  const cleaned = name.replace(UNSAFE_FILE_CHARS, '-').replace(/^[.\s-]+/, '').trim();
  return cleaned ? cleaned.slice(0, 150) : null;
}

/**
 * The file name in a `Content-Disposition` header: `filename*=UTF-8''…` (RFC 5987) before
 * `filename="…"`; `fallback` when there is none. Path separators and control characters are
 * replaced, so the name can never point elsewhere.
 * @example fileNameFromContentDisposition('attachment; filename="strategi-2025-11-28.md"', 'board.md') // 'strategi-2025-11-28.md'
 */
export function fileNameFromContentDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      const name = safeFileName(decodeURIComponent(extended[2].trim().replace(/^"|"$/g, '')));
      if (name) return name;
    } catch {
      // A malformed escape: the plain `filename` (or the fallback) is used instead.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^;]+))/i.exec(header);
  const raw = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return (raw && safeFileName(raw)) || fallback;
}

/**
 * Fetches a file to download. With `facilitatorKey` the request is the facilitator's (the full
 * board); without, a participant's (the server may refuse with 403 and a message).
 */
export async function fetchDownload(
  path: string,
  fallbackName: string,
  options: RequestOptions = {},
): Promise<DownloadedFile> {
  const response = await send(path, { accept: '*/*', ...options });
  const blob = await response.blob();
  return { blob, fileName: fileNameFromContentDisposition(response.headers.get('Content-Disposition'), fallbackName) };
}

function isSnapshotInfo(value: unknown): value is SnapshotInfo {
  if (!value || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.id === 'string' &&
    typeof s.createdAt === 'number' &&
    (SNAPSHOT_REASONS as readonly unknown[]).includes(s.reason) &&
    (PHASES as readonly unknown[]).includes(s.phase)
  );
}

function toSnapshotInfo(value: SnapshotInfo): SnapshotInfo {
  return {
    id: value.id,
    createdAt: value.createdAt,
    label: typeof value.label === 'string' ? value.label : '',
    reason: value.reason,
    phase: value.phase,
    noteCount: typeof value.noteCount === 'number' ? value.noteCount : 0,
    secret: value.secret === true,
  };
}

/** The board's snapshots, newest first (participants get the ones they may see). */
export async function listSnapshots(boardId: string, facilitatorKey: string | null): Promise<SnapshotInfo[]> {
  const body = await sendForJson(`${boardPath(boardId)}/snapshots`, { facilitatorKey });
  const list = Array.isArray(body) ? body : body && typeof body === 'object' && 'snapshots' in body ? body.snapshots : null;
  if (!Array.isArray(list)) throw new ApiError('server', 200, 'Unexpected response');
  return list
    .filter(isSnapshotInfo)
    .map(toSnapshotInfo)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Saves the board as it is now (facilitator). */
export async function createSnapshot(boardId: string, facilitatorKey: string, label: string): Promise<SnapshotInfo | null> {
  const body = await sendForJson(`${boardPath(boardId)}/snapshots`, { method: 'POST', facilitatorKey, body: { label } });
  return isSnapshotInfo(body) ? toSnapshotInfo(body) : null;
}

function toCreatedBoard(body: unknown, status = 201): CreatedBoard {
  if (!body || typeof body !== 'object') throw new ApiError('server', status, 'Unexpected response');
  const board = body as Partial<CreatedBoard>;
  if (typeof board.id !== 'string' || typeof board.facilitatorKey !== 'string') {
    throw new ApiError('server', status, 'Unexpected response');
  }
  return board as CreatedBoard;
}

/** Copies a snapshot into a new board, of which this device gets the facilitator key. */
export async function restoreSnapshotAsCopy(boardId: string, facilitatorKey: string, snapshotId: string): Promise<CreatedBoard> {
  const body = await sendForJson(`${boardPath(boardId)}/snapshots/${encodeURIComponent(snapshotId)}/restore`, {
    method: 'POST',
    facilitatorKey,
    body: { mode: 'copy' },
  });
  return toCreatedBoard(body);
}

/**
 * Rolls the live board back to a snapshot, for everyone on it. The server first keeps the
 * current state as a snapshot (reason `rollback`).
 */
export async function rollBackToSnapshot(boardId: string, facilitatorKey: string, snapshotId: string): Promise<void> {
  await send(`${boardPath(boardId)}/snapshots/${encodeURIComponent(snapshotId)}/restore`, {
    method: 'POST',
    facilitatorKey,
    body: { mode: 'rollback' },
  });
}

/** Creates a board from the text of a JSON export (`POST /api/boards/import`). */
export async function importBoard(fileText: string): Promise<CreatedBoard> {
  return toCreatedBoard(await sendForJson('/api/boards/import', { method: 'POST', body: fileText }));
}

/** Deletes the board for everyone (facilitator). */
export async function deleteBoard(boardId: string, facilitatorKey: string): Promise<void> {
  await send(boardPath(boardId), { method: 'DELETE', facilitatorKey });
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** One note of the roll-up; its workshop as `board: {id, title}` or `source: {boardId, boardTitle}`. */
function toRollupItem(value: unknown): RollupItem | null {
  const item = record(value);
  if (typeof item.text !== 'string') return null;
  const board = record(item.board);
  const source = record(item.source);
  const cluster = item.cluster ?? item.clusterTitle;
  return {
    text: item.text,
    kind: text(item.kind),
    votes: typeof item.votes === 'number' ? item.votes : 0,
    board: { id: text(board.id) || text(source.boardId), title: text(board.title) || text(source.boardTitle) },
    group: typeof item.group === 'string' && item.group ? item.group : null,
    cluster: typeof cluster === 'string' && cluster ? cluster : null,
  };
}

function toRollupAreas(value: unknown): RollupArea[] {
  if (!Array.isArray(value)) return [];
  const areas: RollupArea[] = [];
  const loose: RollupItem[] = [];
  for (const entry of value) {
    const area = record(entry);
    const items = Array.isArray(area.items) ? area.items : Array.isArray(area.notes) ? area.notes : null;
    if (items) {
      areas.push({ title: text(area.title), items: items.map(toRollupItem).filter((i): i is RollupItem => i !== null) });
    } else {
      const item = toRollupItem(entry);
      if (item) loose.push(item);
    }
  }
  if (loose.length > 0) areas.push({ title: '', items: loose });
  return areas;
}

/**
 * The combined overview of several boards, per area (the `verksted.rollup` file: `areas` with
 * their ranked `notes`, and `unmatchedAreas` that only one workshop has).
 */
export async function fetchRollup(boards: readonly RollupBoardRef[]): Promise<RollupResult> {
  const body = record(await sendForJson('/api/rollup', { method: 'POST', body: { boards, format: 'json' } }));
  if (!Array.isArray(body.areas)) throw new ApiError('server', 200, 'Unexpected response');
  return { areas: toRollupAreas(body.areas), unmatched: toRollupAreas(body.unmatchedAreas ?? body.unmatched) };
}

/** The roll-up as a file (JSON, Markdown or CSV). */
export function downloadRollup(boards: readonly RollupBoardRef[], format: ExportFormat, fallbackName: string): Promise<DownloadedFile> {
  const sep = format === 'csv' ? csvSeparatorFor(currentLanguage()) : undefined;
  return fetchDownload('/api/rollup', fallbackName, { method: 'POST', body: { boards, format, ...(sep ? { sep } : {}) } });
}
