/**
 * Read-only access to the boards in a data directory, for the CLI (list, export, verify) while a
 * server may be running on the same directory. Nothing here writes: `FileBoardStore.open` would cut
 * a torn log tail, and a tail can look torn only because the server is appending to it right now.
 *
 * Consistency without a lock: a board's `log.bin` is read before its `snapshot.bin`. A compaction
 * replaces the snapshot (by rename) before it empties the log, and the new snapshot holds every
 * record the old log had, so whatever happens between the two reads, snapshot + log hold every
 * update that was durable before the log was read. Records already in the snapshot replay harmlessly.
 * The layout is FileBoardStore's (see persistence/file-board-store.ts).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { isBoardId, readBoard } from '@verksted/shared';
import type { BoardRecord } from '../persistence/board-store.js';
import { parseBoardRecord } from '../persistence/board-record.js';
import { LOG_FILE, RECORD_FILE, SNAPSHOT_FILE, SNAPSHOT_TMP_FILE } from '../persistence/file-board-log.js';
import { isErrno } from '../persistence/durable-fs.js';
import { decodeRecords, decodeSnapshot } from '../persistence/update-log.js';
import { replayRecords } from '../relay/SecretKeeper.js';
import { isSnapshotId, parseSnapshotMeta } from '../persistence/snapshot-meta.js';
import { SNAPSHOTS_DIR } from '../persistence/file-snapshots.js';

/** `<dataDir>/boards`. */
export function boardsDir(dataDir: string): string {
  return join(dataDir, 'boards');
}

/** Ids of the board directories in `dataDir`, sorted; `.tmp-`/`.deleting-`/`.orphan-` leftovers are not boards. */
export async function listBoardIds(dataDir: string): Promise<string[]> {
  return (await listBoardsDir(dataDir)).filter((name) => isBoardId(name)).sort();
}

/** Every entry of `<dataDir>/boards` (empty when there is none). */
export async function listBoardsDir(dataDir: string): Promise<string[]> {
  try {
    return await readdir(boardsDir(dataDir));
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return [];
    throw err;
  }
}

/** Total size of the files in a board's directory (recursively), in bytes. */
export async function boardDiskBytes(dataDir: string, boardId: string): Promise<number> {
  return directoryBytes(join(boardsDir(dataDir), boardId));
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return 0;
    throw err;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await directoryBytes(path);
    else total += await stat(path).then((s) => s.size, () => 0);
  }
  return total;
}

/** A board as read from disk, with every problem found on the way. */
export interface BoardOnDisk {
  id: string;
  /** Null when board.json is missing or invalid (see problems). */
  record: BoardRecord | null;
  /** The document (full: withheld brainstorm content included); null when it could not be built. */
  doc: Y.Doc | null;
  /** One human-readable line per problem; empty for a healthy board. */
  problems: string[];
  /** Things worth knowing that are not damage (leftovers the server cleans up itself). */
  notes: string[];
  logRecords: number;
  logBytes: number;
  snapshotBytes: number;
}

/**
 * Reads one board without writing anything: record, log (first), snapshot, then replays them into
 * a Y.Doc the way the server does when it loads the board. The caller destroys `doc`.
 */
export async function readBoardOnDisk(dataDir: string, boardId: string): Promise<BoardOnDisk> {
  const dir = join(boardsDir(dataDir), boardId);
  const result: BoardOnDisk = { id: boardId, record: null, doc: null, problems: [], notes: [], logRecords: 0, logBytes: 0, snapshotBytes: 0 };
  const { problems, notes } = result;

  const recordText = await readOptional(join(dir, RECORD_FILE));
  if (recordText === null) problems.push(`${RECORD_FILE} is missing`);
  else {
    try {
      result.record = parseBoardRecord(JSON.parse(recordText.toString('utf8')), boardId);
    } catch {
      // Invalid JSON: reported just below, like a valid JSON of the wrong shape.
    }
    if (!result.record) problems.push(`${RECORD_FILE} is not a valid board record`);
  }

  // The log before the snapshot: see the module comment.
  const log = await readOptional(join(dir, LOG_FILE));
  const snapshotFile = await readOptional(join(dir, SNAPSHOT_FILE));
  let records: Uint8Array[] = [];
  if (log === null) problems.push(`${LOG_FILE} is missing`);
  else {
    const decoded = decodeRecords(log);
    records = decoded.records;
    result.logRecords = records.length;
    result.logBytes = log.length;
    if (decoded.validBytes < log.length) {
      problems.push(
        `${LOG_FILE}: record ${records.length + 1} (at byte ${decoded.validBytes}) is torn or fails its checksum; ` +
          `the ${log.length - decoded.validBytes} bytes from there on would be cut off at the next load`,
      );
    }
  }
  let snapshot: Uint8Array | null = null;
  if (snapshotFile === null) problems.push(`${SNAPSHOT_FILE} is missing`);
  else {
    result.snapshotBytes = snapshotFile.length;
    snapshot = decodeSnapshot(snapshotFile);
    if (!snapshot) problems.push(`${SNAPSHOT_FILE} fails its header or checksum (the server refuses to load the board)`);
  }

  await checkSavedSnapshots(dir, problems);

  const names = await readdir(dir).catch(() => [] as string[]);
  if (names.includes(SNAPSHOT_TMP_FILE)) notes.push(`${SNAPSHOT_TMP_FILE}: a compaction was cut short; removed at the next load`);
  for (const name of names.filter((n) => n.startsWith('log.corrupt-'))) notes.push(`${name}: a log tail cut off at an earlier load, kept for inspection`);

  if (snapshot) {
    const doc = new Y.Doc();
    try {
      replayRecords(doc, snapshot.byteLength > 0 ? [snapshot, ...records] : records, 'verify').destroy();
      if (doc.store.pendingStructs || doc.store.pendingDs) problems.push('the document has updates with missing dependencies (some content cannot be shown)');
      readBoard(doc);
      result.doc = doc;
    } catch (err) {
      doc.destroy();
      problems.push(`the document does not load: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return result;
}

/** Checks the saved snapshots (`snapshots/<id>.json` + `<id>.bin`, see file-snapshots.ts). */
async function checkSavedSnapshots(boardDir: string, problems: string[]): Promise<void> {
  const dir = join(boardDir, SNAPSHOTS_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
    if (!isSnapshotId(id)) continue; // tmp files and state files are checked through their metadata
    const where = `${SNAPSHOTS_DIR}/${id}`;
    let meta = null;
    try {
      meta = parseSnapshotMeta(JSON.parse((await readFile(join(dir, name))).toString('utf8')), id);
    } catch {
      // Invalid JSON: reported just below.
    }
    if (!meta) problems.push(`${where}.json is not valid snapshot metadata`);
    const state = await readOptional(join(dir, `${id}.bin`));
    if (state === null) problems.push(`${where}.bin is missing`);
    else if (!decodeSnapshot(state)) problems.push(`${where}.bin fails its header or checksum`);
  }
}

/** A file's bytes, or null when it does not exist. */
async function readOptional(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return null;
    throw err;
  }
}
