/**
 * Medians over repetitions, one table with every figure per server, our ratios, the targets, and
 * the machine facts. Written to bench/results/<mode>-<time>.{md,json}; a complete run (all servers,
 * all scenarios) also replaces its block in bench/RESULTS.md.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BurstResult, DurableResult, FanoutResult, JoinResult, ManyResult } from './scenarios.js';
import { BENCH_DIR, SERVER_KINDS, SERVER_LABEL, type ServerKind } from './servers.js';
import { median } from './stats.js';
import type { ModeConfig, ScenarioName } from './run.js';

export interface Samples {
  /** key `${listeners}:${kind}` */
  fanout: Map<string, FanoutResult[]>;
  burst: Map<string, BurstResult[]>;
  join: Map<string, JoinResult[]>;
  many: Map<string, ManyResult[]>;
  durable: Map<string, DurableResult[]>;
}

type Better = 'lower' | 'higher' | null;

interface Row {
  scenario: string;
  figure: string;
  values: Partial<Record<ServerKind, number | null>>;
  better: Better;
  digits: number;
  /** A second figure shown after a slash (e.g. generator next to server). */
  extra?: Partial<Record<ServerKind, number | null>>;
  target?: string;
  met?: boolean | null;
  /** Servers whose figure is the generator's (its CPU ≥ 90% of a core). */
  generatorBound?: Partial<Record<ServerKind, boolean>>;
  /** Servers whose window had other load on the machine (server or generator runnable but waiting ≥ 10%). */
  busy?: Partial<Record<ServerKind, boolean>>;
  note?: string;
}

const GEN_LIMIT = 0.9;
const WAIT_LIMIT = 0.1;

function med<T>(list: T[] | undefined, pick: (t: T) => number | null): number | null {
  if (!list || list.length === 0) return null;
  const m = median(list.map(pick));
  return Number.isFinite(m) ? m : null;
}

function fmt(v: number | null | undefined, digits: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (Math.abs(v) >= 10000) return Math.round(v).toLocaleString('en-US');
  return v.toFixed(digits);
}

function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

function bestOther(row: Row): number | null {
  const others = (['yws', 'hocus'] as const).map((k) => row.values[k]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (others.length === 0 || !row.better) return null;
  return row.better === 'lower' ? Math.min(...others) : Math.max(...others);
}

function buildRows(samples: Samples, mode: ModeConfig): Row[] {
  const rows: Row[] = [];
  const per = <T>(map: Map<string, T[]>, key: (k: ServerKind) => string, pick: (t: T) => number | null): Partial<Record<ServerKind, number | null>> => {
    const out: Partial<Record<ServerKind, number | null>> = {};
    for (const k of SERVER_KINDS) if (map.has(key(k))) out[k] = med(map.get(key(k)), pick);
    return out;
  };
  const genBound = <T extends { generatorCpuShare: number }>(map: Map<string, T[]>, key: (k: ServerKind) => string): Partial<Record<ServerKind, boolean>> => {
    const out: Partial<Record<ServerKind, boolean>> = {};
    for (const k of SERVER_KINDS) {
      const g = med(map.get(key(k)), (t) => t.generatorCpuShare);
      if (g !== null) out[k] = g >= GEN_LIMIT;
    }
    return out;
  };

  const busyMap = <T extends { serverWaitShare: number; generatorWaitShare: number }>(map: Map<string, T[]>, key: (k: ServerKind) => string): Partial<Record<ServerKind, boolean>> => {
    const out: Partial<Record<ServerKind, boolean>> = {};
    for (const k of SERVER_KINDS) {
      const w = med(map.get(key(k)), (t) => Math.max(t.serverWaitShare, t.generatorWaitShare));
      if (w !== null) out[k] = w >= WAIT_LIMIT;
    }
    return out;
  };
  const waitRow = <T extends { serverWaitShare: number; generatorWaitShare: number }>(sc: string, map: Map<string, T[]>, key: (k: ServerKind) => string): Row => ({
    scenario: sc,
    figure: 'server / generator waiting for a CPU (% of window)',
    values: per(map, key, (t) => t.serverWaitShare * 100),
    better: null,
    digits: 0,
    extra: Object.fromEntries(SERVER_KINDS.map((k) => [k, med(map.get(key(k)), (t) => t.generatorWaitShare * 100)])),
  });

  for (const listeners of mode.fanoutListeners) {
    const key = (k: ServerKind): string => `${listeners}:${k}`;
    if (![...samples.fanout.keys()].some((k) => k.startsWith(`${listeners}:`))) continue;
    const sc = `fan-out ${listeners}`;
    const gb = genBound(samples.fanout, key);
    const busy = busyMap(samples.fanout, key);
    const p99 = per(samples.fanout, key, (r) => r.p99);
    const lost = per(samples.fanout, key, (r) => r.lost);
    rows.push({ scenario: sc, figure: 'latency p50 (ms)', values: per(samples.fanout, key, (r) => r.p50), better: 'lower', digits: 1, generatorBound: gb });
    rows.push({ scenario: sc, figure: 'latency p95 (ms)', values: per(samples.fanout, key, (r) => r.p95), better: 'lower', digits: 1, generatorBound: gb });
    const p99Row: Row = { scenario: sc, figure: 'latency p99 (ms)', values: p99, better: 'lower', digits: 1, generatorBound: gb, busy };
    if (listeners === 200 || listeners === 500) {
      p99Row.target = '≤ 0.8× better, 0 lost';
      const best = bestOther(p99Row);
      const r = ratio(p99.ours, best);
      p99Row.met = r === null ? null : r <= 0.8 && lost.ours === 0;
    }
    rows.push(p99Row);
    rows.push({ scenario: sc, figure: 'latency max (ms)', values: per(samples.fanout, key, (r) => r.max), better: 'lower', digits: 1, generatorBound: gb });
    rows.push({ scenario: sc, figure: 'deliveries lost', values: lost, better: null, digits: 0 });
    rows.push({ scenario: sc, figure: 'per edit: send → first listener, p50 / p99 (ms)', values: per(samples.fanout, key, (r) => r.firstP50), extra: per(samples.fanout, key, (r) => r.firstP99), better: 'lower', digits: 1 });
    rows.push({ scenario: sc, figure: 'per edit: first → last listener, p50 / p99 (ms)', values: per(samples.fanout, key, (r) => r.spreadP50), extra: per(samples.fanout, key, (r) => r.spreadP99), better: 'lower', digits: 1 });
    rows.push({ scenario: sc, figure: 'ours: log append (write + fdatasync) mean / p99 bucket ≤ (ms, /metrics)', values: per(samples.fanout, key, (r) => r.appends?.meanMs ?? null), extra: per(samples.fanout, key, (r) => r.appends?.p99LeMs ?? null), better: null, digits: 1 });
    rows.push({ scenario: sc, figure: 'server CPU (% of a core)', values: per(samples.fanout, key, (r) => r.serverCpuShare * 100), better: 'lower', digits: 0 });
    rows.push({ scenario: sc, figure: 'generator CPU (% of a core)', values: per(samples.fanout, key, (r) => r.generatorCpuShare * 100), better: null, digits: 0 });
    rows.push(waitRow(sc, samples.fanout, key));
  }

  if (samples.burst.size > 0) {
    const key = (k: ServerKind): string => k;
    const gb = genBound(samples.burst, key);
    const sc = `burst (${mode.burst.listeners} listeners)`;
    const ups = per(samples.burst, key, (r) => r.updatesPerSecond);
    const cpu = per(samples.burst, key, (r) => r.serverCpuUsPerDelivery);
    const upsRow: Row = { scenario: sc, figure: 'delivered updates/s (per listener)', values: ups, better: 'higher', digits: 0, generatorBound: gb, busy: busyMap(samples.burst, key), target: '≥ 1.2× Hocuspocus' };
    const ru = ratio(ups.ours, ups.hocus);
    upsRow.met = ru === null ? null : ru >= 1.2;
    rows.push(upsRow);
    rows.push({ scenario: sc, figure: 'deliveries/s (all listeners)', values: per(samples.burst, key, (r) => r.deliveriesPerSecond), better: 'higher', digits: 0, generatorBound: gb });
    const cpuRow: Row = { scenario: sc, figure: 'server CPU per delivery (µs)', values: cpu, better: 'lower', digits: 2, target: '< Hocuspocus' };
    const rc = ratio(cpu.ours, cpu.hocus);
    cpuRow.met = rc === null ? null : rc < 1;
    rows.push(cpuRow);
    rows.push({ scenario: sc, figure: 'server CPU (% of a core)', values: per(samples.burst, key, (r) => r.serverCpuShare * 100), better: null, digits: 0 });
    rows.push({ scenario: sc, figure: 'frames per listener per s', values: per(samples.burst, key, (r) => r.framesPerListenerPerSecond), better: null, digits: 0 });
    rows.push({ scenario: sc, figure: 'ours: group appends/s (/metrics) / mean append (ms)', values: per(samples.burst, key, (r) => r.appendsPerSecond), extra: per(samples.burst, key, (r) => r.appends?.meanMs ?? null), better: null, digits: 0 });
    rows.push({ scenario: sc, figure: 'probe latency p99 (ms)', values: per(samples.burst, key, (r) => r.p99), better: 'lower', digits: 1 });
    rows.push({ scenario: sc, figure: 'deliveries lost', values: per(samples.burst, key, (r) => r.lost), better: null, digits: 0 });
    rows.push({ scenario: sc, figure: 'generator CPU (% of a core)', values: per(samples.burst, key, (r) => r.generatorCpuShare * 100), better: null, digits: 0 });
    rows.push(waitRow(sc, samples.burst, key));
  }

  if (samples.join.size > 0) {
    const key = (k: ServerKind): string => k;
    const sc = `join-large (${mode.sizes.joinNotes} notes)`;
    const ms = per(samples.join, key, (r) => r.medianMs);
    const cpu = per(samples.join, key, (r) => r.serverCpuMsPerJoin);
    const msRow: Row = { scenario: sc, figure: 'connect → full state, median (ms)', values: ms, better: 'lower', digits: 1, target: '≤ 0.5× better', generatorBound: genBound(samples.join, key), busy: busyMap(samples.join, key) };
    const r1 = ratio(ms.ours, bestOther(msRow));
    msRow.met = r1 === null ? null : r1 <= 0.5;
    rows.push(msRow);
    rows.push({ scenario: sc, figure: 'connect → full state, p95 (ms)', values: per(samples.join, key, (r) => r.p95Ms), better: 'lower', digits: 1 });
    const cpuRow: Row = { scenario: sc, figure: 'server CPU per join (ms)', values: cpu, better: 'lower', digits: 2, target: '≤ 0.25× better' };
    const r2 = ratio(cpu.ours, bestOther(cpuRow));
    cpuRow.met = r2 === null ? null : r2 <= 0.25;
    rows.push(cpuRow);
    rows.push({ scenario: sc, figure: 'bytes to the joiner (kB)', values: per(samples.join, key, (r) => r.bytes / 1024), better: 'lower', digits: 0 });
    rows.push({ scenario: sc, figure: 'notes in the received state', values: per(samples.join, key, (r) => r.notesReceived), better: null, digits: 0 });
    rows.push(waitRow(sc, samples.join, key));
  }

  if (samples.many.size > 0) {
    const key = (k: ServerKind): string => k;
    const anyMany = [...samples.many.values()][0]![0]!;
    const sc = `many-boards (${anyMany.boards} × ${anyMany.people})`;
    rows.push({ scenario: sc, figure: 'RSS idle (MB)', values: per(samples.many, key, (r) => r.idleRssMB), better: 'lower', digits: 0 });
    rows.push({ scenario: sc, figure: 'peak RSS (MB)', values: per(samples.many, key, (r) => r.peakRssMB), better: 'lower', digits: 0 });
    rows.push({ scenario: sc, figure: `RSS ${anyMany.waitedSeconds.toFixed(0)} s after all left (MB)`, values: per(samples.many, key, (r) => r.rssAfterMB), better: 'lower', digits: 0 });
    const intact = per(samples.many, key, (r) => r.boardsIntact);
    const heapIdle = per(samples.many, key, (r) => r.heapIdleMB);
    const heapAfter = per(samples.many, key, (r) => r.heapAfterMB);
    rows.push({ scenario: sc, figure: 'V8 heap used idle, after full GC (MB, inspector)', values: heapIdle, better: 'lower', digits: 1 });
    rows.push({ scenario: sc, figure: 'V8 heap used at peak (MB, inspector)', values: per(samples.many, key, (r) => r.heapPeakMB), better: 'lower', digits: 1 });
    const heapRow: Row = { scenario: sc, figure: 'V8 heap used after all left, after full GC (MB, inspector)', values: heapAfter, better: 'lower', digits: 1, target: '≤ idle + 10 MB' };
    heapRow.met = typeof heapAfter.ours === 'number' && typeof heapIdle.ours === 'number' ? heapAfter.ours - heapIdle.ours <= 10 : null;
    rows.push(heapRow);
    rows.push({ scenario: sc, figure: 'heap retained after all left − idle (MB)', values: Object.fromEntries(SERVER_KINDS.filter((k) => k in heapAfter).map((k) => [k, typeof heapAfter[k] === 'number' && typeof heapIdle[k] === 'number' ? heapAfter[k]! - heapIdle[k]! : null])), better: 'lower', digits: 1 });
    const loaded = per(samples.many, key, (r) => r.metricsBoardsAfter);
    const haveMetrics = typeof loaded.ours === 'number';
    if (haveMetrics) {
      const name = [...samples.many.values()][0]![0]!.boardsMetric;
      rows.push({ scenario: sc, figure: `boards loaded at peak (/metrics ${name})`, values: per(samples.many, key, (r) => r.metricsBoardsPeak), better: null, digits: 0 });
      const loadedRow: Row = { scenario: sc, figure: 'boards loaded after all left (/metrics)', values: loaded, better: null, digits: 0, target: '0' };
      loadedRow.met = loaded.ours === 0;
      rows.push(loadedRow);
      rows.push({ scenario: sc, figure: 'heap used idle (/metrics, MB)', values: per(samples.many, key, (r) => r.metricsHeapIdleMB), better: null, digits: 1 });
      rows.push({ scenario: sc, figure: 'heap used after all left (/metrics, MB)', values: per(samples.many, key, (r) => r.metricsHeapAfterMB), better: null, digits: 1 });
    } else {
      rows.push({ scenario: sc, figure: 'boards loaded after all left (/metrics)', values: { ours: null }, better: null, digits: 0, target: '0', met: null, note: 'no /metrics in this build' });
    }
    const intactRow: Row = { scenario: sc, figure: 'boards with all content on rejoin', values: intact, better: 'higher', digits: 0, target: `${anyMany.boards}` };
    intactRow.met = typeof intact.ours === 'number' ? intact.ours === anyMany.boards : null;
    rows.push(intactRow);
  }

  if (samples.durable.size > 0) {
    const key = (k: ServerKind): string => k;
    const sc = `durable writes (${mode.sizes.durableWriters} writers)`;
    const note = 'others persist nothing';
    rows.push({ scenario: sc, figure: 'updates/s fsync’d before ack', values: per(samples.durable, key, (r) => r.updatesPerSecond), better: null, digits: 0, note });
    rows.push({ scenario: sc, figure: 'ack latency p50 (ms)', values: per(samples.durable, key, (r) => r.ackP50), better: null, digits: 1, note });
    rows.push({ scenario: sc, figure: 'ack latency p99 (ms)', values: per(samples.durable, key, (r) => r.ackP99), better: null, digits: 1, note });
    rows.push({ scenario: sc, figure: 'server CPU (% of a core)', values: per(samples.durable, key, (r) => r.serverCpuShare * 100), better: null, digits: 0, note });
  }
  return rows;
}

function renderTable(rows: Row[], servers: readonly ServerKind[]): string {
  const head = ['scenario', 'figure', ...servers.map((k) => SERVER_LABEL[k]), 'ours ÷ y-websocket', 'ours ÷ better of two', 'target', 'met'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const row of rows) {
    const vals = servers.map((k) => {
      const v = row.values[k];
      if (row.note && k !== 'ours' && (v === undefined || v === null)) return 'n/a';
      const extra = row.extra ? ` / ${fmt(row.extra[k], row.digits)}` : '';
      return `${fmt(v, row.digits)}${extra}${row.generatorBound?.[k] ? ' ⚠gen' : ''}${row.busy?.[k] ? ' ⚠busy' : ''}`;
    });
    const rRef = row.better ? ratio(row.values.ours, row.values.yws) : null;
    const rBest = row.better ? ratio(row.values.ours, bestOther(row)) : null;
    const met = row.met === undefined ? '' : row.met === null ? '?' : row.met ? 'yes' : '**no**';
    lines.push(`| ${row.scenario} | ${row.figure}${row.note ? ` (${row.note})` : ''} | ${vals.join(' | ')} | ${rRef === null ? '' : rRef.toFixed(2)} | ${rBest === null ? '' : rBest.toFixed(2)} | ${row.target ?? ''} | ${met} |`);
  }
  return lines.join('\n');
}

export interface ReportInput {
  mode: ModeConfig;
  args: { servers: ServerKind[]; only: ScenarioName[]; profile: string | null };
  facts: Record<string, string>;
  samples: Samples;
  command: string;
  seconds: number;
  write: boolean;
}

function configText(mode: ModeConfig): string {
  const f = mode.fanout;
  const b = mode.burst;
  return [
    `- fan-out: ${mode.sizes.fanoutWriters} writers, ${f.rate} edits/s in total for ${f.seconds} s, listeners ${mode.fanoutListeners.join(' / ')}; latency = writer's send → listener's receipt of the frame holding the edit's marker; drain ${f.drainMs} ms`,
    `- burst: ${mode.sizes.burstWriters} writers each keeping ${b.window} edits in flight (an edit leaves flight when the probe listener got it), ${b.listeners} listeners, ${b.warmupSeconds} s warm-up, ${b.seconds} s window`,
    `- join-large: ${mode.sizes.joinNotes}-note board (one anchor client stays connected), ${mode.join.joins} sequential fresh joins`,
    `- many-boards: ${mode.sizes.manyBoards} boards × ${mode.sizes.manyPeople} people (each adds a note), memory read again ${mode.many.waitSeconds} s after everyone left, then one fresh client per board checks every note is there`,
    `- durable: ${mode.sizes.durableWriters} writers (our opt-in MESSAGE_SAVED), ${mode.durable.window} unacknowledged edits each, ${mode.durable.seconds} s window`,
  ].join('\n');
}

export async function writeReport(input: ReportInput): Promise<{ table: string; markdown: string }> {
  const rows = buildRows(input.samples, input.mode);
  const table = renderTable(rows, input.args.servers);
  const facts = Object.entries(input.facts)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  const markdown = [
    `Command: \`${input.command}\` (${input.mode.reps} repetition${input.mode.reps > 1 ? 's' : ''}, medians; took ${input.seconds.toFixed(0)} s)`,
    '',
    `Machine: ${facts}`,
    '',
    configText(input.mode),
    '',
    table,
    '',
    '`⚠gen`: the generator used ≥ 90% of a core in that window, so the figure is (partly) the generator’s, not the server’s. `⚠busy`: the server or the generator was runnable but waiting for a CPU ≥ 10% of the window (other load on the machine; `/proc/<pid>/schedstat` of the event-loop thread).',
    input.args.profile ? `\nCPU profiles of our server: \`${path.relative(BENCH_DIR, input.args.profile)}\`` : '',
  ].join('\n');
  if (input.write) {
    const dir = path.join(BENCH_DIR, 'results');
    await mkdir(dir, { recursive: true });
    const stamp = input.facts.date!.replace(/[:.]/g, '-');
    await writeFile(path.join(dir, `${input.mode.name}-${stamp}.md`), `${markdown}\n`);
    const raw = Object.fromEntries(Object.entries(input.samples).map(([k, m]) => [k, Object.fromEntries(m as Map<string, unknown[]>)]));
    await writeFile(path.join(dir, `${input.mode.name}-${stamp}.json`), `${JSON.stringify({ command: input.command, facts: input.facts, mode: input.mode, samples: raw }, null, 2)}\n`);
    const complete = input.args.servers.length === SERVER_KINDS.length && input.args.only.length === 5;
    if (complete) await replaceBlock(input.mode.name, markdown);
  }
  return { table, markdown };
}

async function replaceBlock(mode: string, markdown: string): Promise<void> {
  const file = path.join(BENCH_DIR, 'RESULTS.md');
  let text = await readFile(file, 'utf8').catch(() => '# Benchmark results\n');
  const begin = `<!-- BEGIN ${mode} (generated by the benchmark; do not edit) -->`;
  const end = `<!-- END ${mode} -->`;
  const block = `${begin}\n${markdown}\n${end}`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i !== -1 && j !== -1) text = text.slice(0, i) + block + text.slice(j + end.length);
  else text = `${text.trimEnd()}\n\n## Latest \`${mode}\` run\n\n${block}\n`;
  await writeFile(file, text);
}
