/**
 * Saved snapshots of one board on disk, used by FileBoardStore. Layout:
 *
 *   <board>/snapshots/<snapshotId>.bin    framed Y.encodeStateAsUpdate (same framing as snapshot.bin)
 *   <board>/snapshots/<snapshotId>.json   SnapshotMeta
 *
 * The state is written first (tmp + fsync + rename), then the metadata the same way: the metadata's
 * rename is the commit point. A `.bin` without its `.json` (a save cut short) is never listed, and
 * `*.tmp` files are never read; both are safe to remove by hand.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BoardCorruptError, BoardNotFoundError, SnapshotExistsError, type StoreFaults, type StoreLogger } from './board-store.js';
import { isErrno, replaceFileDurable, syncDir } from './durable-fs.js';
import { decodeSnapshot, encodeSnapshot } from './update-log.js';
import {
  assertSnapshotId,
  assertSnapshotMeta,
  bySnapshotAge,
  isSnapshotId,
  parseSnapshotMeta,
  type SnapshotMeta,
  type StoredSnapshot,
} from './snapshot-meta.js';

/** Directory of a board's snapshots, inside its board directory. */
export const SNAPSHOTS_DIR = 'snapshots';

/** What the snapshot functions need from the store. */
export interface SnapshotFiles {
  boardId: string;
  /** The board directory (already checked to be a board id's). */
  boardDir: string;
  faults: StoreFaults | undefined;
  log: StoreLogger;
}

/** Writes a snapshot durably; see BoardStore.saveSnapshot. The caller checked that the board has a record. */
export async function saveSnapshotFiles(files: SnapshotFiles, meta: SnapshotMeta, state: Uint8Array): Promise<void> {
  assertSnapshotId(meta.id);
  assertSnapshotMeta(meta);
  const { boardId, boardDir, faults } = files;
  const dir = join(boardDir, SNAPSHOTS_DIR);
  try {
    // Not recursive: when the board directory is gone (deleted meanwhile) this fails instead of
    // re-creating a board directory without a record.
    await mkdir(dir);
    await syncDir(boardDir);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) throw new BoardNotFoundError(boardId);
    if (!isErrno(err, 'EEXIST')) throw err;
  }
  if (await readMetaFile(files, meta.id)) throw new SnapshotExistsError(boardId);
  const bin = join(dir, `${meta.id}.bin`);
  const json = join(dir, `${meta.id}.json`);
  await replaceFileDurable(bin, `${bin}.tmp`, dir, encodeSnapshot(state), boardId, faults);
  try {
    await replaceFileDurable(json, `${json}.tmp`, dir, Buffer.from(`${JSON.stringify(meta, null, 2)}\n`), boardId, faults);
  } catch (err) {
    // Without its metadata the state is never listed; removing it only saves space.
    await rm(bin, { force: true }).catch(() => {});
    throw err;
  }
  files.log.info({ boardId, snapshotId: meta.id, reason: meta.reason, bytes: state.byteLength }, 'saved snapshot');
}

/** Every intact snapshot's metadata, oldest first. */
export async function listSnapshotFiles(files: SnapshotFiles): Promise<SnapshotMeta[]> {
  let names: string[];
  try {
    names = await readdir(join(files.boardDir, SNAPSHOTS_DIR));
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return [];
    throw err;
  }
  const metas: SnapshotMeta[] = [];
  for (const name of names) {
    const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
    if (!isSnapshotId(id)) continue; // .tmp files and anything that is not a snapshot
    try {
      const meta = await readMetaFile(files, id);
      if (meta) metas.push(meta);
    } catch (err) {
      if (!(err instanceof BoardCorruptError)) throw err;
      files.log.warn({ boardId: files.boardId, snapshotId: id }, 'skipping snapshot with corrupt metadata');
    }
  }
  return metas.sort(bySnapshotAge);
}

/** One snapshot with its state, or null; BoardCorruptError when its files fail their checks. */
export async function readSnapshotFiles(files: SnapshotFiles, snapshotId: string): Promise<StoredSnapshot | null> {
  assertSnapshotId(snapshotId);
  const meta = await readMetaFile(files, snapshotId);
  if (!meta) return null;
  let data: Buffer;
  try {
    data = await readFile(join(files.boardDir, SNAPSHOTS_DIR, `${snapshotId}.bin`));
  } catch (err) {
    if (isErrno(err, 'ENOENT')) throw new BoardCorruptError(files.boardId, `snapshot ${snapshotId} has no state file`, { cause: err });
    throw err;
  }
  const state = decodeSnapshot(data);
  if (!state) throw new BoardCorruptError(files.boardId, `snapshot ${snapshotId} fails its header or checksum`);
  return { meta, state };
}

/** Removes one snapshot (metadata first: that is what makes it exist). */
export async function deleteSnapshotFiles(files: SnapshotFiles, snapshotId: string): Promise<boolean> {
  assertSnapshotId(snapshotId);
  const dir = join(files.boardDir, SNAPSHOTS_DIR);
  const json = join(dir, `${snapshotId}.json`);
  try {
    await rm(json);
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return false;
    throw err;
  }
  await rm(join(dir, `${snapshotId}.bin`), { force: true });
  await syncDir(dir);
  files.log.info({ boardId: files.boardId, snapshotId }, 'deleted snapshot');
  return true;
}

async function readMetaFile(files: SnapshotFiles, snapshotId: string): Promise<SnapshotMeta | null> {
  let text: string;
  try {
    text = await readFile(join(files.boardDir, SNAPSHOTS_DIR, `${snapshotId}.json`), 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return null;
    throw err;
  }
  let meta: SnapshotMeta | null = null;
  try {
    meta = parseSnapshotMeta(JSON.parse(text), snapshotId);
  } catch {
    // Invalid JSON: reported as corrupt just below, like valid JSON of the wrong shape.
  }
  if (!meta) throw new BoardCorruptError(files.boardId, `snapshot ${snapshotId} has invalid metadata`);
  return meta;
}
