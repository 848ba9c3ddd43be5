/** Validation shared by both stores: board ids before they become paths, records before they are trusted. */
import { isBoardId } from '@verksted/shared';
import { z } from 'zod';
import { InvalidBoardIdError, type BoardRecord } from './board-store.js';

/**
 * Shape of board.json. Loose, so that fields other engineers add to BoardRecord later survive a
 * touch() rewrite by a server that does not know them yet.
 */
const boardRecordSchema = z.looseObject({
  id: z.string(),
  joinCode: z.string(),
  facilitatorKeyHash: z.string(),
  createdAt: z.number(),
  lastOpenedAt: z.number(),
});

/** Throws InvalidBoardIdError unless `id` is a board id (22 base64url chars), so it is safe in a path. */
export function assertBoardId(id: unknown): asserts id is string {
  if (!isBoardId(id)) throw new InvalidBoardIdError();
}

/** `value` as a record of board `id`, or null if it is not one (wrong shape or a different id). */
export function parseBoardRecord(value: unknown, id: string): BoardRecord | null {
  const result = boardRecordSchema.safeParse(value);
  return result.success && result.data.id === id ? result.data : null;
}

/** Programmer-error check for create(): throws TypeError/InvalidBoardIdError for a malformed record. */
export function assertBoardRecord(record: BoardRecord): void {
  assertBoardId(record.id);
  if (!parseBoardRecord(record, record.id)) throw new TypeError(`record for board ${record.id} is malformed`);
}

/** A deep copy, so callers cannot mutate what a store keeps (and vice versa). */
export function copyBoardRecord(record: BoardRecord): BoardRecord {
  return structuredClone(record);
}
