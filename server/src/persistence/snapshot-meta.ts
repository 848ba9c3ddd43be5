/**
 * Snapshot metadata: what the server keeps beside the Yjs state of a saved board version, and the
 * checks both stores make before a snapshot id becomes part of a path or a stored record is trusted.
 */
import { PHASES, randomToken, type Phase } from '@verksted/shared';
import { z } from 'zod';
import { BoardStoreError, BoardStoreErrorCode } from './board-store.js';

/** Why a snapshot was taken. */
export const SNAPSHOT_REASON = { phase: 'phase', manual: 'manual', lock: 'lock', rollback: 'rollback' } as const;
export type SnapshotReason = (typeof SNAPSHOT_REASON)[keyof typeof SNAPSHOT_REASON];

/** Longest snapshot label, in characters (a board title's length). */
export const MAX_SNAPSHOT_LABEL_CHARS = 120;

/** Snapshot ids: 16 base64url characters (96 random bits), safe in a file name and a URL. */
export const SNAPSHOT_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

/** An immutable saved version of a board, without its state. */
export interface SnapshotMeta {
  id: string;
  /** Ms since epoch. */
  createdAt: number;
  /** The facilitator's label; '' for automatic snapshots. */
  label: string;
  reason: SnapshotReason;
  /** The board's phase when the snapshot was taken. */
  phase: Phase;
  /** Notes in the snapshot (withheld ones included). */
  noteCount: number;
  /** Taken during a secret phase: holds content participants may not see; only the facilitator downloads it. */
  secret: boolean;
}

/** A snapshot as stored: metadata and `Y.encodeStateAsUpdate` bytes of the whole board. */
export interface StoredSnapshot {
  meta: SnapshotMeta;
  state: Uint8Array;
}

/** Shape of stored snapshot metadata (also accepted, and ignored, in an imported file). */
export const snapshotMetaSchema = z.strictObject({
  id: z.string().regex(SNAPSHOT_ID_PATTERN),
  createdAt: z.number().int().nonnegative(),
  label: z.string().max(MAX_SNAPSHOT_LABEL_CHARS),
  reason: z.enum(Object.values(SNAPSHOT_REASON) as [SnapshotReason, ...SnapshotReason[]]),
  phase: z.enum(PHASES),
  noteCount: z.number().int().nonnegative(),
  secret: z.boolean(),
});

/** A fresh snapshot id. */
export function newSnapshotId(): string {
  return randomToken(12);
}

export function isSnapshotId(value: unknown): value is string {
  return typeof value === 'string' && SNAPSHOT_ID_PATTERN.test(value);
}

/** The id is not a snapshot id; it never reaches a path. The bad value is not echoed. */
export class InvalidSnapshotIdError extends BoardStoreError {
  constructor() {
    super(BoardStoreErrorCode.invalidSnapshotId, 'not a valid snapshot id');
  }
}

/** Throws InvalidSnapshotIdError unless `id` is a snapshot id. */
export function assertSnapshotId(id: unknown): asserts id is string {
  if (!isSnapshotId(id)) throw new InvalidSnapshotIdError();
}

/** `value` as metadata of snapshot `id`, or null if it is not valid metadata of that snapshot. */
export function parseSnapshotMeta(value: unknown, id?: string): SnapshotMeta | null {
  const result = snapshotMetaSchema.safeParse(value);
  return result.success && (id === undefined || result.data.id === id) ? result.data : null;
}

/** Throws a TypeError unless `meta` is valid (programmer error: the room builds it). */
export function assertSnapshotMeta(meta: SnapshotMeta): void {
  if (!parseSnapshotMeta(meta)) throw new TypeError('invalid snapshot metadata');
}

/** Oldest first; ids break ties so the order is stable. */
export function bySnapshotAge(a: SnapshotMeta, b: SnapshotMeta): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A copy, so a store never shares an object with its caller. */
export function copySnapshotMeta(meta: SnapshotMeta): SnapshotMeta {
  return { ...meta };
}
