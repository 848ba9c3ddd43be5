import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../test/server.js';
import { MemoryBoardStore } from '../persistence/memory-board-store.js';
import { ReadinessProbe } from './readiness.js';

let server: TestServer | null = null;
const dirs: string[] = [];

afterEach(async () => {
  await server?.close();
  server = null;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verksted-ready-'));
  dirs.push(dir);
  return dir;
}

describe('GET /readyz', () => {
  it('is ready when the data directory takes a durable write, and leaves no probe file behind', async () => {
    server = await startServer();
    const response = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    expect((await readdir(server.dataDir)).filter((name) => name.startsWith('.readyz'))).toEqual([]);
    expect((await server.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true });
  });

  it('answers 503 when the data directory cannot be written', async () => {
    const parent = await tempDir();
    // A path below a regular file cannot become a directory, whoever runs the test (root too).
    await writeFile(path.join(parent, 'file'), 'x');
    const dataDir = path.join(parent, 'file', 'data');
    // The store is in memory: the file store could not even list boards there, and the probe is the subject.
    server = await startServer({ store: new MemoryBoardStore(), dataDir, config: { DATA_DIR: dataDir } });
    const response = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ ok: false, reason: 'data-dir-not-writable' });
  });
});

describe('ReadinessProbe', () => {
  it('reports shutting down once the shutdown began', async () => {
    const probe = new ReadinessProbe({ dataDir: await tempDir() });
    expect(await probe.check()).toEqual({ ready: true });
    probe.markShuttingDown();
    expect(await probe.check()).toEqual({ ready: false, reason: 'shutting-down' });
  });

  it('reuses a probe result for a second and shares one probe between concurrent checks', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    let now = 0;
    const probe = new ReadinessProbe({ dataDir, now: () => now });
    const first = await Promise.all([probe.check(), probe.check()]);
    expect(first).toEqual([{ ready: true }, { ready: true }]);
    // Make the directory unusable: the cached answer holds for a second, then the next probe sees it.
    await rm(dataDir, { recursive: true });
    await writeFile(dataDir, 'not a directory');
    now = 500;
    expect(await probe.check()).toEqual({ ready: true });
    now = 1500;
    expect(await probe.check()).toEqual({ ready: false, reason: 'data-dir-not-writable' });
  });
});
