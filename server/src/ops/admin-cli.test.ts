import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addNote, deriveParticipantId, readAreas, readBoard, readNotes } from '@verksted/shared';
import type { CreatedBoard } from '../boards/board-directory.js';
import { FileBoardStore } from '../persistence/file-board-store.js';
import { exportBoard, type BoardExport } from '../exports/board-export.js';
import { replayRecords } from '../relay/SecretKeeper.js';
import { startServer, type TestServer } from '../../test/server.js';
import { connectPeer, type Peer } from '../../test/peers.js';
import { captureUpdate } from '../../test/updates.js';
import { EXIT, runCli } from './admin-cli.js';
import { LOCK_FILE } from './data-dir-lock.js';
import { DAY_MS } from './retention.js';

const NOW = Date.UTC(2026, 10, 28, 12);
const SECRET = 'participant-secret-cli-aaaaaaaa';

let dataDir = '';
const dirs: string[] = [];
const peers: Peer[] = [];
let server: TestServer | null = null;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'verksted-cli-'));
  dirs.push(dataDir);
});

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await server?.close();
  server = null;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
    cwd: dataDir,
    now: () => NOW,
  });
  return { code, stdout, stderr };
}

function withData(argv: string[]): string[] {
  return [...argv, '--data-dir', dataDir];
}

interface Fixture {
  plain: CreatedBoard;
  secret: CreatedBoard;
  /** What the server exported for each board just before it stopped (exportedAt = NOW). */
  expected: Map<string, BoardExport>;
}

function peer(s: TestServer, boardId: string, params: Record<string, string> = {}): Peer {
  const p = connectPeer(s.wsUrl, boardId, params);
  peers.push(p);
  return p;
}

/**
 * Two boards written by a real server, which is then stopped: a plain one, and one in the silent
 * brainstorm holding a participant's withheld note.
 */
async function populate(): Promise<Fixture> {
  const s = await startServer({ dataDir, config: { IDLE_UNLOAD_MS: 60_000 }, deps: { now: () => NOW } });
  server = s;
  const plain = await s.createBoard({ title: 'Retro høst', template: 'retrospective' });
  const secret = await s.createBoard({ title: 'Strategi', template: 'innovation-strategy' });
  const writer = peer(s, plain.id);
  await writer.synced();
  const areaId = readAreas(writer.doc)[0]!.id;
  for (const text of ['første', 'andre', 'tredje']) addNote(writer.doc, { areaId, text, kind: 'idea', authorId: 'w', authorName: 'W' });

  const patch = await s.app.inject({
    method: 'PATCH',
    url: `/api/boards/${secret.id}`,
    headers: { authorization: `Bearer ${secret.facilitatorKey}` },
    payload: { phase: 'brainstorm' },
  });
  expect(patch.statusCode).toBe(200);
  const participant = peer(s, secret.id, { p: SECRET });
  const facilitator = peer(s, secret.id, { key: secret.facilitatorKey });
  await Promise.all([participant.synced(), facilitator.synced()]);
  addNote(participant.doc, {
    areaId: readAreas(participant.doc)[0]!.id,
    text: 'hemmelig idé',
    kind: 'idea',
    authorId: await deriveParticipantId(SECRET),
    authorName: 'Kari',
  });
  await expect.poll(() => readBoard(facilitator.doc).noteCount).toBe(1);
  await expect.poll(() => readBoard(writer.doc).noteCount).toBe(3);

  const expected = new Map<string, BoardExport>();
  for (const id of [plain.id, secret.id]) {
    const room = await s.app.verksted.registry.acquire(id);
    expected.set(id, exportBoard({ boardId: id, doc: room.doc, exportedAt: NOW, view: 'facilitator', hideAuthors: false }));
    room.release();
  }
  for (const p of peers.splice(0)) p.destroy();
  await s.close({ keepData: true });
  server = null;
  return { plain, secret, expected };
}

/** Appends notes to a stopped board's log, the way the server would, without compacting. */
async function appendOffline(boardId: string, texts: string[]): Promise<void> {
  const store = new FileBoardStore({ dataDir });
  const opened = await store.open(boardId);
  const doc = new Y.Doc();
  replayRecords(doc, opened.updates, 'test').destroy();
  const areaId = readAreas(doc)[0]!.id;
  for (const text of texts) {
    await opened.log.append([captureUpdate(doc, () => addNote(doc, { areaId, text, kind: 'need', authorId: 'o', authorName: 'O' }))]);
  }
  await opened.log.close();
  doc.destroy();
}

function boardFile(boardId: string, file: string, dir = dataDir): string {
  return path.join(dir, 'boards', boardId, file);
}

async function flipByte(file: string, at: (size: number) => number): Promise<void> {
  const bytes = await readFile(file);
  const index = at(bytes.length);
  bytes[index] = bytes[index]! ^ 0xff;
  await writeFile(file, bytes);
}

/** A lock as a running server on another host writes it (fresh, so it counts as live). */
async function pretendServerRuns(): Promise<void> {
  await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: 4242, hostname: 'another-host', startedAt: new Date().toISOString() }));
}

function withoutExportedAt(file: BoardExport): Omit<BoardExport, 'exportedAt'> {
  const { exportedAt: _ignored, ...rest } = file;
  return rest;
}

describe('verksted CLI', () => {
  it('prints its usage for help and refuses unknown commands and options', async () => {
    expect((await cli(['help'])).stdout).toContain('backup <dir>');
    expect((await cli([])).code).toBe(EXIT.ok);
    expect((await cli(['frobnicate'])).code).toBe(EXIT.usage);
    expect((await cli(['list', '--force'])).stderr).toContain('unknown option --force');
    expect((await cli(['export', '--data-dir'])).code).toBe(EXIT.usage);
  });

  it('lists every board with its size on disk, last use and expiry', async () => {
    const { plain, secret } = await populate();
    const table = await cli(withData(['list']), { RETENTION_DAYS: '30' });
    expect(table.code).toBe(EXIT.ok);
    const expiry = new Date(NOW + 30 * DAY_MS).toISOString().slice(0, 10);
    for (const board of [plain, secret]) {
      const line = table.stdout.split('\n').find((l) => l.startsWith(board.id));
      expect(line).toMatch(new RegExp(`^${board.id} +${board.joinCode} +[\\d.]+ (B|KiB) +2026-11-28 +2026-11-28 +${expiry} +\\S`));
    }
    expect(table.stdout).toContain('Retro høst');
    expect(table.stdout).toContain('2 boards');

    const json = JSON.parse((await cli(withData(['list', '--json']), { RETENTION_DAYS: '0' })).stdout);
    expect(json).toHaveLength(2);
    const row = json.find((r: { id: string }) => r.id === plain.id);
    expect(row).toEqual({
      id: plain.id,
      joinCode: plain.joinCode,
      title: 'Retro høst',
      bytes: expect.any(Number),
      createdAt: NOW,
      lastOpenedAt: NOW,
      expiresAt: null,
      problems: 0,
    });
    expect(row.bytes).toBeGreaterThan(100);
  });

  it('exports a board exactly as the server does, withheld brainstorm notes included', async () => {
    const { plain, secret, expected } = await populate();
    for (const id of [plain.id, secret.id]) {
      const result = await cli(withData(['export', id]));
      expect(result.code).toBe(EXIT.ok);
      expect(JSON.parse(result.stdout)).toEqual(expected.get(id));
    }
    expect(expected.get(secret.id)!.areas.flatMap((a) => a.notes.map((n) => n.text))).toEqual(['hemmelig idé']);

    const out = await cli(withData(['export', plain.id, '--out', 'retro.json']));
    expect(out.stderr).toContain('retro.json');
    expect(JSON.parse(await readFile(path.join(dataDir, 'retro.json'), 'utf8'))).toEqual(expected.get(plain.id));

    expect((await cli(withData(['export', 'AAAAAAAAAAAAAAAAAAAAAA']))).code).toBe(EXIT.failed);
    expect((await cli(withData(['export', '../etc']))).code).toBe(EXIT.usage);
  });

  it('verifies healthy boards and names every damaged file with a non-zero exit', async () => {
    const { plain, secret } = await populate();
    await appendOffline(plain.id, ['a', 'b', 'c']);
    const healthy = await cli(withData(['verify']));
    expect(healthy.code).toBe(EXIT.ok);
    expect(healthy.stdout).toContain('verified 2 boards');
    expect(healthy.stdout).toContain('no problems');

    await flipByte(boardFile(plain.id, 'log.bin'), (size) => Math.floor(size / 2));
    await flipByte(boardFile(secret.id, 'snapshot.bin'), (size) => size - 3);
    const damaged = await cli(withData(['verify']));
    expect(damaged.code).toBe(EXIT.failed);
    const problems = damaged.stdout.split('\n').filter((line) => line.startsWith('PROBLEM'));
    expect(problems).toHaveLength(2);
    // Boards are checked in id order.
    expect(problems.find((line) => line.includes(plain.id))).toMatch(
      new RegExp(`^PROBLEM ${plain.id}: log\\.bin: record \\d+ \\(at byte \\d+\\) is torn or fails its checksum`),
    );
    expect(problems.find((line) => line.includes(secret.id))).toBe(
      `PROBLEM ${secret.id}: snapshot.bin fails its header or checksum (the server refuses to load the board)`,
    );
    expect(damaged.stdout).toContain('2 problems');
  });

  it('reports a missing or unreadable record', async () => {
    const { plain } = await populate();
    await writeFile(boardFile(plain.id, 'board.json'), '{ not json');
    const result = await cli(withData(['verify']));
    expect(result.code).toBe(EXIT.failed);
    expect(result.stdout).toContain(`PROBLEM ${plain.id}: board.json is not a valid board record`);
  });

  it('compacts every log into its snapshot without changing a board, and refuses while a server runs', async () => {
    const { plain } = await populate();
    await appendOffline(plain.id, ['fire', 'fem']);
    const before = JSON.parse((await cli(withData(['export', plain.id]))).stdout);
    expect((await stat(boardFile(plain.id, 'log.bin'))).size).toBeGreaterThan(0);

    await pretendServerRuns();
    const refused = await cli(withData(['compact']));
    expect(refused.code).toBe(EXIT.failed);
    expect(refused.stderr).toContain('a server is running');
    expect((await stat(boardFile(plain.id, 'log.bin'))).size).toBeGreaterThan(0);

    await rm(path.join(dataDir, LOCK_FILE));
    const compacted = await cli(withData(['compact']));
    expect(compacted.code).toBe(EXIT.ok);
    expect(compacted.stdout).toContain(`compacted ${plain.id}`);
    expect((await stat(boardFile(plain.id, 'log.bin'))).size).toBe(0);
    expect(JSON.parse((await cli(withData(['export', plain.id]))).stdout)).toEqual(before);
    expect(before.areas.flatMap((a: { notes: { text: string }[] }) => a.notes.map((n) => n.text))).toEqual(
      expect.arrayContaining(['fire', 'fem', 'første']),
    );
  });

  it('keeps withheld brainstorm notes withheld when compacting', async () => {
    const { secret } = await populate();
    await appendOffline(secret.id, ['fra fasilitator']);
    expect((await cli(withData(['compact']))).code).toBe(EXIT.ok);
    // The server, loading it again, still keeps the participant's note from other participants.
    server = await startServer({ dataDir, deps: { now: () => NOW } });
    const other = peer(server, secret.id, { p: 'participant-secret-cli-bbbbbbbb' });
    const facilitator = peer(server, secret.id, { key: secret.facilitatorKey });
    await Promise.all([other.synced(), facilitator.synced()]);
    expect(readNotes(other.doc).map((n) => n.text)).toEqual(['fra fasilitator']);
    expect(readNotes(facilitator.doc).map((n) => n.text).sort()).toEqual(['fra fasilitator', 'hemmelig idé']);
  });

  it('deletes a stopped board’s files, and refuses while a server runs', async () => {
    const { plain, secret } = await populate();
    await pretendServerRuns();
    const refused = await cli(withData(['delete', plain.id]));
    expect(refused.code).toBe(EXIT.failed);
    expect(refused.stderr).toContain('DELETE /api/boards/<id>');
    await rm(path.join(dataDir, LOCK_FILE));

    expect((await cli(withData(['delete', plain.id]))).stdout).toBe(`deleted ${plain.id}\n`);
    await expect(stat(path.join(dataDir, 'boards', plain.id))).rejects.toThrow(/ENOENT/);
    expect(JSON.parse((await cli(withData(['list', '--json']))).stdout).map((b: { id: string }) => b.id)).toEqual([secret.id]);
    expect((await cli(withData(['delete', plain.id]))).code).toBe(EXIT.failed);
  });

  it('backs up into a new directory that a fresh server serves with identical exports', async () => {
    const { plain, secret, expected } = await populate();
    const target = path.join(await mkdtemp(path.join(tmpdir(), 'verksted-backup-')), 'copy');
    dirs.push(path.dirname(target));
    const result = await cli(withData(['backup', target]));
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('backed up 2 boards');
    expect((await cli(withData(['backup', target]))).code).toBe(EXIT.usage); // never into a non-empty directory

    server = await startServer({ dataDir: target, deps: { now: () => NOW } });
    for (const id of [plain.id, secret.id]) {
      const room = await server.app.verksted.registry.acquire(id);
      const restored = exportBoard({ boardId: id, doc: room.doc, exportedAt: NOW, view: 'facilitator', hideAuthors: false });
      room.release();
      expect(withoutExportedAt(restored)).toEqual(withoutExportedAt(expected.get(id)!));
    }
    expect((await server.app.inject({ method: 'GET', url: `/api/join/${plain.joinCode}` })).json()).toEqual({ id: plain.id });
  });
});
