/**
 * `<DATA_DIR>/server.lock`: says "a server is running on this data directory". The server writes
 * it on start (pid, host, start time), refreshes its mtime every few seconds and removes it on a
 * graceful stop. The CLI reads it to refuse work that must not race a running server (offline
 * compaction, deletion) and a second server refuses to start on a directory that is in use: two
 * processes appending to one board log would destroy it.
 *
 * A lock is live when it was refreshed recently and, if it was written on this host, its process
 * still exists. So a lock left behind by `kill -9` stops counting at once on the same host and after
 * LOCK_STALE_MS elsewhere (another container sharing the volume sees only the mtime).
 */
import { hostname } from 'node:os';
import { mkdir, open, readFile, rm, stat, utimes, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE = 'server.lock';
/** How often a running server refreshes the lock's mtime. */
export const LOCK_HEARTBEAT_MS = 5_000;
/** A lock not refreshed for this long is left over from a server that is gone. */
export const LOCK_STALE_MS = 30_000;

/** What the lock file holds. */
export interface LockInfo {
  pid: number;
  hostname: string;
  /** ISO 8601. */
  startedAt: string;
}

/** Another live server holds the data directory. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(`${dataDir} is in use by another Verksted server (pid ${holder.pid} on ${holder.hostname}, started ${holder.startedAt})`);
    this.name = 'DataDirBusyError';
  }
}

/** A held lock; `release` stops the heartbeat and removes the file (never rejects). */
export interface DataDirLock {
  release(): Promise<void>;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The lock of `dataDir` if a live server holds it, else null (no lock, unreadable, or stale).
 * @example
 *   const holder = await readLiveLock(config.DATA_DIR);
 *   if (holder) fail(`stop the server first (pid ${holder.pid})`);
 */
export async function readLiveLock(dataDir: string, now = Date.now()): Promise<LockInfo | null> {
  const path = join(dataDir, LOCK_FILE);
  let info: LockInfo;
  let mtimeMs: number;
  try {
    const [text, stats] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    info = JSON.parse(text) as LockInfo;
    mtimeMs = stats.mtimeMs;
  } catch {
    // Missing, half-written or unreadable: nobody provably holds the directory.
    return null;
  }
  if (typeof info.pid !== 'number' || typeof info.hostname !== 'string') return null;
  if (now - mtimeMs > LOCK_STALE_MS) return null;
  if (info.hostname === hostname()) {
    // The same pid as ours after a container restart (pid 1 again) is a leftover, not a rival.
    if (info.pid === process.pid || !isProcessAlive(info.pid)) return null;
  }
  return info;
}

/**
 * Takes the data directory for this process: creates it if needed, refuses (DataDirBusyError) when a
 * live server holds it, writes the lock and keeps it fresh until `release`.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  let fh: FileHandle | undefined;
  // Exclusive create, so two servers starting at once cannot both win; a stale lock is removed first.
  for (let attempt = 0; !fh; attempt++) {
    try {
      fh = await open(path, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = await readLiveLock(dataDir);
      if (holder) throw new DataDirBusyError(dataDir, holder);
      await rm(path, { force: true });
    }
  }
  try {
    await fh.writeFile(`${JSON.stringify(info)}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  const heartbeat = setInterval(() => {
    const at = new Date();
    utimes(path, at, at).catch(() => {
      // Removed by hand or the disk is failing; readiness reports the disk, nothing to do here.
    });
  }, LOCK_HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      await rm(path, { force: true }).catch(() => {
        // A lock left behind goes stale by itself (see readLiveLock); never fail a shutdown for it.
      });
    },
  };
}
