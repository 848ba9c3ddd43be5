/**
 * The three servers under test, each a child process measured from outside through /proc.
 *
 * - ours:  `node server/dist/main.js` on a fresh copy of a prepared DATA_DIR, limits raised for 127.0.0.1
 * - yws:   the reference y-websocket server, `@y/websocket-server` 0.1.1 (`src/server.js`, HOST/PORT env)
 * - hocus: Hocuspocus 3.4.4 without extensions (`servers/hocuspocus.mjs`)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Framing } from './proto.js';

export type ServerKind = 'ours' | 'yws' | 'hocus';
export const SERVER_KINDS: readonly ServerKind[] = ['ours', 'yws', 'hocus'];
export const SERVER_LABEL: Record<ServerKind, string> = { ours: 'ours', yws: 'y-websocket', hocus: 'Hocuspocus' };

const here = path.dirname(fileURLToPath(import.meta.url));
export const BENCH_DIR = path.resolve(here, '..');
export const REPO_DIR = path.resolve(BENCH_DIR, '..');
/** BENCH_OUR_MAIN: run another build of our server (e.g. a patched copy, to measure a proposed change). */
export const OUR_MAIN = process.env.BENCH_OUR_MAIN ?? path.join(REPO_DIR, 'server', 'dist', 'main.js');
const require = createRequire(import.meta.url);
const YWS_MAIN = path.join(path.dirname(require.resolve('@y/websocket-server/package.json')), 'src', 'server.js');
const HOCUS_MAIN = path.join(BENCH_DIR, 'servers', 'hocuspocus.mjs');

/** Env for our server: everything that limits one address or one board raised, logging off. */
export function ourEnv(port: number, dataDir: string): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG: '0',
    CLIENT_DIST: path.join(dataDir, 'no-client'),
    MAX_CONNECTIONS_PER_IP: '100000',
    MAX_CONNECTIONS_PER_BOARD: '100000',
    MAX_MESSAGES_PER_SECOND: '1000000',
    BOARDS_PER_IP_PER_HOUR: '100000',
    JOIN_LOOKUPS_PER_IP_PER_MINUTE: '100000',
    MAX_NOTES_PER_BOARD: '20000',
  };
}

export interface ServerHandle {
  kind: ServerKind;
  pid: number;
  port: number;
  framing: Framing;
  http: string;
  dataDir: string | null;
  /** The inspector's websocket URL when started with `inspect`. */
  inspectorUrl(): string | null;
  /** Websocket URL of a room (board id). */
  wsUrl(room: string, query?: Record<string, string>): string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
/** Last resort: never leave a server running when the generator exits. */
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** BENCH_PIN=0:1 → { server: '0', generator: '1' }; undefined when unset. */
export function benchPin(): { server: string; generator: string } | undefined {
  const match = /^(\d+):(\d+)$/.exec(process.env.BENCH_PIN ?? '');
  return match ? { server: match[1]!, generator: match[2]! } : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitHttp(url: string, child: ChildProcess, stderr: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not start: ${stderr()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export interface StartOptions {
  /** ours: DATA_DIR to copy (a prepared template) instead of an empty one. */
  templateDir?: string;
  /** ours: start with `--cpu-prof --cpu-prof-dir <dir>`. */
  cpuProfDir?: string;
  /** ours: keep DATA_DIR after stop (used to prepare the template). */
  keepDataDir?: boolean;
  /** Start with `--inspect=127.0.0.1:0`, so the heap can be read (after a forced GC) from outside. */
  inspect?: boolean;
  env?: Record<string, string>;
}

/**
 * Starts a server; tries up to three times (a concurrent `pnpm build` can leave server/dist
 * half-written for a moment on this shared machine).
 */
export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<ServerHandle> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(kind, options);
    } catch (err) {
      if (attempt >= 3) throw err;
      process.stdout.write(`  (${kind} did not start, retrying: ${String(err).split('\n')[0]})\n`);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

async function startServerOnce(kind: ServerKind, options: StartOptions): Promise<ServerHandle> {
  const port = await freePort();
  let dataDir: string | null = null;
  let args: string[];
  let env: Record<string, string>;
  const inspectArgs = options.inspect ? ['--inspect=127.0.0.1:0'] : [];
  if (kind === 'ours') {
    // BENCH_DATA_PARENT=/dev/shm puts DATA_DIR on tmpfs (fsync becomes free): a diagnostic that
    // separates the disk's fsync latency from the server's own cost. Never used for the reported figures.
    dataDir = await mkdtemp(path.join(process.env.BENCH_DATA_PARENT ?? os.tmpdir(), 'verksted-bench-'));
    if (options.templateDir) await cp(options.templateDir, dataDir, { recursive: true });
    args = [...inspectArgs, ...(options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : []), OUR_MAIN];
    env = ourEnv(port, dataDir);
  } else if (kind === 'yws') {
    args = [...inspectArgs, YWS_MAIN];
    env = { HOST: '127.0.0.1', PORT: String(port) };
  } else {
    args = [...inspectArgs, HOCUS_MAIN];
    env = { HOST: '127.0.0.1', PORT: String(port) };
  }
  if (options.cpuProfDir) await mkdir(options.cpuProfDir, { recursive: true });
  // BENCH_PIN=<server cpu>:<generator cpu> (diagnostic): every server on one CPU, the generator on
  // another (run.ts pins the generator), so the scheduler cannot put them on the same CPU.
  const serverCpu = benchPin()?.server;
  const child = spawn(serverCpu ? 'taskset' : process.execPath, serverCpu ? ['-c', serverCpu, process.execPath, ...args] : args, {
    cwd: kind === 'ours' ? path.join(REPO_DIR, 'server') : BENCH_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let err = '';
  let inspector: string | null = null;
  child.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
    inspector ??= /Debugger listening on (ws:\/\/\S+)/.exec(err)?.[1] ?? null;
    if (process.env.BENCH_SERVER_STDERR) process.stderr.write(d);
  });
  child.stdout!.resume();
  const httpBase = `http://127.0.0.1:${port}`;
  try {
    await waitHttp(kind === 'ours' ? `${httpBase}/healthz` : httpBase, child, () => err);
  } catch (e) {
    child.kill('SIGKILL');
    live.delete(child);
    if (dataDir && !options.keepDataDir) await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    kind,
    pid: child.pid!,
    port,
    framing: kind === 'hocus' ? 'hocus' : 'plain',
    http: httpBase,
    dataDir,
    inspectorUrl: () => inspector,
    wsUrl(room, query) {
      const q = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
      return kind === 'ours' ? `ws://127.0.0.1:${port}/ws/${room}${q}` : `ws://127.0.0.1:${port}/${room}${q}`;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      live.delete(child);
      if (dataDir && !options.keepDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------------------------------------
// /proc measurements

export const CLK_TCK = 100; // getconf CLK_TCK on Linux x86-64; checked at startup (see machineFacts)

/** CPU seconds of a process: utime + stime from /proc/<pid>/stat (clock ticks → seconds). */
export function cpuSecondsStat(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which is in parentheses and may contain spaces).
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return (utime + stime) / CLK_TCK;
}

/**
 * CPU seconds of a process at nanosecond resolution: the sum of /proc/<pid>/task/<tid>/schedstat
 * (first field = time on CPU) over its threads. Threads that ended are missing, so this is used
 * only for short windows where the process's thread set is stable (libuv pool, V8 workers).
 * Falls back to utime+stime when schedstat is unavailable.
 */
export function cpuSeconds(pid: number): number {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const s = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8');
      ns += Number(s.split(' ')[0]);
    }
    return ns / 1e9;
  } catch {
    return cpuSecondsStat(pid);
  }
}

/** Both CPU readings, to take a delta over a window. */
export interface CpuMark {
  stat: number;
  sched: number;
}
export function cpuMark(pid: number): CpuMark {
  return { stat: cpuSecondsStat(pid), sched: cpuSeconds(pid) };
}
/** Seconds of CPU between two marks: schedstat (precise) unless it disagrees wildly with utime+stime. */
export function cpuDelta(a: CpuMark, b: CpuMark): number {
  const sched = b.sched - a.sched;
  const stat = b.stat - a.stat;
  // schedstat misses threads that exited during the window; never report less than the tick count allows.
  return Math.max(sched, stat - 2 / CLK_TCK);
}

/** VmRSS and VmHWM (peak RSS) in MB. */
export function memMB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** Our `/metrics` (prom-client text), or null when the endpoint does not exist in this build. */
export async function readMetrics(server: ServerHandle): Promise<Map<string, number> | null> {
  if (server.kind !== 'ours') return null;
  try {
    const res = await fetch(`${server.http}/metrics`);
    if (res.status !== 200) {
      await res.arrayBuffer();
      return null;
    }
    const text = await res.text();
    const out = new Map<string, number>();
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?)\s+(\S+)/.exec(line);
      if (m) out.set(m[1]!, Number(m[2]));
    }
    return out;
  } catch {
    return null;
  }
}

/** From /metrics: loaded boards (any gauge whose name says board/room and loaded/live) and heap used. */
export function pickMetrics(m: Map<string, number> | null): { boardsLoaded: number | null; heapMB: number | null; boardsMetric: string | null } {
  if (!m) return { boardsLoaded: null, heapMB: null, boardsMetric: null };
  let boardsLoaded: number | null = null;
  let boardsMetric: string | null = null;
  for (const [name, value] of m) {
    if (/(board|room)s?_?(loaded|live|open|in_memory|active)|loaded_(board|room)s?|(board|room)s_loaded/i.test(name)) {
      boardsLoaded = value;
      boardsMetric = name;
      break;
    }
  }
  const heap = m.get('nodejs_heap_size_used_bytes');
  return { boardsLoaded, heapMB: heap === undefined ? null : heap / 1024 / 1024, boardsMetric };
}

/**
 * Used V8 heap of a server started with `inspect`, through the inspector protocol; with `gc` a full
 * garbage collection runs first, so the figure is what the process really retains.
 */
export async function heapUsedMB(server: ServerHandle, gc: boolean): Promise<number | null> {
  const url = server.inspectorUrl();
  if (!url) return null;
  const { default: WebSocket } = await import('ws');
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let id = 0;
  const call = (method: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const myId = ++id;
      const onMessage = (data: Buffer): void => {
        const msg = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown>; error?: unknown };
        if (msg.id !== myId) return;
        ws.off('message', onMessage);
        if (msg.error) reject(new Error(JSON.stringify(msg.error)));
        else resolve(msg.result ?? {});
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id: myId, method }));
    });
  try {
    if (gc) {
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
    }
    const usage = await call('Runtime.getHeapUsage');
    return Number(usage.usedSize) / 1024 / 1024;
  } finally {
    ws.close();
  }
}

/**
 * Time the process's main thread (the event loop) spent runnable but waiting for a CPU
 * (/proc/<pid>/schedstat, second field), in seconds. A high share of a window means other load on
 * the machine delayed the event loop, and latency figures from that window are partly that load's.
 */
export function runQueueWaitSeconds(pid: number | 'self'): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return NaN;
  }
}

/** Our server's log appends (write + fdatasync, one per group) between two /metrics readings. */
export interface AppendStats {
  appends: number;
  meanMs: number;
  /** Upper bound of the histogram bucket holding the median / the 99th percentile. */
  p50LeMs: number;
  p99LeMs: number;
}

export function appendStats(before: Map<string, number> | null, after: Map<string, number> | null): AppendStats | null {
  if (!before || !after) return null;
  const base = 'verksted_log_append_duration_seconds';
  const d = (key: string): number => (after.get(key) ?? 0) - (before.get(key) ?? 0);
  const appends = d(`${base}_count`);
  if (!(appends > 0)) return null;
  const buckets: [number, number][] = [];
  for (const key of after.keys()) {
    const m = new RegExp(`^${base}_bucket\\{le="([^"]+)"\\}$`).exec(key);
    if (m) buckets.push([m[1] === '+Inf' ? Infinity : Number(m[1]) * 1000, d(key)]);
  }
  buckets.sort((a, b) => a[0] - b[0]);
  const le = (q: number): number => buckets.find(([, c]) => c >= q * appends)?.[0] ?? NaN;
  return { appends, meanMs: (d(`${base}_sum`) / appends) * 1000, p50LeMs: le(0.5), p99LeMs: le(0.99) };
}

/** Facts about the machine for the report. */
export async function machineFacts(): Promise<Record<string, string>> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  let ourBuild = 'missing';
  try {
    const { mtime } = await import('node:fs').then((fs) => fs.promises.stat(OUR_MAIN));
    ourBuild = mtime.toISOString();
  } catch {
    /* reported as missing */
  }
  return {
    date: new Date().toISOString(),
    cpu: model,
    cores: String(os.cpus().length),
    memory: `${Math.round(os.totalmem() / 1024 / 1024 / 1024)} GB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    'load average at start': load,
    'server/dist/main.js built': ourBuild,
  };
}

export async function listFiles(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}
