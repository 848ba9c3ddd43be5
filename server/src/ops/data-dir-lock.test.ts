import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirBusyError, LOCK_FILE, LOCK_STALE_MS, acquireDataDirLock, readLiveLock } from './data-dir-lock.js';

const dirs: string[] = [];
const children: { kill(): void }[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verksted-lock-'));
  dirs.push(dir);
  return dir;
}

/** A process that exists until killed, to hold a lock in its name. */
async function otherProcess(): Promise<{ pid: number; kill(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    pid: child.pid!,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function writeLock(dataDir: string, info: { pid: number; hostname: string }, ageMs = 0): Promise<void> {
  const file = path.join(dataDir, LOCK_FILE);
  await writeFile(file, JSON.stringify({ ...info, startedAt: new Date().toISOString() }));
  const at = new Date(Date.now() - ageMs);
  await utimes(file, at, at);
}

describe('data directory lock', () => {
  it('writes server.lock with this process and removes it on release', async () => {
    const dataDir = path.join(await tempDir(), 'new', 'data');
    const lock = await acquireDataDirLock(dataDir);
    const info = JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8'));
    expect(info).toEqual({ pid: process.pid, hostname: hostname(), startedAt: expect.any(String) });
    await lock.release();
    await expect(stat(path.join(dataDir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
    await lock.release(); // twice is fine
  });

  it('refuses a directory that a live process on this host holds, and takes it once that process is gone', async () => {
    const dataDir = await tempDir();
    const other = await otherProcess();
    await writeLock(dataDir, { pid: other.pid, hostname: hostname() });
    expect(await readLiveLock(dataDir)).toMatchObject({ pid: other.pid });
    await expect(acquireDataDirLock(dataDir)).rejects.toBeInstanceOf(DataDirBusyError);

    await other.kill();
    expect(await readLiveLock(dataDir)).toBeNull();
    const lock = await acquireDataDirLock(dataDir);
    expect(JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('trusts a lock from another host only while it is being refreshed', async () => {
    const dataDir = await tempDir();
    await writeLock(dataDir, { pid: 1, hostname: 'another-container' });
    expect(await readLiveLock(dataDir)).toMatchObject({ hostname: 'another-container' });
    await writeLock(dataDir, { pid: 1, hostname: 'another-container' }, LOCK_STALE_MS + 5000);
    expect(await readLiveLock(dataDir)).toBeNull();
  });

  it('treats its own pid in the lock as a leftover (a container restarts with the same pid)', async () => {
    const dataDir = await tempDir();
    await writeLock(dataDir, { pid: process.pid, hostname: hostname() });
    expect(await readLiveLock(dataDir)).toBeNull();
    await (await acquireDataDirLock(dataDir)).release();
  });

  it('ignores a missing or unreadable lock', async () => {
    const dataDir = await tempDir();
    expect(await readLiveLock(dataDir)).toBeNull();
    await writeFile(path.join(dataDir, LOCK_FILE), '{"pid": 12');
    expect(await readLiveLock(dataDir)).toBeNull();
  });
});
