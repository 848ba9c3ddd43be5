/**
 * The scenarios. Each takes a started server (and the prepared plan) and returns plain numbers.
 * Server CPU and memory are read from /proc/<pid>; the generator's own CPU from process.cpuUsage().
 */
import * as Y from 'yjs';
import { countNotes } from '@verksted/shared';
import { RawClient, closeAll, openClients, scanMarkers } from './clients.js';
import { MARKER_BASE, WRITER_SPAN, step2Payload, type Plan, type WriterPool } from './plan.js';
import { savedRequest } from './proto.js';
import { appendStats, cpuDelta, cpuMark, heapUsedMB, type AppendStats, memMB, pickMetrics, readMetrics, runQueueWaitSeconds, startServer, type CpuMark, type ServerHandle, type ServerKind, type StartOptions } from './servers.js';
import { percentile, sleep } from './stats.js';

/** A measurement window: wall time, server CPU (from /proc) and generator CPU (process.cpuUsage). */
class Window {
  readonly t0 = performance.now();
  private readonly cpu0: CpuMark;
  private readonly gen0 = process.cpuUsage();
  private readonly wait0: number;
  private readonly genWait0 = runQueueWaitSeconds('self');
  constructor(private readonly pid: number) {
    this.cpu0 = cpuMark(pid);
    this.wait0 = runQueueWaitSeconds(pid);
  }
  end(): WindowResult {
    const seconds = (performance.now() - this.t0) / 1000;
    const serverCpu = cpuDelta(this.cpu0, cpuMark(this.pid));
    const gen = process.cpuUsage(this.gen0);
    return {
      seconds,
      serverCpu,
      serverCpuShare: serverCpu / seconds,
      generatorCpuShare: (gen.user + gen.system) / 1e6 / seconds,
      serverWaitShare: (runQueueWaitSeconds(this.pid) - this.wait0) / seconds,
      generatorWaitShare: (runQueueWaitSeconds('self') - this.genWait0) / seconds,
    };
  }
}

interface WindowResult {
  seconds: number;
  serverCpu: number;
  serverCpuShare: number;
  generatorCpuShare: number;
  /** Share of the window the server's threads were runnable but waiting for a CPU (other load). */
  serverWaitShare: number;
  generatorWaitShare: number;
}

/** Contention figures every result carries. */
export interface Contention {
  serverWaitShare: number;
  generatorWaitShare: number;
}
const contention = (w: WindowResult): Contention => ({ serverWaitShare: w.serverWaitShare, generatorWaitShare: w.generatorWaitShare });

function url(server: ServerHandle, room: string, secret?: string, extra?: Record<string, string>): string {
  return server.wsUrl(room, server.kind === 'ours' ? { ...(secret ? { p: secret } : {}), ...extra } : undefined);
}

/** Writer sockets for a pool; for the reference servers writer 0 first sends the board's initial state. */
async function openWriters(server: ServerHandle, plan: Plan, room: string, pools: readonly WriterPool[], extra?: Record<string, string>, onSaved?: (w: number, seq: number, at: number) => void): Promise<RawClient[]> {
  const writers = await openClients(pools.length, pools.length, (w) =>
    new RawClient({ url: url(server, room, pools[w]!.secret, extra), framing: server.framing, room, onSaved: onSaved ? (seq, at) => onSaved(w, seq, at) : undefined }),
  );
  if (server.kind !== 'ours') writers[0]!.sendUpdate(plan.s0.get(room)!);
  return writers;
}

/** Maps a marker id of a writer pool to its index `w * perWriter + k` (or -1). */
function poolIndexer(base: number, writers: number, perWriter: number): (id: number) => number {
  return (id) => {
    const rel = id - base;
    if (rel < 0) return -1;
    const w = Math.floor(rel / WRITER_SPAN);
    const k = rel - w * WRITER_SPAN;
    return w < writers && k < perWriter ? w * perWriter + k : -1;
  };
}

// ------------------------------------------------------------------------------------------------
// fan-out

export interface FanoutConfig {
  listeners: number;
  /** Edits per second, all writers together. */
  rate: number;
  seconds: number;
  drainMs: number;
}

export interface FanoutResult extends Contention {
  listeners: number;
  edits: number;
  expected: number;
  received: number;
  lost: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Per edit, send → first listener's receipt (ms): processing before the broadcast (incl. our fsync). */
  firstP50: number;
  firstP99: number;
  /** Per edit, first → last listener's receipt (ms): how long the broadcast itself took. */
  spreadP50: number;
  spreadP99: number;
  /** Ours: log appends (write + fdatasync) in the window, from /metrics. */
  appends: AppendStats | null;
  serverCpuShare: number;
  generatorCpuShare: number;
  peakRssMB: number;
  connectSeconds: number;
}

export async function fanout(server: ServerHandle, plan: Plan, cfg: FanoutConfig): Promise<FanoutResult> {
  const pools = plan.fanout;
  const W = pools.length;
  const per = pools[0]!.updates.length;
  const edits = Math.min(Math.round(cfg.rate * cfg.seconds), W * per);
  const L = cfg.listeners;
  const room = plan.boards.fanout;
  const index = poolIndexer(MARKER_BASE.fanout, W, per);
  const sendTime = new Float64Array(W * per);
  const lat = new Float64Array(edits * L);
  let nLat = 0;
  let received = 0;
  const seen: Uint8Array[] = [];
  const worstPerEdit = new Float64Array(W * per);
  const firstPerEdit = new Float64Array(W * per);

  const writers = await openWriters(server, plan, room, pools);
  const connectStart = performance.now();
  const listeners = await openClients(L, 50, (i) => {
    const mine = (seen[i] = new Uint8Array(W * per));
    return new RawClient({
      url: url(server, room),
      framing: server.framing,
      room,
      onUpdate: (frame, at, client) =>
        scanMarkers(frame, client.prefixLen + 2, (id) => {
          const idx = index(id);
          if (idx < 0 || mine[idx]) return;
          mine[idx] = 1;
          const sent = sendTime[idx]!;
          if (sent > 0) {
            lat[nLat++] = at - sent;
            if (at - sent > worstPerEdit[idx]!) worstPerEdit[idx] = at - sent;
            if (firstPerEdit[idx] === 0 || at - sent < firstPerEdit[idx]!) firstPerEdit[idx] = at - sent;
            received++;
          }
        }),
    });
  });
  const connectSeconds = (performance.now() - connectStart) / 1000;
  await sleep(Number(process.env.BENCH_SETTLE_MS ?? 500));

  const metrics0 = await readMetrics(server);
  const win = new Window(server.pid);
  const interval = 1000 / cfg.rate;
  let e = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (e < edits && win.t0 + e * interval <= now) {
        const w = e % W;
        const k = Math.floor(e / W);
        sendTime[w * per + k] = performance.now();
        writers[w]!.sendUpdate(pools[w]!.updates[k]!);
        e++;
      }
      if (e >= edits) resolve();
      else setTimeout(tick, Math.max(0, win.t0 + e * interval - performance.now()));
    };
    tick();
  });
  const expected = edits * L;
  const deadline = performance.now() + cfg.drainMs;
  while (received < expected && performance.now() < deadline) await sleep(10);
  const w = win.end();
  const appends = appendStats(metrics0, await readMetrics(server));
  const peakRssMB = memMB(server.pid).hwm;
  await closeAll([...listeners, ...writers]);
  const sorted = lat.subarray(0, nLat).slice().sort();
  // Per edit: when the first listener had it (server processing, and for ours the fsync) and how
  // long the broadcast took to reach the last one (last − first).
  const sentIdx = [...sendTime.keys()].filter((i) => sendTime[i]! > 0 && worstPerEdit[i]! > 0);
  const first = sentIdx.map((i) => firstPerEdit[i]!).sort((a, b) => a - b);
  const spread = sentIdx.map((i) => worstPerEdit[i]! - firstPerEdit[i]!).sort((a, b) => a - b);
  if (process.env.BENCH_DEBUG) {
    const worst = [...worstPerEdit.keys()].filter((i) => sendTime[i]! > 0).sort((a, b) => worstPerEdit[b]! - worstPerEdit[a]!).slice(0, 8);
    process.stdout.write(`    slowest edits (writer/k @ s after start: worst ms): ${worst.map((i) => `${Math.floor(i / per)}/${i % per} @${((sendTime[i]! - win.t0) / 1000).toFixed(2)}: ${worstPerEdit[i]!.toFixed(1)}`).join(', ')}\n`);
  }
  return {
    listeners: L,
    edits,
    expected,
    received,
    lost: expected - received,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    firstP50: percentile(first, 50),
    firstP99: percentile(first, 99),
    spreadP50: percentile(spread, 50),
    spreadP99: percentile(spread, 99),
    appends,
    serverCpuShare: w.serverCpuShare,
    generatorCpuShare: w.generatorCpuShare,
    peakRssMB,
    connectSeconds,
    ...contention(w),
  };
}

// ------------------------------------------------------------------------------------------------
// burst

export interface BurstConfig {
  listeners: number;
  /** Edits each writer may have sent but not yet seen delivered (at the probe listener). */
  window: number;
  warmupSeconds: number;
  seconds: number;
  drainMs: number;
}

export interface BurstResult extends Contention {
  listeners: number;
  writers: number;
  seconds: number;
  sent: number;
  /** Update deliveries (one update to one listener) inside the window. */
  deliveries: number;
  deliveriesPerSecond: number;
  /** Distinct updates per second each listener received (deliveries/s ÷ listeners). */
  updatesPerSecond: number;
  serverCpuShare: number;
  serverCpuUsPerDelivery: number;
  generatorCpuShare: number;
  lost: number;
  framesPerListenerPerSecond: number;
  p50: number;
  p99: number;
  poolExhausted: boolean;
  /** Ours: group appends (one write + fdatasync each) in the window. */
  appends: AppendStats | null;
  appendsPerSecond: number | null;
}

export async function burst(server: ServerHandle, plan: Plan, cfg: BurstConfig): Promise<BurstResult> {
  const pools = plan.burst;
  const W = pools.length;
  const per = pools[0]!.updates.length;
  const L = cfg.listeners;
  const room = plan.boards.burst;
  const index = poolIndexer(MARKER_BASE.burst, W, per);
  const sent = new Int32Array(W);
  const acked = new Int32Array(W);
  const sendTime = new Float64Array(W * per);
  const probeLat: number[] = [];
  let running = false;
  let measuring = false;
  let inWindow = 0;
  let framesInWindow = 0;
  let received = 0;
  const writers = await openWriters(server, plan, room, pools);
  const pump = (w: number): void => {
    const pool = pools[w]!.updates;
    const writer = writers[w]!;
    while (running && sent[w]! - acked[w]! < cfg.window && sent[w]! < per) {
      sendTime[w * per + sent[w]!] = performance.now();
      writer.sendUpdate(pool[sent[w]!]!);
      sent[w]!++;
    }
  };
  const listeners = await openClients(L, 50, (i) => {
    const mine = new Uint8Array(W * per);
    const probe = i === 0;
    return new RawClient({
      url: url(server, room),
      framing: server.framing,
      room,
      onUpdate: (frame, at, client) => {
        if (measuring) framesInWindow++;
        scanMarkers(frame, client.prefixLen + 2, (id) => {
          const idx = index(id);
          if (idx < 0 || mine[idx]) return;
          mine[idx] = 1;
          received++;
          if (measuring) inWindow++;
          if (probe) {
            const w = Math.floor(idx / per);
            const k = idx - w * per;
            if (measuring) probeLat.push(at - sendTime[idx]!);
            if (k + 1 > acked[w]!) {
              acked[w] = k + 1;
              pump(w);
            }
          }
        });
      },
    });
  });
  await sleep(300);
  running = true;
  for (let w = 0; w < W; w++) pump(w);
  await sleep(cfg.warmupSeconds * 1000);
  const metrics0 = await readMetrics(server);
  measuring = true;
  const win = new Window(server.pid);
  const exhausted = (): boolean => {
    for (let w = 0; w < W; w++) if (acked[w]! < per) return false;
    return true;
  };
  let poolExhausted = false;
  while (performance.now() - win.t0 < cfg.seconds * 1000) {
    if (exhausted()) {
      poolExhausted = true;
      break;
    }
    await sleep(10);
  }
  measuring = false;
  running = false;
  const w = win.end();
  const appends = appendStats(metrics0, await readMetrics(server));
  const totalSent = sent.reduce((a, b) => a + b, 0);
  const expected = totalSent * L;
  const deadline = performance.now() + cfg.drainMs;
  while (received < expected && performance.now() < deadline) await sleep(10);
  await closeAll([...listeners, ...writers]);
  probeLat.sort((a, b) => a - b);
  return {
    listeners: L,
    writers: W,
    seconds: w.seconds,
    sent: totalSent,
    deliveries: inWindow,
    deliveriesPerSecond: inWindow / w.seconds,
    updatesPerSecond: inWindow / w.seconds / L,
    serverCpuShare: w.serverCpuShare,
    serverCpuUsPerDelivery: (w.serverCpu / inWindow) * 1e6,
    generatorCpuShare: w.generatorCpuShare,
    lost: expected - received,
    framesPerListenerPerSecond: framesInWindow / w.seconds / L,
    p50: percentile(probeLat, 50),
    p99: percentile(probeLat, 99),
    poolExhausted,
    appends,
    appendsPerSecond: appends ? appends.appends / w.seconds : null,
    ...contention(w),
  };
}

// ------------------------------------------------------------------------------------------------
// join-large

export interface JoinConfig {
  joins: number;
  /** Pause between joins (a join is measured on a quiet server, not queued behind the previous one). */
  gapMs: number;
}

export interface JoinResult extends Contention {
  joins: number;
  /** Connect → full state received, per join (ms). */
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Bytes the joiner read from its TCP socket until the full state was in (upgrade response included). */
  bytes: number;
  step2Bytes: number;
  serverCpuMsPerJoin: number;
  generatorCpuShare: number;
  notesReceived: number;
}

export async function joinLarge(server: ServerHandle, plan: Plan, cfg: JoinConfig): Promise<JoinResult> {
  const room = plan.boards.join;
  const anchor = new RawClient({ url: url(server, room), framing: server.framing, room });
  await anchor.synced;
  const expectedBytes = plan.join.state.length;
  if (server.kind !== 'ours') {
    anchor.sendUpdate(plan.join.state);
    // Wait until a fresh client gets the whole board.
    for (let attempt = 0; ; attempt++) {
      const probe = new RawClient({ url: url(server, room), framing: server.framing, room });
      await probe.synced;
      await probe.close();
      if (probe.step2Bytes >= expectedBytes * 0.9) break;
      if (attempt > 200) throw new Error(`join board not seeded on ${server.kind}`);
      await sleep(50);
    }
  }
  await sleep(200);
  const times: number[] = [];
  const bytes: number[] = [];
  let step2Bytes = 0;
  let firstFrame: Buffer | null = null;
  let prefixLen = 0;
  const win = new Window(server.pid);
  for (let j = 0; j < cfg.joins; j++) {
    let wire = 0;
    const joiner = new RawClient({
      url: url(server, room, plan.fanout[0]!.secret),
      framing: server.framing,
      room,
      onStep2: (frame, _at, client) => {
        wire = client.wireBytesIn;
        step2Bytes = frame.length;
        if (!firstFrame) {
          firstFrame = frame;
          prefixLen = client.prefixLen;
        }
      },
    });
    await joiner.synced;
    times.push(joiner.syncedAt - joiner.connectStart);
    bytes.push(wire);
    await joiner.close();
    await sleep(cfg.gapMs);
  }
  const w = win.end();
  await anchor.close();
  const check = new Y.Doc();
  Y.applyUpdate(check, step2Payload(firstFrame!, prefixLen));
  const notesReceived = countNotes(check);
  check.destroy();
  const sorted = times.slice().sort((a, b) => a - b);
  return {
    joins: cfg.joins,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted[sorted.length - 1]!,
    bytes: bytes.sort((a, b) => a - b)[bytes.length >> 1]!,
    step2Bytes,
    serverCpuMsPerJoin: (w.serverCpu / cfg.joins) * 1000,
    generatorCpuShare: w.generatorCpuShare,
    notesReceived,
    ...contention(w),
  };
}

// ------------------------------------------------------------------------------------------------
// many-boards

export interface ManyConfig {
  /** How long after everyone left memory is read again. */
  waitSeconds: number;
}

export interface ManyResult {
  boards: number;
  people: number;
  idleRssMB: number;
  peakRssMB: number;
  rssAfterMB: number;
  /** Used V8 heap read through the inspector: idle and after the wait after a forced full GC, at peak without. */
  heapIdleMB: number | null;
  heapPeakMB: number | null;
  heapAfterMB: number | null;
  /** From our /metrics when the endpoint exists (no forced GC). */
  metricsBoardsPeak: number | null;
  metricsBoardsAfter: number | null;
  metricsHeapIdleMB: number | null;
  metricsHeapAfterMB: number | null;
  boardsMetric: string | null;
  /** Boards whose every note was in the step 2 a fresh client got after the wait. */
  boardsIntact: number;
  waitedSeconds: number;
}

interface ManyRunning {
  server: ServerHandle;
  leftAt: number;
  partial: Pick<ManyResult, 'boards' | 'people' | 'idleRssMB' | 'peakRssMB' | 'heapIdleMB' | 'heapPeakMB' | 'metricsBoardsPeak' | 'metricsHeapIdleMB' | 'boardsMetric'>;
}

/** Phase 1 on one server: everyone joins and writes, memory is read, everyone leaves. */
async function manyJoinAndLeave(kind: ServerKind, plan: Plan, start: StartOptions): Promise<ManyRunning> {
  const server = await startServer(kind, { ...start, inspect: true });
  try {
    await sleep(500);
    const idleMetrics = pickMetrics(await readMetrics(server));
    const heapIdleMB = await heapUsedMB(server, true);
    const idle = memMB(server.pid);
    const boards = plan.boards.many;
    const people = plan.many[0]!.length;
    const clients = await openClients(boards.length * people, 50, (i) => {
      const b = Math.floor(i / people);
      const p = i % people;
      const person = plan.many[b]![p]!;
      const c = new RawClient({ url: url(server, boards[b]!, person.secret), framing: server.framing, room: boards[b]! });
      void c.synced.then(() => {
        if (server.kind !== 'ours' && p === 0) c.sendUpdate(plan.s0.get(boards[b]!)!);
        c.sendUpdate(person.update);
      });
      return c;
    });
    await sleep(1500);
    const peak = memMB(server.pid);
    const peakMetrics = pickMetrics(await readMetrics(server));
    const heapPeakMB = await heapUsedMB(server, false);
    await closeAll(clients);
    return {
      server,
      leftAt: performance.now(),
      partial: {
        boards: boards.length,
        people,
        idleRssMB: idle.rss,
        peakRssMB: peak.hwm,
        heapIdleMB,
        heapPeakMB,
        metricsBoardsPeak: peakMetrics.boardsLoaded,
        metricsHeapIdleMB: idleMetrics.heapMB,
        boardsMetric: peakMetrics.boardsMetric,
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Phase 2: after the wait, memory again, then a fresh client per board checks the content is there. */
async function manyAfter(run: ManyRunning, plan: Plan, cfg: ManyConfig): Promise<ManyResult> {
  const { server } = run;
  try {
    const waitLeft = run.leftAt + cfg.waitSeconds * 1000 - performance.now();
    if (waitLeft > 0) await sleep(waitLeft);
    const waitedSeconds = (performance.now() - run.leftAt) / 1000;
    const after = memMB(server.pid);
    const afterMetrics = pickMetrics(await readMetrics(server));
    const heapAfterMB = await heapUsedMB(server, true);
    const boards = plan.boards.many;
    let intact = 0;
    const checkers = await openClients(boards.length, 20, (b) => {
      const room = boards[b]!;
      return new RawClient({
        url: url(server, room),
        framing: server.framing,
        room,
        onStep2: (frame) => {
          if (plan.many[b]!.every((p) => frame.indexOf(p.marker, 0, 'latin1') !== -1)) intact++;
        },
      });
    });
    await closeAll(checkers);
    return {
      ...run.partial,
      rssAfterMB: after.rss,
      heapAfterMB,
      metricsBoardsAfter: afterMetrics.boardsLoaded,
      metricsHeapAfterMB: afterMetrics.heapMB,
      boardsIntact: intact,
      waitedSeconds,
    };
  } finally {
    await server.stop();
  }
}

/**
 * many-boards for several servers: the join/leave phases run one server at a time, the idle waits
 * overlap (an idle server uses no CPU), then each server is checked in turn.
 */
export async function manyBoards(kinds: readonly ServerKind[], plan: Plan, cfg: ManyConfig, startFor: (kind: ServerKind) => StartOptions): Promise<Map<ServerKind, ManyResult>> {
  const running: ManyRunning[] = [];
  const out = new Map<ServerKind, ManyResult>();
  try {
    for (const kind of kinds) running.push(await manyJoinAndLeave(kind, plan, startFor(kind)));
    while (running.length > 0) {
      const run = running.shift()!;
      out.set(run.server.kind, await manyAfter(run, plan, cfg));
    }
  } finally {
    for (const run of running) await run.server.stop();
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// durable write throughput (ours only: the others persist nothing)

export interface DurableConfig {
  window: number;
  warmupSeconds: number;
  seconds: number;
}

export interface DurableResult extends Contention {
  writers: number;
  updatesPerSecond: number;
  ackP50: number;
  ackP99: number;
  serverCpuShare: number;
  generatorCpuShare: number;
  poolExhausted: boolean;
}

export async function durable(server: ServerHandle, plan: Plan, cfg: DurableConfig): Promise<DurableResult> {
  const pools = plan.durable;
  const W = pools.length;
  const per = pools[0]!.updates.length;
  const room = plan.boards.durable;
  const sent = new Int32Array(W);
  const acked = new Int32Array(W);
  const sendTime = pools.map(() => new Float64Array(per));
  const lat: number[] = [];
  let running = false;
  let measuring = false;
  let inWindow = 0;
  const requests = Array.from({ length: per + 1 }, (_, i) => savedRequest(i));
  let writers: RawClient[] = [];
  const pump = (w: number): void => {
    while (running && sent[w]! - acked[w]! < cfg.window && sent[w]! < per) {
      const k = sent[w]!;
      sendTime[w]![k] = performance.now();
      writers[w]!.sendUpdate(pools[w]!.updates[k]!);
      sent[w] = k + 1;
      writers[w]!.sendRaw(requests[k + 1]!);
    }
  };
  writers = await openWriters(server, plan, room, pools, { client: 'verksted' }, (w, seq, at) => {
    if (seq <= acked[w]!) return;
    if (measuring) {
      inWindow += seq - acked[w]!;
      lat.push(at - sendTime[w]![seq - 1]!);
    }
    acked[w] = seq;
    pump(w);
  });
  running = true;
  for (let w = 0; w < W; w++) pump(w);
  await sleep(cfg.warmupSeconds * 1000);
  measuring = true;
  const win = new Window(server.pid);
  let poolExhausted = false;
  while (performance.now() - win.t0 < cfg.seconds * 1000) {
    if (acked.every((a) => a >= per)) {
      poolExhausted = true;
      break;
    }
    await sleep(10);
  }
  measuring = false;
  running = false;
  const w = win.end();
  await closeAll(writers);
  lat.sort((a, b) => a - b);
  return {
    writers: W,
    updatesPerSecond: inWindow / w.seconds,
    ackP50: percentile(lat, 50),
    ackP99: percentile(lat, 99),
    serverCpuShare: w.serverCpuShare,
    generatorCpuShare: w.generatorCpuShare,
    poolExhausted,
    ...contention(w),
  };
}
