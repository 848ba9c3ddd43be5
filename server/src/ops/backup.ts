/**
 * A consistent backup of a data directory while the server keeps running on it.
 *
 * Per board, `log.bin` is copied first, then `snapshot.bin`, then everything else (board.json,
 * saved snapshots, kept corrupt tails). Why that order is safe without stopping the server:
 *   - The log is append-only with checksummed records, and a record is acknowledged (relayed,
 *     MESSAGE_SAVED) only after its fsync. The copy starts after the backup did, so it holds
 *     every record acknowledged before the backup started, plus maybe a torn record being written
 *     right now, which the next load cuts off like any torn tail.
 *   - A compaction first renames a new snapshot into place, which holds everything the log had,
 *     and only then empties the log. If one happens between the two copies, the snapshot copied
 *     second is the new one and has everything the copied log has; replaying log records that are
 *     already in the snapshot changes nothing. If the log were copied second, a compaction in
 *     between could leave an old snapshot with an emptied log: updates lost. Hence log first.
 * Every copied file is fsync'd, then every directory, so a finished backup survives a power cut.
 * The result is itself a data directory: point DATA_DIR at it (or copy it into place) to restore.
 */
import { copyFile, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno, syncDir } from '../persistence/durable-fs.js';
import { LOG_FILE, RECORD_FILE, SNAPSHOT_FILE } from '../persistence/file-board-log.js';
import { boardsDir, listBoardIds } from './board-files.js';

/** What a backup copied. */
export interface BackupResult {
  boards: string[];
  /** Boards deleted while the backup ran (not in the backup). */
  vanished: string[];
  bytes: number;
}

/** Options of backupDataDir. */
export interface BackupOptions {
  /** Tests only: called after each of a board's files was copied (to make a compaction happen in between). */
  afterCopy?: (boardId: string, file: string) => Promise<void>;
}

/** Thrown when the target exists and is not an empty directory (a backup never overwrites). */
export class BackupTargetNotEmptyError extends Error {
  constructor(readonly target: string) {
    super(`${target} is not empty; back up into a new or empty directory`);
    this.name = 'BackupTargetNotEmptyError';
  }
}

/** Temporary files of an unfinished write, never worth copying. */
function isTemporary(name: string): boolean {
  return name.endsWith('.tmp') || name.includes('.tmp-');
}

/**
 * Copies every board of `dataDir` into `target` (created; must be new or empty).
 * @example
 *   const { boards } = await backupDataDir('/var/lib/verksted', '/backups/verksted-2026-11-28');
 */
export async function backupDataDir(dataDir: string, target: string, options: BackupOptions = {}): Promise<BackupResult> {
  await mkdir(target, { recursive: true });
  if ((await readdir(target)).length > 0) throw new BackupTargetNotEmptyError(target);
  const targetBoards = boardsDir(target);
  await mkdir(targetBoards);
  const result: BackupResult = { boards: [], vanished: [], bytes: 0 };
  for (const id of await listBoardIds(dataDir)) {
    const from = join(boardsDir(dataDir), id);
    const to = join(targetBoards, id);
    const bytes = await copyBoard(from, to, async (file) => options.afterCopy?.(id, file));
    if (bytes === null) {
      await rm(to, { recursive: true, force: true });
      result.vanished.push(id);
    } else {
      result.boards.push(id);
      result.bytes += bytes;
    }
  }
  await syncDir(targetBoards);
  await syncDir(target);
  return result;
}

/** Copies one board directory, log first; null when the board disappeared (deleted) meanwhile. */
async function copyBoard(from: string, to: string, afterCopy: (file: string) => Promise<void>): Promise<number | null> {
  await mkdir(to);
  let bytes = 0;
  // The order is the point: see the module comment.
  for (const name of [LOG_FILE, SNAPSHOT_FILE, RECORD_FILE]) {
    const copied = await copyFileDurable(join(from, name), join(to, name));
    if (copied !== null) bytes += copied;
    // Deletion renames the whole directory away; a file missing from a board that still exists is
    // damage `verify` reports, and the backup keeps what there is.
    else if (!(await exists(from))) return null;
    await afterCopy(name);
  }
  const rest = await copyTree(from, to, new Set([LOG_FILE, SNAPSHOT_FILE, RECORD_FILE]));
  if (rest === null) return null;
  await syncDir(to);
  return bytes + rest;
}

/** Copies the rest of a directory tree (saved snapshots and the like); null if `from` vanished. */
async function copyTree(from: string, to: string, skip: ReadonlySet<string>): Promise<number | null> {
  let entries;
  try {
    entries = await readdir(from, { withFileTypes: true });
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null;
    throw err;
  }
  let bytes = 0;
  for (const entry of entries) {
    if (skip.has(entry.name) || isTemporary(entry.name)) continue;
    const source = join(from, entry.name);
    const destination = join(to, entry.name);
    if (entry.isDirectory()) {
      await mkdir(destination);
      const copied = await copyTree(source, destination, new Set());
      if (copied === null) continue; // removed meanwhile (e.g. a saved snapshot deleted)
      await syncDir(destination);
      bytes += copied;
    } else if (entry.isFile()) {
      bytes += (await copyFileDurable(source, destination)) ?? 0;
    }
  }
  return bytes;
}

/** Copies a file and fsyncs the copy; its size, or null when the source does not exist. */
async function copyFileDurable(source: string, destination: string): Promise<number | null> {
  try {
    await copyFile(source, destination);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null;
    throw err;
  }
  const fh = await open(destination, 'r+');
  try {
    await fh.sync();
    return (await fh.stat()).size;
  } finally {
    await fh.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
  }
}
