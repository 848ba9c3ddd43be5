/**
 * Helpers for the reliability tests (crash rounds, reconnect storm, fuzzing): a seeded random
 * source, board creation over HTTP, document comparisons, a /healthz latency probe in its own
 * process and the resident memory of a process.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as Y from 'yjs';
import { NOTE_FIELD, notesMap, type TemplateId } from '@verksted/shared';
import type { CreatedBoard } from '../src/boards/board-directory.js';

/** True when the heavier variants should run (`VERKSTED_HEAVY=1`). */
export const HEAVY = process.env.VERKSTED_HEAVY === '1';

/** The seed of a test run: `VERKSTED_SEED` to repeat a run, otherwise a fresh one (printed by the tests). */
export function testSeed(): number {
  const given = Number(process.env.VERKSTED_SEED);
  return Number.isInteger(given) && given > 0 ? given : (Date.now() % 2_147_483_647) + 1;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `POST /api/boards` on a running server. */
export async function createBoardAt(httpUrl: string, body: { title?: string; template?: TemplateId } = {}): Promise<CreatedBoard> {
  const response = await fetch(`${httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: body.title ?? 'Reliability', template: body.template ?? 'retrospective' }),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreatedBoard;
}

/** Note id → text, read straight from the document (cheaper than readNote for thousands of notes). */
export function noteTexts(doc: Y.Doc): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [id, note] of notesMap(doc)) {
    const text = note instanceof Y.Map ? note.get(NOTE_FIELD.text) : undefined;
    texts.set(id, text instanceof Y.Text ? text.toString() : typeof text === 'string' ? text : '');
  }
  return texts;
}

/** Every note of a document as sorted `id=text` lines: equal digests, equal notes. */
export function noteDigest(doc: Y.Doc): string {
  return [...noteTexts(doc)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, text]) => `${id}=${text}`)
    .join('\n');
}

/** True when two documents have seen exactly the same changes (state vectors) and hold the same notes. */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  // State vectors first: cheap, and they differ while a sync is still running.
  const va = Y.encodeStateVector(a);
  const vb = Y.encodeStateVector(b);
  if (va.length !== vb.length) return false;
  const ma = Y.decodeStateVector(va);
  const mb = Y.decodeStateVector(vb);
  if (ma.size !== mb.size) return false;
  for (const [client, clock] of ma) if (mb.get(client) !== clock) return false;
  return noteDigest(a) === noteDigest(b);
}

/**
 * How many of `updates` would change `base`: applies them to a copy. 0 means `base` already holds
 * every one of them. Also reports whether anything is left pending (a dependency `base` lacks).
 */
export function missingFrom(base: Y.Doc, updates: readonly Uint8Array[]): { changed: number; pending: boolean } {
  const check = new Y.Doc();
  Y.applyUpdate(check, Y.encodeStateAsUpdate(base));
  let changed = 0;
  check.on('update', () => changed++);
  for (const update of updates) Y.applyUpdate(check, update);
  const pending = check.store.pendingStructs !== null || check.store.pendingDs !== null;
  check.destroy();
  return { changed, pending };
}

/** Resident set size of a process in bytes (Linux /proc). */
export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

/** What a health probe measured. */
export interface ProbeResult {
  requests: number;
  failures: number;
  maxMs: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Requests `url` one after another (a pause of `intervalMs` between) from a separate process, so
 * that the latency measured is the server's, not this test process's event loop. `stop()` ends the
 * probe and returns what it saw.
 */
export function startHealthProbe(url: string, intervalMs = 20): { stop(): Promise<ProbeResult> } {
  const script = `
    const url = ${JSON.stringify(url)};
    const times = []; let failures = 0; let running = true;
    process.stdin.on('data', () => { running = false; });
    (async () => {
      while (running) {
        const started = performance.now();
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
          await response.arrayBuffer();
          if (!response.ok) failures++;
        } catch { failures++; }
        times.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, ${intervalMs}));
      }
      times.sort((a, b) => a - b);
      const at = (q) => times.length ? times[Math.min(times.length - 1, Math.floor(q * times.length))] : 0;
      process.stdout.write(JSON.stringify({ requests: times.length, failures, maxMs: times.at(-1) ?? 0, p50Ms: at(0.5), p99Ms: at(0.99) }));
      process.exit(0);
    })();
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const done = new Promise<ProbeResult>((resolve, reject) => {
    child.once('exit', () => {
      try {
        resolve(JSON.parse(out) as ProbeResult);
      } catch (err) {
        reject(new Error(`health probe gave no result: ${String(err)}`));
      }
    });
  });
  return {
    stop() {
      child.stdin.write('stop\n');
      return done;
    },
  };
}
