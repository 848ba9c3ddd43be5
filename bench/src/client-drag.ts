/**
 * Client responsiveness while dragging: the built app in Debian's Chromium with the CPU slowed
 * down 4× (Chrome DevTools' throttling), a board of N notes, notes dragged by mouse between the
 * first two areas (drag 1: the first note of the first area to the top of the second; drag 2:
 * back; and so on). Prints every long task (main-thread task over 50 ms, from the Long Tasks
 * API) seen during the drags, split by phase: pick-up (button down and the moves until the drag
 * is active), move (the remaining pointer moves), drop (button up and one second after it).
 *
 *   npx pnpm@10.34.9 --filter @verksted/client build && npx pnpm@10.34.9 bench:drag   # 1,000 notes
 *   NOTES=200 npx pnpm@10.34.9 bench:drag
 *
 * Options (environment): NOTES (1000), THROTTLE (4), DRAGS (5), STEPS (pointer moves per drag, 30),
 * SETTLE_MS (time between the board showing and the first drag, 2000; not throttled),
 * TRACE=1 also records a Chromium performance trace of the drags (Playwright's
 * browser.startTracing) to bench/profiles/drag-<notes>.trace.json — open it in Chrome DevTools'
 * Performance panel — and prints the long tasks (RunTask > 50 ms on the page's main thread) it
 * saw (TRACE=full adds JavaScript samples and more, at a cost: the tasks grow). PROFILE=1
 * records a V8 CPU profile of each phase of each drag to
 * bench/profiles/drag-<notes>-<drag>-<phase>.cpuprofile (summarise with src/profile-summary.ts;
 * build the client with `vite build --minify false` first to get readable names).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import * as encoding from 'lib0/encoding';
import { addNote, deriveParticipantId, readAreas } from '@verksted/shared';

const ROOT = process.env.VERKSTED_ROOT ?? resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NOTES = Number(process.env.NOTES ?? 1000);
const THROTTLE = Number(process.env.THROTTLE ?? 4);
const DRAGS = Number(process.env.DRAGS ?? 5);
const STEPS = Number(process.env.STEPS ?? 30);
/** How long the page may settle after it shows the board before the first drag (a person needs longer). */
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 2000);
const TRACE_FULL = process.env.TRACE === 'full';
const TRACE = process.env.TRACE === '1' || TRACE_FULL;
const PROFILE = process.env.PROFILE === '1';
const PROFILE_DIR = join(ROOT, 'bench/profiles');
const LONG_TASK_MS = 50;
const PORT = 4300 + Math.floor(Math.random() * 500);
const ORIGIN = `http://127.0.0.1:${PORT}`;

const PHASES = ['pick-up', 'move', 'drop'] as const;
type Phase = (typeof PHASES)[number];

async function waitHealthy(): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${ORIGIN}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

/** Fills the board with NOTES notes as one update sent over the websocket (sync step 2 is accepted as an update). */
async function fillBoard(boardId: string, key: string): Promise<void> {
  const secret = 'bench-drag-secret-0123456789';
  const authorId = await deriveParticipantId(secret);
  const ws = new WebSocket(`ws://127.0.0.1:${PORT}/ws/${boardId}?key=${key}&p=${secret}`);
  ws.binaryType = 'arraybuffer';
  const doc = new Y.Doc();
  await new Promise<void>((resolveSynced, reject) => {
    ws.on('error', reject);
    ws.on('message', (data: ArrayBuffer) => {
      const bytes = new Uint8Array(data);
      // [0 sync, 1 step2, update]: the board as the server has it.
      if (bytes[0] === 0 && bytes[1] === 1) {
        Y.applyUpdate(doc, bytes.subarray(2 + varUintLength(bytes, 2)));
        resolveSynced();
      }
    });
    ws.on('open', () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
      ws.send(encoding.toUint8Array(e));
    });
  });
  const before = Y.encodeStateVector(doc);
  const areas = readAreas(doc);
  for (let i = 0; i < NOTES; i++) {
    addNote(doc, { areaId: areas[i % areas.length]!.id, text: `Idé nummer ${i}`, kind: 'idea', authorId, authorName: 'Bench' });
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, before));
  ws.send(encoding.toUint8Array(e));
  await new Promise((r) => setTimeout(r, 1000));
  ws.close();
}

function varUintLength(bytes: Uint8Array, offset: number): number {
  let n = 0;
  while (bytes[offset + n]! & 0x80) n++;
  return n + 1;
}

/** A phase boundary: a user-timing mark (it shows in the trace) and its time on the page's clock. */
async function mark(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => performance.mark(n).startTime, name);
}

interface LongTask {
  start: number;
  duration: number;
}

interface DragResult {
  tookMs: number;
  /** Page-clock times: phase starts and the end of the drop phase. */
  marks: Record<Phase | 'end', number>;
}

async function startProfile(cdp: CDPSession): Promise<void> {
  if (PROFILE) await cdp.send('Profiler.start');
}

async function stopProfile(cdp: CDPSession, name: string): Promise<void> {
  if (!PROFILE) return;
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
}

/** Drags the first note of area `fromArea` to near the top of area `toArea`. */
async function drag(page: Page, cdp: CDPSession, index: number, fromArea: number, toArea: number): Promise<DragResult> {
  const areas = page.getByTestId('area');
  const handle = areas.nth(fromArea).getByTestId('note').first().getByRole('button', { name: 'Drag note' });
  await handle.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  const to = (await areas.nth(toArea).boundingBox())!;
  const x0 = from.x + from.width / 2;
  const y0 = from.y + from.height / 2;
  const x1 = to.x + to.width / 2;
  const y1 = to.y + 120;
  const name = `drag-${NOTES}-${index + 1}`;
  const started = Date.now();

  await startProfile(cdp);
  const pickUp = await mark(page, `${name} pick-up`);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  let step = 1;
  let active = false;
  for (; step <= STEPS && !active; step++) {
    await page.mouse.move(x0 + (x1 - x0) * (step / STEPS), y0 + (y1 - y0) * (step / STEPS));
    // The dragged note's handle is pressed (aria-pressed) once the drag has started.
    active = await page.evaluate(() => document.querySelector('button[aria-label="Drag note"][aria-pressed="true"]') !== null);
  }
  if (!active) throw new Error('the drag did not start');
  await stopProfile(cdp, `${name}-pick-up`);

  await startProfile(cdp);
  const move = await mark(page, `${name} move`);
  for (; step <= STEPS; step++) {
    await page.mouse.move(x0 + (x1 - x0) * (step / STEPS), y0 + (y1 - y0) * (step / STEPS));
  }
  await stopProfile(cdp, `${name}-move`);

  await startProfile(cdp);
  const drop = await mark(page, `${name} drop`);
  await page.mouse.up();
  await page.waitForTimeout(1000);
  const end = await mark(page, `${name} end`);
  await stopProfile(cdp, `${name}-drop`);
  return { tookMs: Date.now() - started, marks: { 'pick-up': pickUp, move, drop, end } };
}

function phaseOf(start: number, marks: Record<Phase | 'end', number>): Phase | null {
  if (start < marks['pick-up'] || start >= marks.end) return null;
  if (start >= marks.drop) return 'drop';
  if (start >= marks.move) return 'move';
  return 'pick-up';
}

const fmt = (tasks: readonly number[]): string => `[${tasks.map((d) => d.toFixed(0)).join(', ')}]`;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  cat?: string;
  args?: { name?: string };
}

/** Long tasks in the trace: top-level RunTask events over 50 ms on a renderer's main thread, by phase (from the user-timing marks). */
function traceLongTasks(path: string): { byPhase: Map<string, number[]>; outside: number[] } {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mainThreads = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const marks = events
    .filter((e) => e.cat?.includes('blink.user_timing') && /^drag-\d+-\d+ /.test(e.name) && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'))
    .map((e) => ({ ts: e.ts, name: e.name }))
    .sort((a, b) => a.ts - b.ts);
  const byPhase = new Map<string, number[]>();
  const outside: number[] = [];
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mainThreads.has(`${e.pid}:${e.tid}`) || (e.dur ?? 0) <= LONG_TASK_MS * 1000) continue;
    const last = marks.filter((m) => m.ts <= e.ts).at(-1);
    const label = last && !last.name.endsWith(' end') ? last.name : null;
    if (label) byPhase.set(label, [...(byPhase.get(label) ?? []), e.dur! / 1000]);
    else outside.push(e.dur! / 1000);
  }
  return { byPhase, outside };
}

async function main(): Promise<void> {
  if (PROFILE || TRACE) mkdirSync(PROFILE_DIR, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'verksted-drag-'));
  const server = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG: '0' },
    stdio: 'ignore',
  });
  try {
    await waitHealthy();
    const created = (await (
      await fetch(`${ORIGIN}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Drag bench', template: 'retrospective', language: 'en' }),
      })
    ).json()) as { id: string; facilitatorKey: string };
    await fillBoard(created.id, created.facilitatorKey);

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/b/${created.id}#key=${created.facilitatorKey}`);
    await page.getByTestId('note').nth(NOTES - 1).waitFor({ timeout: 60_000 });
    // The drag layer loads after the board; wait for its handles, then let the page settle.
    await page.getByRole('button', { name: 'Drag note' }).first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(SETTLE_MS);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: false });
    });
    const cdp = await context.newCDPSession(page);
    if (PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    }
    const tracePath = join(PROFILE_DIR, `drag-${NOTES}.trace.json`);
    if (TRACE) {
      await browser.startTracing(page, {
        path: tracePath,
        screenshots: false,
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'disabled-by-default-devtools.timeline.frame',
          'toplevel',
          'blink.user_timing',
          'v8.execute',
          // TRACE=full: also JavaScript samples, the stacks of forced layouts and V8's compiling, as
          // DevTools records them (they slow the page down noticeably, so the long tasks grow).
          ...(TRACE_FULL
            ? ['disabled-by-default-devtools.timeline.stack', 'disabled-by-default-v8.compile', 'disabled-by-default-v8.cpu_profiler']
            : []),
          // More, comma-separated (e.g. disabled-by-default-devtools.timeline.invalidationTracking).
          ...(process.env.TRACE_EXTRA ? process.env.TRACE_EXTRA.split(',') : []),
        ],
      });
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });

    const results: DragResult[] = [];
    for (let i = 0; i < DRAGS; i++) {
      results.push(await drag(page, cdp, i, i % 2, (i + 1) % 2));
    }
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: LongTask[] }).longTasks);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    if (TRACE) await browser.stopTracing();
    await browser.close();

    console.log(
      `notes on the board: ${NOTES}; CPU throttling: ${THROTTLE}x; ${DRAGS} drag(s) of ${STEPS} pointer moves each, between the first two areas, the first ${SETTLE_MS} ms after the board showed`,
    );
    const worstByPhase = new Map<Phase, number>(PHASES.map((p) => [p, 0]));
    results.forEach((result, i) => {
      const byPhase = new Map<Phase, number[]>(PHASES.map((p) => [p, []]));
      for (const task of longTasks) {
        const phase = phaseOf(task.start, result.marks);
        if (phase) byPhase.get(phase)!.push(task.duration);
      }
      for (const p of PHASES) worstByPhase.set(p, Math.max(worstByPhase.get(p)!, ...byPhase.get(p)!));
      console.log(
        `drag ${i + 1} (${result.tookMs} ms): long tasks (> ${LONG_TASK_MS} ms, Long Tasks API) ` +
          PHASES.map((p) => `${p} ${fmt(byPhase.get(p)!)}`).join(', '),
      );
    });
    const worst = Math.max(0, ...longTasks.map((t) => t.duration));
    console.log(`worst long task by phase: ${PHASES.map((p) => `${p} ${worstByPhase.get(p)!.toFixed(0)} ms`).join(', ')}`);
    console.log(`long tasks (> ${LONG_TASK_MS} ms) during the drags: ${longTasks.length}; worst: ${worst.toFixed(0)} ms; all: ${fmt(longTasks.map((t) => t.duration))}`);
    if (TRACE) {
      const fromTrace = traceLongTasks(tracePath);
      console.log(`performance trace ${relative(process.cwd(), tracePath)}: RunTask > ${LONG_TASK_MS} ms on the page's main thread:`);
      for (const [label, tasks] of fromTrace.byPhase) console.log(`  ${label}: ${fmt(tasks)}`);
      if (fromTrace.outside.length) console.log(`  outside the drags: ${fmt(fromTrace.outside)}`);
      if (fromTrace.byPhase.size === 0) console.log('  none');
    }
    if (PROFILE) console.log(`CPU profiles of each phase: ${relative(process.cwd(), PROFILE_DIR)}/drag-${NOTES}-<drag>-<phase>.cpuprofile`);
    console.log(worst > LONG_TASK_MS ? `TARGET MISSED: a long task over ${LONG_TASK_MS} ms` : `target met: no long task over ${LONG_TASK_MS} ms`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
