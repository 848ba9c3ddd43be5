/**
 * The production start command, exactly as README and the Dockerfile run it: `node
 * server/dist/main.js` from the repository root, configured only through env (DATA_DIR, HOST,
 * PORT). It builds the server first when a source file is newer than the build (CI has just built
 * it), so the test never runs a stale dist.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from './data-dir-lock.js';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
const REPO_ROOT = path.dirname(SERVER_DIR);
const TSC = path.join(SERVER_DIR, 'node_modules', '.bin', 'tsc');

interface Started {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];

/** True when dist/main.js is missing or older than some source file of the build. */
async function isBuildStale(): Promise<boolean> {
  const built = await stat(path.join(SERVER_DIR, 'dist', 'main.js')).then((s) => s.mtimeMs, () => 0);
  const sources = (await readdir(path.join(SERVER_DIR, 'src'), { recursive: true })).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.contract.ts'),
  );
  for (const name of sources) {
    if ((await stat(path.join(SERVER_DIR, 'src', name))).mtimeMs > built) return true;
  }
  return false;
}

beforeAll(async () => {
  if (!(await isBuildStale())) return;
  const build = spawnSync(TSC, ['-p', 'tsconfig.build.json'], { cwd: SERVER_DIR, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`server build failed:\n${build.stdout}${build.stderr}`);
}, 120_000);

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null>; output: string[] } {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: REPO_ROOT,
    // Only what the command needs, as in a container: no inherited DATA_DIR or PORT.
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => output.push(line));
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output };
}

async function startMain(dataDir: string): Promise<Started & { output: string[] }> {
  const started = run('server/dist/main.js', [], { DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', NODE_ENV: 'production' });
  let port = 0;
  await expect
    .poll(
      () => {
        for (const line of started.output) {
          const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
          if (match) port = Number(match[1]);
        }
        if (started.child.exitCode !== null) throw new Error(`server exited: ${started.output.join('\n')}`);
        return port;
      },
      { timeout: 20_000, interval: 50 },
    )
    .toBeGreaterThan(0);
  return { ...started, url: `http://127.0.0.1:${port}` };
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verksted-start-'));
  dirs.push(dir);
  return dir;
}

describe('node server/dist/main.js', () => {
  it('starts with DATA_DIR, HOST and PORT from env, is ready, holds the data directory, and stops cleanly on SIGTERM', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    const server = await startMain(dataDir);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`)).headers.get('content-type')).toMatch(/^text\/plain/);
    // JSON log lines, not pretty ones, outside development.
    expect(JSON.parse(server.output.find((line) => line.includes('Server listening'))!)).toMatchObject({ level: 30 });
    expect(JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: server.child.pid });

    // A second server on the same data directory would corrupt its logs: it refuses to start.
    const rival = run('server/dist/main.js', [], { DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0' });
    expect(await rival.exited).toBe(1);
    expect(rival.output.join('\n')).toMatch(/is in use by another Verksted server/);

    // The CLI sees the running server and refuses to compact under it.
    const compact = run('server/dist/cli.js', ['compact'], { DATA_DIR: dataDir });
    expect(await compact.exited).toBe(1);
    expect(compact.output.join('\n')).toContain('a server is running');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await expect(stat(path.join(dataDir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
  }, 60_000);

  it('runs the administration commands through the same entry (verksted list / verify)', async () => {
    const dataDir = await tempDir();
    const server = await startMain(dataDir);
    const created = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Kommandolinje', template: 'blank' }),
    });
    const { id } = (await created.json()) as { id: string };
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const list = run('server/dist/cli.js', ['list'], { DATA_DIR: dataDir, RETENTION_DAYS: '0' });
    expect(await list.exited).toBe(0);
    expect(list.output.find((line) => line.startsWith(id))).toMatch(/never +Kommandolinje$/);
    const verify = run('server/dist/cli.js', ['verify', '--data-dir', dataDir], {});
    expect(await verify.exited).toBe(0);
    expect(verify.output.join('\n')).toContain('verified 1 board');
  }, 60_000);
});
