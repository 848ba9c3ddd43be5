/**
 * Crash safety of the real server process: rounds of `kill -9` at random moments while stock
 * y-websocket clients write notes on several boards, and graceful SIGTERM / SIGINT restarts.
 *
 * After every kill, before any client may reconnect, the restarted server must hold every update
 * any client had received from the server (the relay sends nothing before it is on disk), every
 * board must load, and then all clients reconnect and converge with the server.
 *
 * CI: 20 rounds, 20 clients, 4 boards. `VERKSTED_HEAVY=1`: 100 rounds, 60 clients, 10 boards.
 * `VERKSTED_SEED=<n>` repeats a run (the seed is printed).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE, PARTICIPANT_PARAM, addNote, deriveParticipantId, notesMap, randomToken, readAreas, readNote, updateNote } from '@verksted/shared';
import { connectPeer, type Peer } from '../test/peers.js';
import { spawnServer, type ServerProcess } from '../test/server-process.js';
import { bundleServer } from '../test/server-bundle.js';
import { HEAVY, Random, createBoardAt, missingFrom, noteTexts, sameState, sleep, testSeed } from '../test/reliability.js';

const ROUNDS = Number(process.env.VERKSTED_CRASH_ROUNDS ?? (HEAVY ? 100 : 20));
const CLIENTS = HEAVY ? 60 : 20;
const BOARDS = HEAVY ? 10 : 4;
/**
 * Pause between one client's writes, in ms. Heavy runs write less often per client: every client
 * holds a full copy of its board in this one process, and 60 copies of boards grown over 100 rounds
 * at the CI pace exhausted the test process's 4 GB heap.
 */
const WRITE_PAUSE_MS: [number, number] = HEAVY ? [80, 320] : [20, 80];
/** Small, so that kills also land in the middle of compactions. */
const COMPACT_AFTER_BYTES = 8 * 1024;

let entry = '';
const dataDirs: string[] = [];
const running: ServerProcess[] = [];

beforeAll(async () => {
  // Every stock provider adds a process 'exit' listener; hundreds of them are expected here.
  process.setMaxListeners(0);
  entry = await bundleServer();
}, 60_000);

afterAll(async () => {
  for (const server of running) {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await spawnServer(
    {
      CLIENT_DIST: '/nonexistent/verksted-client-dist',
      MAX_CONNECTIONS_PER_IP: '100000',
      MAX_CONNECTIONS_PER_BOARD: '100000',
      MAX_MESSAGES_PER_SECOND: '100000',
      BOARDS_PER_IP_PER_HOUR: '100000',
      ...env,
    },
    entry,
  );
  running.push(server);
  return server;
}

async function killHard(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  expect((await server.exited).signal).toBe('SIGKILL');
}

/** One stock client that keeps its document across server restarts. */
interface Client {
  index: number;
  boardId: string;
  peer: Peer;
  /** Notes this client wrote, for appending edits. */
  own: string[];
  /** Derived from the `p` secret it connects with, as our client does: its notes stay its own across reconnects. */
  participantId: string;
}

describe('kill -9 at random moments', () => {
  it(`keeps everything any client received and converges all clients, ${ROUNDS} rounds`, async () => {
    const seed = testSeed();
    const random = new Random(seed);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'verksted-crash-'));
    dataDirs.push(dataDir);
    const env = { DATA_DIR: dataDir, COMPACT_AFTER_BYTES: String(COMPACT_AFTER_BYTES) };
    let server = await start({ ...env, PORT: '0' });
    const port = String(server.port);
    /** `view`: everything the board's clients were sent by the server, applied together (checked against the disk every round). */
    const boards: { id: string; areaIds: string[]; view: Y.Doc }[] = [];
    for (let b = 0; b < BOARDS; b++) boards.push({ id: (await createBoardAt(server.httpUrl, { title: `Crash ${b}` })).id, areaIds: [], view: new Y.Doc() });

    const clients: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const boardId = boards[i % BOARDS]!.id;
      const secret = randomToken(24);
      const peer = connectPeer(server.wsUrl, boardId, { [PARTICIPANT_PARAM]: secret });
      clients.push({ index: i, boardId, peer, own: [], participantId: await deriveParticipantId(secret) });
    }
    await Promise.all(clients.map((c) => c.peer.synced()));
    for (const board of boards) board.areaIds = readAreas(clients.find((c) => c.boardId === board.id)!.peer.doc).map((a) => a.id);

    let written = 0;
    let checkedUpdates = 0;
    let edits = 0;
    const killAfterMs: number[] = [];
    const stats = { steady: 0, resync: 0 };
    const ms = { restart: 0, check: 0, converge: 0 };
    let mark = performance.now();
    const lap = (phase: keyof typeof ms): void => {
      const now = performance.now();
      ms[phase] += now - mark;
      mark = now;
    };

    /** Each client writes (new notes, sometimes an appended edit of its own) until `writing` turns false. */
    let writing = false;
    const write = async (client: Client): Promise<void> => {
      const areaIds = boards.find((b) => b.id === client.boardId)!.areaIds;
      for (let n = 0; writing; n++) {
        if (client.own.length > 0 && random.chance(0.15)) {
          const id = random.pick(client.own);
          const text = readNote(client.peer.doc, id)?.text ?? '';
          if (text.length < 200) {
            updateNote(client.peer.doc, id, { text: `${text}+` });
            edits++;
          }
        } else {
          const id = addNote(client.peer.doc, {
            areaId: random.pick(areaIds),
            text: `c${client.index} n${written}`,
            kind: 'idea',
            authorId: client.participantId,
            authorName: `Client ${client.index}`,
          });
          client.own.push(id);
          written++;
        }
        await sleep(random.int(...WRITE_PAUSE_MS));
      }
    };

    const closeCodes = new Map<number, number>();
    for (const c of clients) {
      c.peer.provider.on('connection-close', (event) => {
        const code = event?.code ?? 0;
        closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
      });
    }
    let round = 0;
    try {
      for (round = 1; round <= ROUNDS; round++) {
        // Most rounds kill during steady writing; some during the burst of re-syncs right after
        // every client reconnects with notes it wrote while offline.
        const resync = random.chance(0.3);
        writing = true;
        let writers: Promise<void>[];
        let killAt: number;
        if (resync) {
          stats.resync++;
          for (const c of clients) c.peer.provider.disconnect();
          writers = clients.map(write);
          await sleep(random.int(50, 200));
          for (const c of clients) c.peer.provider.connect();
          killAt = random.int(0, 250);
        } else {
          stats.steady++;
          writers = clients.map(write);
          killAt = random.int(50, 500);
        }
        killAfterMs.push(killAt);
        await sleep(killAt);
        await killHard(server);
        writing = false;
        await Promise.all(writers);
        // No client may reconnect before the disk has been checked, or it would re-send what it has
        // and hide a loss.
        for (const c of clients) c.peer.provider.disconnect();

        mark = performance.now();
        server = await start({ ...env, PORT: port });
        lap('restart');
        // A fresh client per board, all at once: each board loads, and holds what clients were sent.
        const checkers = boards.map((board) => ({ board, peer: connectPeer(server.wsUrl, board.id) }));
        try {
          await allSynced(checkers.map((c) => c.peer), `round ${round} (seed ${seed}): checkers after the restart`);
          for (const { board, peer: checker } of checkers) {
            expect(checker.doc.store.pendingStructs, `round ${round}: pending structs on board ${board.id}`).toBeNull();
            const members = clients.filter((c) => c.boardId === board.id);
            // What the clients received since the last check (checked updates are dropped: memory).
            const fresh = members.map((client) => client.peer.received.splice(0));
            checkedUpdates += fresh.reduce((sum, updates) => sum + updates.length, 0);
            // Applying everything the clients were sent to what the disk holds must change nothing.
            const missing = missingFrom(checker.doc, fresh.flat());
            expect(missing.pending, `round ${round}: received updates depend on something the disk lacks`).toBe(false);
            if (missing.changed > 0) {
              const culprits = members.filter((_, i) => missingFrom(checker.doc, fresh[i]!).changed > 0).map((c) => c.index);
              expect.fail(`round ${round} (seed ${seed}): clients ${culprits.join(', ')} received updates the disk lacks`);
            }
            // The same, note by note: every note any client was ever sent is there, with at least that
            // text (edits only append, and a later edit may have reached the disk before the kill).
            for (const update of fresh.flat()) Y.applyUpdate(board.view, update);
            const onDisk = noteTexts(checker.doc);
            const lost = [...noteTexts(board.view)].filter(([id, seen]) => !onDisk.get(id)?.startsWith(seen));
            expect(lost, `round ${round} (seed ${seed}): notes clients of board ${board.id} were sent`).toEqual([]);
          }
          lap('check');

          // Everyone reconnects (re-sending what the server lost) and converges with the server, which
          // the checkers (still connected, receiving every relay) stand for.
          for (const c of clients) c.peer.provider.connect();
          await allSynced(clients.map((c) => c.peer), `round ${round} (seed ${seed}): clients after reconnecting`);
          await expect
            .poll(() => clients.filter((c) => !sameState(c.peer.doc, checkers.find((k) => k.board.id === c.boardId)!.peer.doc)).map((c) => c.index), {
              timeout: 15_000,
              interval: 50,
              message: `round ${round} (seed ${seed}): clients not converged with the server`,
            })
            .toEqual([]);
          lap('converge');
          if (HEAVY && round % 10 === 0) {
            console.log(`[crash] round ${round}: ${written} notes, ${checkedUpdates} received updates checked, test heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB`);
          }
        } finally {
          for (const { peer } of checkers) peer.destroy();
        }
      }
    } catch (err) {
      const serverLog = server.output.filter((line) => !line.includes('"level":30')).slice(-20);
      console.log(`[crash] failed in round ${round} (seed ${seed}); close codes ${JSON.stringify([...closeCodes])}; server log:\n${serverLog.join('\n')}`);
      throw err;
    }
    // Finally, a graceful restart: everything every client has is on disk.
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    for (const c of clients) c.peer.provider.disconnect();
    server = await start({ ...env, PORT: port });
    let notesOnDisk = 0;
    for (const board of boards) {
      const checker = connectPeer(server.wsUrl, board.id);
      await checker.synced();
      for (const client of clients.filter((c) => c.boardId === board.id)) {
        expect(missingFrom(checker.doc, [Y.encodeStateAsUpdate(client.peer.doc)])).toEqual({ changed: 0, pending: false });
      }
      notesOnDisk += notesMap(checker.doc).size;
      checker.destroy();
    }
    for (const c of clients) c.peer.destroy();
    expect(notesOnDisk).toBe(written);
    const sorted = [...killAfterMs].sort((a, b) => a - b);
    console.log(
      `[crash] seed ${seed}: ${ROUNDS} kill -9 rounds (${stats.steady} while writing, ${stats.resync} during re-sync), ` +
        `${CLIENTS} clients on ${BOARDS} boards, ${written} notes + ${edits} edits written, ` +
        `${checkedUpdates} received updates checked against the disk, 0 lost; ${notesOnDisk} notes on disk at the end; ` +
        `kill after ${sorted[0]}–${sorted.at(-1)} ms (median ${sorted[Math.floor(sorted.length / 2)]} ms); ` +
        `time spent: restarts ${Math.round(ms.restart)} ms, disk checks ${Math.round(ms.check)} ms, convergence ${Math.round(ms.converge)} ms`,
    );
  }, HEAVY ? 1_800_000 : 120_000);
});

/** Waits until every peer synced; on timeout, says which did not and what their connection is doing. */
async function allSynced(peers: Peer[], context: string): Promise<void> {
  const describe = (p: Peer, i: number) =>
    `#${i} connected=${p.provider.wsconnected} connecting=${p.provider.wsconnecting} ws=${p.provider.ws?.readyState ?? 'none'} ` +
    `shouldConnect=${p.provider.shouldConnect} failedReconnects=${p.provider.wsUnsuccessfulReconnects}`;
  await expect
    .poll(() => peers.map(describe).filter((_, i) => !peers[i]!.provider.synced), { timeout: 20_000, interval: 20, message: `${context}: not synced` })
    .toEqual([]);
}

describe('graceful shutdown', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal} closes sockets with 1012 "restarting", compacts, and a stock client resyncs after the restart`, async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'verksted-term-'));
      dataDirs.push(dataDir);
      let server = await start({ DATA_DIR: dataDir, PORT: '0' });
      const port = String(server.port);
      const board = await createBoardAt(server.httpUrl);
      const writer = connectPeer(server.wsUrl, board.id);
      const other = connectPeer(server.wsUrl, board.id);
      try {
        await Promise.all([writer.synced(), other.synced()]);
        const areaId = readAreas(writer.doc)[0]!.id;
        addNote(writer.doc, { areaId, text: 'before the restart', kind: 'goal', authorId: 'w', authorName: 'W' });
        await expect.poll(() => notesMap(other.doc).size).toBe(1);

        const close = new Promise<{ code: number; reason: string }>((resolve) =>
          writer.provider.once('connection-close', (event) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })),
        );
        server.child.kill(signal);
        expect(await close).toEqual({ code: CLOSE.restarting, reason: 'restarting' });
        expect(await server.exited).toEqual({ code: 0, signal: null });
        // Flushed and compacted: the log is empty, the snapshot holds the note.
        expect((await stat(path.join(dataDir, 'boards', board.id, 'log.bin'))).size).toBe(0);

        // Written while the server is down; the provider keeps trying to reconnect on its own.
        addNote(writer.doc, { areaId, text: 'while it restarted', kind: 'idea', authorId: 'w', authorName: 'W' });
        await sleep(300);
        server = await start({ DATA_DIR: dataDir, PORT: port });
        await expect.poll(() => writer.provider.synced && other.provider.synced, { timeout: 10_000 }).toBe(true);
        await expect.poll(() => notesMap(other.doc).size, { timeout: 10_000 }).toBe(2);
        expect(sameState(writer.doc, other.doc)).toBe(true);
      } finally {
        writer.destroy();
        other.destroy();
        server.child.kill('SIGKILL');
        await server.exited;
      }
    }, 60_000);
  }
});
