/**
 * BoardStore on the local disk. Layout:
 *
 *   <dataDir>/boards/<id>/board.json    BoardRecord (JSON), replaced atomically
 *   <dataDir>/boards/<id>/snapshot.bin  framed Y.encodeStateAsUpdate (update-log.ts), replaced atomically
 *   <dataDir>/boards/<id>/log.bin       framed updates appended since the snapshot
 *   <dataDir>/boards/<id>/snapshots/    saved snapshots (file-snapshots.ts)
 *
 * Names starting with "." under boards/ are never boards (ids cannot contain "."): `.tmp-*` is a
 * create() cut short by a crash, `.deleting-*` a delete() cut short, `.orphan-*` a board directory
 * that had no record. They are safe to remove by hand.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isBoardId } from '@verksted/shared';
import { assertBoardId, assertBoardRecord, parseBoardRecord } from './board-record.js';
import {
  BoardAlreadyOpenError,
  BoardCorruptError,
  BoardExistsError,
  BoardNotFoundError,
  silentLogger,
  type BoardRecord,
  type BoardStore,
  type OpenedBoard,
  type StoreFaults,
  type StoreLogger,
} from './board-store.js';
import { isErrno, replaceFileDurable, syncDir, writeFileDurable } from './durable-fs.js';
import { FileBoardLog, LOG_FILE, RECORD_FILE, SNAPSHOT_FILE, SNAPSHOT_TMP_FILE } from './file-board-log.js';
import { decodeRecords, decodeSnapshot, encodeSnapshot } from './update-log.js';
import { deleteSnapshotFiles, listSnapshotFiles, readSnapshotFiles, saveSnapshotFiles, type SnapshotFiles } from './file-snapshots.js';
import type { SnapshotMeta, StoredSnapshot } from './snapshot-meta.js';

/** Options of FileBoardStore. */
export interface FileBoardStoreOptions {
  /** Root of all server data; boards go in `<dataDir>/boards`. Created on first create(). */
  dataDir: string;
  /** Pino-like logger; silent by default. Gets ids, sizes and durations, never note contents. */
  log?: StoreLogger;
  /** Tests only: fail chosen writes/syncs/truncates/renames (see StoreFaults). */
  faults?: StoreFaults;
}

/**
 * Durable BoardStore in one directory per board. One instance per data directory and process:
 * it refuses to open a board twice, which would let two logs overwrite each other.
 * @example
 * const store = new FileBoardStore({ dataDir: config.dataDir, log: app.log.child({ module: 'store' }) });
 * const { updates, log } = await store.open(boardId);
 * for (const update of updates) Y.applyUpdate(doc, update);
 * await log.append([update]); // durable from here on: now relay it
 */
export class FileBoardStore implements BoardStore {
  readonly #boardsDir: string;
  readonly #log: StoreLogger;
  readonly #faults: StoreFaults | undefined;
  /** Boards with an open log; 'opening' while open() is still loading. */
  readonly #openBoards = new Map<string, FileBoardLog | 'opening'>();
  #boardsDirReady: Promise<void> | undefined;

  constructor(options: FileBoardStoreOptions) {
    this.#boardsDir = join(options.dataDir, 'boards');
    this.#log = options.log ?? silentLogger;
    this.#faults = options.faults;
  }

  async create(record: BoardRecord, initialState: Uint8Array): Promise<void> {
    assertBoardRecord(record);
    const { id } = record;
    await this.#ensureBoardsDir();
    const dir = join(this.#boardsDir, id);
    if (await isDirectory(dir)) {
      if (await exists(join(dir, RECORD_FILE))) throw new BoardExistsError(id);
      // Only create()'s rename makes a board directory, always with its record, so this one was
      // tampered with. Not a board, but kept (renamed aside) in case it matters to someone.
      const aside = join(this.#boardsDir, `.orphan-${id}-${Date.now()}`);
      await rename(dir, aside);
      this.#log.warn({ boardId: id, movedTo: aside }, 'moved board directory without a record aside');
    }
    // Build the whole board in a temp dir and rename it into place: the rename is the commit
    // point, so a crash never leaves a half-created board under its real name.
    const tmpDir = await mkdtemp(join(this.#boardsDir, `.tmp-${id}-`));
    try {
      await writeFileDurable(join(tmpDir, RECORD_FILE), Buffer.from(`${JSON.stringify(record, null, 2)}\n`), id, this.#faults);
      await writeFileDurable(join(tmpDir, SNAPSHOT_FILE), encodeSnapshot(initialState), id, this.#faults);
      await writeFileDurable(join(tmpDir, LOG_FILE), new Uint8Array(0), id, this.#faults);
      await syncDir(tmpDir);
      try {
        await rename(tmpDir, dir);
      } catch (err) {
        // Renaming onto a non-empty directory fails: a concurrent create() of the same id won.
        if (isErrno(err, 'EEXIST', 'ENOTEMPTY')) throw new BoardExistsError(id);
        throw err;
      }
    } catch (err) {
      await rm(tmpDir, { recursive: true, force: true }).catch((rmErr: unknown) => {
        this.#log.warn({ boardId: id, err: rmErr }, 'could not remove temp dir of failed create');
      });
      throw err;
    }
    await syncDir(this.#boardsDir);
    this.#log.info({ boardId: id, snapshotBytes: initialState.byteLength }, 'created board');
  }

  async readRecord(id: string): Promise<BoardRecord | null> {
    const dir = this.#boardDir(id);
    let text: string;
    try {
      text = await readFile(join(dir, RECORD_FILE), 'utf8');
    } catch (err) {
      if (isErrno(err, 'ENOENT', 'ENOTDIR')) return null;
      throw err;
    }
    let record: BoardRecord | null = null;
    try {
      record = parseBoardRecord(JSON.parse(text), id);
    } catch {
      // Invalid JSON: reported as corrupt just below, like a valid JSON of the wrong shape.
    }
    if (!record) throw new BoardCorruptError(id, `${RECORD_FILE} is not a valid record`);
    return record;
  }

  async listRecords(): Promise<BoardRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.#boardsDir);
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return [];
      throw err;
    }
    const records: BoardRecord[] = [];
    for (const name of names) {
      // Skips .tmp-/.deleting-/.orphan- entries and anything else that is not a board id.
      if (!isBoardId(name)) continue;
      try {
        const record = await this.readRecord(name);
        if (record) records.push(record);
      } catch (err) {
        if (!(err instanceof BoardCorruptError)) throw err;
        this.#log.warn({ boardId: name }, 'skipping board with corrupt record');
      }
    }
    return records.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  async open(id: string): Promise<OpenedBoard> {
    const dir = this.#boardDir(id);
    if (this.#openBoards.has(id)) throw new BoardAlreadyOpenError(id);
    // Reserve synchronously, so a second open() racing this one fails instead of loading too.
    this.#openBoards.set(id, 'opening');
    try {
      const opened = await this.#load(id, dir);
      this.#openBoards.set(id, opened.log as FileBoardLog);
      return opened;
    } catch (err) {
      this.#openBoards.delete(id);
      throw err;
    }
  }

  /**
   * Touches of one board run one after another and never move `lastOpenedAt` backwards: a slow
   * touch started at load must not overwrite a later "extend".
   */
  async touch(id: string, at: number): Promise<void> {
    const previous = this.#touches.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.#touchNow(id, at));
    this.#touches.set(id, next);
    try {
      await next;
    } finally {
      if (this.#touches.get(id) === next) this.#touches.delete(id);
    }
  }

  readonly #touches = new Map<string, Promise<void>>();

  async #touchNow(id: string, at: number): Promise<void> {
    const dir = this.#boardDir(id);
    const record = await this.readRecord(id);
    if (!record) throw new BoardNotFoundError(id);
    const data = Buffer.from(`${JSON.stringify({ ...record, lastOpenedAt: Math.max(record.lastOpenedAt, at) }, null, 2)}\n`);
    // A unique tmp name, so concurrent touches of one board cannot write into each other's file.
    const tmp = join(dir, `${RECORD_FILE}.tmp-${randomBytes(4).toString('hex')}`);
    try {
      await replaceFileDurable(join(dir, RECORD_FILE), tmp, dir, data, id, this.#faults);
    } catch (err) {
      if (isErrno(err, 'ENOENT')) throw new BoardNotFoundError(id); // deleted meanwhile
      throw err;
    }
  }

  async delete(id: string): Promise<void> {
    const dir = this.#boardDir(id);
    const open = this.#openBoards.get(id);
    if (open === 'opening') throw new BoardAlreadyOpenError(id);
    if (open) await open.close();
    const trash = join(this.#boardsDir, `.deleting-${id}-${randomBytes(4).toString('hex')}`);
    try {
      await rename(dir, trash);
    } catch (err) {
      if (isErrno(err, 'ENOENT')) throw new BoardNotFoundError(id);
      throw err;
    }
    // The rename is the commit point: once it is durable the board is gone, even if the removal
    // below is cut short by a crash (the leftover .deleting- dir is never read).
    await syncDir(this.#boardsDir);
    await rm(trash, { recursive: true, force: true });
    this.#log.info({ boardId: id }, 'deleted board');
  }

  async saveSnapshot(boardId: string, meta: SnapshotMeta, state: Uint8Array): Promise<void> {
    const files = await this.#snapshotFiles(boardId);
    await saveSnapshotFiles(files, meta, state);
  }

  async listSnapshots(boardId: string): Promise<SnapshotMeta[]> {
    return listSnapshotFiles(await this.#snapshotFiles(boardId));
  }

  async readSnapshot(boardId: string, snapshotId: string): Promise<StoredSnapshot | null> {
    return readSnapshotFiles(await this.#snapshotFiles(boardId), snapshotId);
  }

  async deleteSnapshot(boardId: string, snapshotId: string): Promise<boolean> {
    return deleteSnapshotFiles(await this.#snapshotFiles(boardId), snapshotId);
  }

  /** Where the snapshots of an existing board live; BoardNotFoundError when it has no record. */
  async #snapshotFiles(boardId: string): Promise<SnapshotFiles> {
    const boardDir = this.#boardDir(boardId);
    if (!(await this.readRecord(boardId))) throw new BoardNotFoundError(boardId);
    return { boardId, boardDir, faults: this.#faults, log: this.#log };
  }

  /** The directory of board `id`, after checking that `id` is a board id and therefore path-safe. */
  #boardDir(id: string): string {
    assertBoardId(id);
    return join(this.#boardsDir, id);
  }

  async #load(id: string, dir: string): Promise<OpenedBoard> {
    const started = performance.now();
    if (!(await this.readRecord(id))) throw new BoardNotFoundError(id);
    let snapshotFile: Buffer;
    try {
      snapshotFile = await readFile(join(dir, SNAPSHOT_FILE));
    } catch (err) {
      if (isErrno(err, 'ENOENT')) throw new BoardCorruptError(id, `${SNAPSHOT_FILE} is missing`, { cause: err });
      throw err;
    }
    const snapshot = decodeSnapshot(snapshotFile);
    if (!snapshot) throw new BoardCorruptError(id, `${SNAPSHOT_FILE} fails its header or checksum`);
    // A tmp snapshot is the unfinished half of a compaction (the rename is its commit point), so
    // it holds nothing the snapshot + log lack. Safe to drop: this store is the board's only writer.
    await rm(join(dir, SNAPSHOT_TMP_FILE), { force: true });

    const fh = await openLogFile(dir);
    try {
      const data = await fh.readFile();
      const { records, validBytes } = decodeRecords(data);
      const discardedBytes = data.length - validBytes;
      if (discardedBytes > 0) {
        // Keep the cut bytes before destroying them: if framing ever has a bug, nothing is lost for good.
        const corruptFile = `log.corrupt-${Date.now()}`;
        await writeFileDurable(join(dir, corruptFile), data.subarray(validBytes), id, this.#faults);
        await syncDir(dir);
        await fh.truncate(validBytes);
        await fh.datasync();
        this.#log.warn({ boardId: id, discardedBytes, keptRecords: records.length, corruptFile }, 'cut torn or corrupt log tail');
      }
      const log = new FileBoardLog({
        boardId: id,
        dir,
        fh,
        length: validBytes,
        faults: this.#faults,
        log: this.#log.child({ boardId: id }),
        onClosed: () => this.#openBoards.delete(id),
      });
      const updates = snapshot.byteLength > 0 ? [snapshot, ...records] : records;
      this.#log.info(
        { boardId: id, snapshotBytes: snapshot.byteLength, logRecords: records.length, logBytes: validBytes, ms: Math.round(performance.now() - started) },
        'opened board',
      );
      return { updates, log, discardedBytes };
    } catch (err) {
      await fh.close().catch(() => {}); // the load error is the one worth reporting
      throw err;
    }
  }

  /** Creates <dataDir>/boards once, fsyncing the parents of every directory it had to create. */
  #ensureBoardsDir(): Promise<void> {
    this.#boardsDirReady ??= (async () => {
      const firstCreated = await mkdir(this.#boardsDir, { recursive: true });
      if (firstCreated === undefined) return;
      let dir = this.#boardsDir;
      do {
        dir = dirname(dir);
        await syncDir(dir);
      } while (dir !== dirname(firstCreated));
    })().catch((err: unknown) => {
      this.#boardsDirReady = undefined; // let the next create() try again
      throw err;
    });
    return this.#boardsDirReady;
  }
}

/** Opens log.bin read-write for positional writes (no O_APPEND), creating it durably if missing. */
async function openLogFile(dir: string): Promise<FileHandle> {
  const path = join(dir, LOG_FILE);
  try {
    return await open(path, 'r+');
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
  const fh = await open(path, 'w+');
  await syncDir(dir);
  return fh;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
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
