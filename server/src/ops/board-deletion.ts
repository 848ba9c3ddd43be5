/**
 * Deleting a board for good: its files (record, snapshot, log) go from the disk, its join code
 * stops working, and everyone connected is told (close code boardDeleted, 4410, after which
 * clients do not reconnect). Used by `DELETE /api/boards/:id` and by the retention sweep.
 */
import { BoardNotFoundError, type BoardRecord, type BoardStore } from '../persistence/board-store.js';
import type { RoomRegistry } from '../relay/room-registry.js';
import type { BoardDirectory } from '../boards/board-directory.js';
import type { Logger } from '../logger.js';
import type { DeletionCause, Metrics } from './metrics.js';

/** What deleteBoard needs of the server. */
export interface DeletionContext {
  store: BoardStore;
  registry: RoomRegistry;
  directory: BoardDirectory;
  metrics: Metrics;
  logger: Logger;
}

export interface DeleteBoardOptions {
  cause: DeletionCause;
  /** Leave a board that is in memory alone (retention never deletes a board in use). */
  onlyIfUnloaded?: boolean;
  /**
   * Last check on the record, read again once no room can load: false keeps the board (the
   * retention sweep uses it, because the board may have been extended meanwhile).
   */
  confirm?: (record: BoardRecord) => boolean;
}

/** `deleted`; `not-found` (gone already); `in-use` (onlyIfUnloaded and in memory); `kept` (confirm said no). */
export type DeletionOutcome = 'deleted' | 'not-found' | 'in-use' | 'kept';

/**
 * Deletes board `boardId`: connections are closed with boardDeleted and the room is unloaded
 * first, then the store removes every file, then the join code is forgotten.
 * @example
 *   await deleteBoard(context, boardId, { cause: 'facilitator' });
 */
export async function deleteBoard(context: DeletionContext, boardId: string, options: DeleteBoardOptions): Promise<DeletionOutcome> {
  const { store, registry, directory, metrics, logger } = context;
  let outcome: DeletionOutcome = 'deleted';
  const ran = await registry.removeBoard(
    boardId,
    async () => {
      const record = await store.readRecord(boardId);
      if (!record) {
        outcome = 'not-found';
        return;
      }
      if (options.confirm && !options.confirm(record)) {
        outcome = 'kept';
        return;
      }
      try {
        await store.delete(boardId);
      } catch (err) {
        if (!(err instanceof BoardNotFoundError)) throw err;
        outcome = 'not-found'; // deleted by someone else meanwhile
        return;
      }
      directory.forget(record);
    },
    { onlyIfUnloaded: options.onlyIfUnloaded },
  );
  if (!ran) return 'in-use';
  if (outcome === 'deleted') {
    metrics.boardDeleted(options.cause);
    logger.info({ boardId, cause: options.cause }, 'board deleted');
  }
  return outcome;
}
