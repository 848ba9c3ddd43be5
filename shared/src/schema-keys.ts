/**
 * The Y key names of a board document and the low-level helpers the schema modules share.
 * Only the schema modules of this package (board-schema, clusters, facilitation, votes) import
 * this file; everything else goes through their typed accessors.
 */
import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { newItemId } from './ids.js';

/**
 * Root type names. Exported from the package for the server's write policy, which must know
 * which root an incoming edit touches.
 */
export const ROOT = {
  meta: 'meta',
  areas: 'areas',
  notes: 'notes',
  clusters: 'clusters',
  settings: 'settings',
  /** Dots: an array of { participantId, noteId }, in the order given. */
  votes: 'votes',
} as const;
export type RootName = (typeof ROOT)[keyof typeof ROOT];

export const META = {
  schemaVersion: 'schemaVersion',
  title: 'title',
  template: 'template',
  language: 'language',
  createdAt: 'createdAt',
} as const;

export const AREA = { title: 'title', description: 'description', position: 'position' } as const;

export const NOTE_FIELD = {
  text: 'text',
  areaId: 'areaId',
  kind: 'kind',
  colour: 'colour',
  authorId: 'authorId',
  authorName: 'authorName',
  group: 'group',
  createdAt: 'createdAt',
  position: 'position',
  clusterId: 'clusterId',
} as const;
export type NoteField = (typeof NOTE_FIELD)[keyof typeof NOTE_FIELD];

/** Note fields that only place a note (area, order, cluster); anyone may change them in the cluster phase. */
export const NOTE_PLACEMENT_FIELDS: ReadonlySet<string> = new Set([
  NOTE_FIELD.areaId,
  NOTE_FIELD.position,
  NOTE_FIELD.clusterId,
]);

export const CLUSTER = { title: 'title', areaId: 'areaId', position: 'position' } as const;

export const SETTINGS = {
  phase: 'phase',
  locked: 'locked',
  anonymous: 'anonymous',
  voteBudget: 'voteBudget',
  votesRevealed: 'votesRevealed',
  focusAreaId: 'focusAreaId',
  timer: 'timer',
  stakeholderGroups: 'stakeholderGroups',
  participantDownloads: 'participantDownloads',
  brainstormCounts: 'brainstormCounts',
} as const;

export type YItemMap = Y.Map<unknown>;

export function rootMap<T = unknown>(doc: Y.Doc, name: RootName): Y.Map<T> {
  return doc.getMap<T>(name);
}

/** Thrown by the write accessors when the input breaks a schema rule. `code` is stable. */
export class BoardInputError extends Error {
  constructor(
    readonly code:
      | 'unknown-area'
      | 'unknown-note'
      | 'unknown-cluster'
      | 'too-long'
      | 'bad-kind'
      | 'bad-value'
      | 'too-many-areas'
      | 'area-not-empty'
      | 'empty',
    message: string,
  ) {
    super(message);
    this.name = 'BoardInputError';
  }
}

export function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}
export function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
export function bool(value: unknown, fallback = false): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

export function checkLength(value: string, max: number, what: string): void {
  if (value.length > max) throw new BoardInputError('too-long', `${what} is longer than ${max} characters`);
}

export function byPosition<T extends { id: string; position: string }>(a: T, b: T): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A fractional key strictly after `lo` and, where possible, before `hi`. Positions come from peers,
 * so a malformed one or a tie (two concurrent inserts got the same key) must not throw.
 */
export function keyBetween(lo: string | null, hi: string | null): string {
  try {
    if (lo !== null && hi !== null && lo >= hi) return generateKeyBetween(lo, null);
    return generateKeyBetween(lo, hi);
  } catch {
    // A malformed key from a peer: append after a fresh key instead of failing the user's action.
    return generateKeyBetween(null, null) + newItemId();
  }
}

/** Key for inserting at `index` into a list already sorted by position. */
export function keyAtIndex(sorted: readonly { position: string }[], index: number): string {
  const i = Math.max(0, Math.min(index, sorted.length));
  return keyBetween(sorted[i - 1]?.position ?? null, sorted[i]?.position ?? null);
}
