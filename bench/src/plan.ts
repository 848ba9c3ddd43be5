/**
 * Preparation, done once per benchmark invocation before anything is measured:
 *
 * 1. Start our server on an empty DATA_DIR, create the boards every scenario uses (POST /api/boards,
 *    template 'retrospective', default phase 'share'), read each board's initial state (S0), fill
 *    the join-large board with its notes, stop the server (which compacts every board). That
 *    DATA_DIR is the template every later run of our server starts from (copied fresh each time),
 *    so board ids and S0 are the same in every run and the reference servers get the same S0.
 * 2. Pre-generate every writer's edits as encoded Yjs updates (real Y.Docs, `addNote` / `moveNote`
 *    from @verksted/shared, each edit writing a unique marker into the note text), so that during
 *    a measurement a writer only sends bytes.
 */
import * as Y from 'yjs';
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { addNote, deriveParticipantId, moveNote, notesMap, randomToken, readAreas } from '@verksted/shared';
import { RawClient, markerText } from './clients.js';
import { readVarUint, savedRequest } from './proto.js';
import { startServer } from './servers.js';

export interface WriterPool {
  secret: string;
  authorId: string;
  updates: Uint8Array[];
}

export interface Person {
  secret: string;
  authorId: string;
  /** The note this person adds (marker in its text). */
  update: Uint8Array;
  marker: string;
}

export interface PlanSizes {
  fanoutWriters: number;
  /** Edits per fan-out writer (rate × duration / writers, with margin). */
  fanoutPerWriter: number;
  burstWriters: number;
  burstPerWriter: number;
  durableWriters: number;
  durablePerWriter: number;
  joinNotes: number;
  manyBoards: number;
  manyPeople: number;
}

export interface Plan {
  templateDir: string;
  boards: { fanout: string; burst: string; durable: string; join: string; many: string[] };
  s0: Map<string, Uint8Array>;
  fanout: WriterPool[];
  burst: WriterPool[];
  durable: WriterPool[];
  join: { state: Uint8Array; notes: number };
  many: Person[][];
  prepSeconds: number;
}

/** Marker id spaces: scenario base + writer × WRITER_SPAN + edit index. */
export const MARKER_BASE = { fanout: 10_000_000, burst: 20_000_000, durable: 30_000_000, join: 40_000_000, many: 50_000_000 } as const;
export const WRITER_SPAN = 1_000_000;

/** Notes each writer adds before it starts moving them. */
const ADDS_PER_WRITER = 24;

/** The Yjs update inside a sync step-2 frame (`prefixLen`: Hocuspocus's document-name prefix). */
export function step2Payload(frame: Buffer, prefixLen = 0): Uint8Array {
  const [len, start] = readVarUint(frame, prefixLen + 2);
  return new Uint8Array(frame.buffer, frame.byteOffset + start, len).slice();
}

async function fetchState(url: string, room: string): Promise<Uint8Array> {
  let payload: Uint8Array | null = null;
  const client = new RawClient({ url, framing: 'plain', room, onStep2: (frame) => (payload = step2Payload(frame)) });
  await client.synced;
  await client.close();
  return payload!;
}

/** Runs `task(0..count-1)` with at most `concurrency` at a time; results in order. */
async function inParallel<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

async function createBoard(http: string, title: string): Promise<string> {
  const res = await fetch(`${http}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, template: 'retrospective', language: 'en' }),
  });
  if (res.status !== 201) throw new Error(`POST /api/boards: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Identity of a participant: secret (websocket param `p`) and the author id our server derives from it. */
export async function newIdentity(): Promise<{ secret: string; authorId: string }> {
  const secret = randomToken(18);
  return { secret, authorId: await deriveParticipantId(secret) };
}

/**
 * `count` edits of one writer against S0: ADDS_PER_WRITER notes first, then each edit moves one of
 * them (moveNote) and replaces its text with a fresh marker, in one transaction (one update).
 */
export function generateWriter(s0: Uint8Array, authorId: string, writer: number, count: number, base: number): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, s0, 'init');
  const areas = readAreas(doc);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'w') updates.push(update);
  });
  const ids: string[] = [];
  const text = (k: number): string => `${markerText(base + writer * WRITER_SPAN + k)} note by bench writer ${writer}`;
  for (let k = 0; k < count; k++) {
    if (k < ADDS_PER_WRITER) {
      ids.push(addNote(doc, { areaId: areas[k % areas.length]!.id, text: text(k), kind: 'idea', authorId, authorName: `Writer ${writer}` }, 'w'));
      continue;
    }
    const id = ids[k % ADDS_PER_WRITER]!;
    doc.transact(() => {
      moveNote(doc, id, { areaId: areas[(k * 7 + writer) % areas.length]!.id, index: k % 3 });
      // Replaced whole (not spliced) so the marker travels contiguously in the update.
      const t = notesMap(doc).get(id)!.get('text') as Y.Text;
      t.delete(0, t.length);
      t.insert(0, text(k));
    }, 'w');
  }
  if (updates.length !== count) throw new Error(`writer ${writer}: ${updates.length} updates for ${count} edits`);
  doc.destroy();
  return updates;
}

async function writerPools(s0: Uint8Array, writers: number, perWriter: number, base: number): Promise<WriterPool[]> {
  const pools: WriterPool[] = [];
  for (let w = 0; w < writers; w++) {
    const id = await newIdentity();
    pools.push({ ...id, updates: generateWriter(s0, id.authorId, w, perWriter, base) });
  }
  return pools;
}

/** The join-large board's notes, as a few updates (each under the 1 MB frame limit), built in a worker. */
function joinUpdates(s0: Uint8Array, authorId: string, notes: number): Promise<{ updates: Uint8Array[]; state: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./join-notes-worker.mjs', import.meta.url), { workerData: { s0, authorId, notes, markerBase: MARKER_BASE.join } });
    worker.once('message', (result: { updates: Uint8Array[]; state: Uint8Array }) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`join notes worker exited with ${code}`));
    });
  });
}

export async function prepare(sizes: PlanSizes, log: (s: string) => void): Promise<Plan> {
  const started = performance.now();
  const server = await startServer('ours', { keepDataDir: true });
  const templateDir = server.dataDir!;
  try {
    const s0 = new Map<string, Uint8Array>();
    // The join-large board first: its notes are built in a worker while the rest is prepared.
    const joinBoard = await createBoard(server.http, 'bench join-large');
    s0.set(joinBoard, await fetchState(server.wsUrl(joinBoard), joinBoard));
    const seeder = await newIdentity();
    const joinPending = joinUpdates(s0.get(joinBoard)!, seeder.authorId, sizes.joinNotes);
    joinPending.catch(() => undefined);
    const boards = {
      fanout: await createBoard(server.http, 'bench fan-out'),
      burst: await createBoard(server.http, 'bench burst'),
      durable: await createBoard(server.http, 'bench durable'),
      join: joinBoard,
      many: await inParallel(sizes.manyBoards, 10, (i) => createBoard(server.http, `bench many ${i}`)),
    };
    const ids = [boards.fanout, boards.burst, boards.durable, ...boards.many];
    const states = await inParallel(ids.length, 10, (i) => fetchState(server.wsUrl(ids[i]!), ids[i]!));
    ids.forEach((id, i) => s0.set(id, states[i]!));
    log(`  ${ids.length + 1} boards created and read in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const t0 = performance.now();
    const fanout = await writerPools(s0.get(boards.fanout)!, sizes.fanoutWriters, sizes.fanoutPerWriter, MARKER_BASE.fanout);
    const burst = await writerPools(s0.get(boards.burst)!, sizes.burstWriters, sizes.burstPerWriter, MARKER_BASE.burst);
    const durable = await writerPools(s0.get(boards.durable)!, sizes.durableWriters, sizes.durablePerWriter, MARKER_BASE.durable);
    log(`  generated ${sizes.fanoutWriters * sizes.fanoutPerWriter + sizes.burstWriters * sizes.burstPerWriter + sizes.durableWriters * sizes.durablePerWriter} writer edits in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // The join-large board: one participant adds every note; wait until the server says it is on disk.
    const join = await joinPending;
    await new Promise<void>((resolve, reject) => {
      const client = new RawClient({
        url: server.wsUrl(boards.join, { p: seeder.secret, client: 'verksted' }),
        framing: 'plain',
        room: boards.join,
        onSaved: () => resolve(),
      });
      client.synced.then(() => {
        for (const u of join.updates) client.sendUpdate(u);
        client.sendRaw(savedRequest(1));
      }, reject);
      client.closedPromise.then(() => reject(new Error('join seeder closed')));
    });
    log(`  [${((performance.now() - started) / 1000).toFixed(1)} s] join-large board filled with ${sizes.joinNotes} notes (${(join.state.length / 1024).toFixed(0)} kB state)`);

    // many-boards: every person adds one note to their board.
    const many: Person[][] = [];
    for (let b = 0; b < boards.many.length; b++) {
      const id = boards.many[b]!;
      const people: Person[] = [];
      for (let p = 0; p < sizes.manyPeople; p++) {
        const ident = await newIdentity();
        const doc = new Y.Doc();
        Y.applyUpdate(doc, s0.get(id)!, 'init');
        let update: Uint8Array | null = null;
        doc.on('update', (u: Uint8Array, origin: unknown) => {
          if (origin === 'p') update = u;
        });
        const marker = markerText(MARKER_BASE.many + b * 100 + p);
        addNote(doc, { areaId: readAreas(doc)[p % 3]!.id, text: `${marker} note on board ${b}`, kind: 'need', authorId: ident.authorId, authorName: `P${p}` }, 'p');
        people.push({ ...ident, update: update!, marker });
        doc.destroy();
      }
      many.push(people);
    }

    await server.stop(); // compacts every board into its snapshot
    return {
      templateDir,
      boards,
      s0,
      fanout,
      burst,
      durable,
      join: { state: join.state, notes: sizes.joinNotes },
      many,
      prepSeconds: (performance.now() - started) / 1000,
    };
  } catch (err) {
    await server.stop();
    await rm(templateDir, { recursive: true, force: true });
    throw err;
  }
}
