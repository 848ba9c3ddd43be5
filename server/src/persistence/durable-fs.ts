/**
 * Small fs helpers that make writes durable (fsync) and route every risky step through the
 * optional fault hook, so tests can fail exactly one write/sync/truncate/rename.
 */
import { writeSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FaultPoint, StoreFaults } from './board-store.js';

/** True if `err` is a Node system error with one of the given codes. */
export function isErrno(err: unknown, ...codes: string[]): boolean {
  return err instanceof Error && codes.includes((err as NodeJS.ErrnoException).code ?? '');
}

/** Runs the fault hook for `point`; returns the byte limit it asked for (writes only), if any. */
export async function checkFault(faults: StoreFaults | undefined, point: FaultPoint): Promise<number | undefined> {
  const limit = await faults?.before?.(point);
  return typeof limit === 'number' ? limit : undefined;
}

/**
 * Writes up to this size go into the page cache synchronously: that costs microseconds, and a log
 * append then takes one thread-pool round trip (the fsync) instead of two, which is most of the
 * latency an update waits for before it is relayed. Bigger writes (snapshots) stay asynchronous so
 * they never hold up the event loop.
 */
export const SYNC_WRITE_MAX_BYTES = 64 * 1024;

/**
 * Writes all of `data` at `position`. Loops because a positional write may be short. When the fault
 * hook limits the write, only that prefix reaches the disk and an ENOSPC error is thrown, which is
 * what a full disk does mid-write. (A synchronous write's error is thrown inside this async
 * function, so callers see the same rejection either way.)
 */
export async function writeFully(
  fh: FileHandle,
  data: Uint8Array,
  position: number,
  faults: StoreFaults | undefined,
  point: Omit<FaultPoint, 'op' | 'bytes'>,
): Promise<void> {
  const limit = await checkFault(faults, { ...point, op: 'write', bytes: data.byteLength });
  const end = limit === undefined ? data.byteLength : Math.max(0, Math.min(limit, data.byteLength));
  let offset = 0;
  while (offset < end) {
    offset +=
      end <= SYNC_WRITE_MAX_BYTES
        ? writeSync(fh.fd, data, offset, end - offset, position + offset)
        : (await fh.write(data, offset, end - offset, position + offset)).bytesWritten;
  }
  if (end < data.byteLength) {
    throw Object.assign(new Error('ENOSPC: no space left on device (injected short write)'), { code: 'ENOSPC' });
  }
}

/** fsync of a directory, which makes the creation, rename or removal of its entries durable. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Creates (or truncates) `path`, writes `data` and fsyncs the file. The caller syncs the directory
 * when the file is new and its existence must survive a crash.
 */
export async function writeFileDurable(path: string, data: Uint8Array, boardId: string, faults?: StoreFaults): Promise<void> {
  const fh = await open(path, 'w');
  try {
    const file = basename(path);
    await writeFully(fh, data, 0, faults, { boardId, file });
    await checkFault(faults, { boardId, op: 'sync', file });
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Atomically replaces `path` with `data`: write `tmpPath`, fsync it, rename it over `path`, fsync
 * the directory. A crash at any point leaves either the old or the new file, never a mix.
 * On failure the tmp file is removed (best effort).
 */
export async function replaceFileDurable(
  path: string,
  tmpPath: string,
  dir: string,
  data: Uint8Array,
  boardId: string,
  faults?: StoreFaults,
): Promise<void> {
  try {
    await writeFileDurable(tmpPath, data, boardId, faults);
    await checkFault(faults, { boardId, op: 'rename', file: basename(path) });
    await rename(tmpPath, path);
  } catch (err) {
    // Leftover tmp files are ignored by readers anyway; removing it only saves disk space.
    await rm(tmpPath, { force: true }).catch(() => {});
    throw err;
  }
  await syncDir(dir);
}
