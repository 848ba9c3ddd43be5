import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addNote, addVote, deleteNote, readAllVotes, readAreas, readBoard, readNotes, readSettings, updateNote } from '@verksted/shared';
import type { BoardExport } from '../exports/board-export.js';
import type { SnapshotMeta } from '../persistence/snapshot-meta.js';
import type { CreatedBoard } from '../boards/board-directory.js';
import { startServer, type TestServer } from '../../test/server.js';
import { bearer, editBoard } from '../../test/boards.js';
import { connectPeer, type Peer } from '../../test/peers.js';

let server: TestServer | null = null;
const peers: Peer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await server?.close();
  server = null;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function peer(boardId: string, params: Record<string, string> = {}): Peer {
  const p = connectPeer(server!.wsUrl, boardId, params);
  peers.push(p);
  return p;
}

function inject(method: 'GET' | 'POST' | 'PATCH', url: string, key?: string, payload?: object) {
  return server!.app.inject({ method, url, headers: key ? bearer(key) : {}, ...(payload ? { payload } : {}) });
}

async function listSnapshots(board: CreatedBoard): Promise<SnapshotMeta[]> {
  return (await inject('GET', `/api/boards/${board.id}/snapshots`, board.facilitatorKey)).json<{ snapshots: SnapshotMeta[] }>().snapshots;
}

async function snapshotFile(board: CreatedBoard, snapshotId: string): Promise<BoardExport> {
  const response = await inject('GET', `/api/boards/${board.id}/snapshots/${snapshotId}/export.json`, board.facilitatorKey);
  expect(response.statusCode).toBe(200);
  return response.json<BoardExport>();
}

const texts = (file: BoardExport): string[] => file.areas.flatMap((a) => a.notes.map((n) => n.text)).sort();

async function addText(board: CreatedBoard, text: string): Promise<string> {
  return editBoard(server!, board.id, (doc) => addNote(doc, { areaId: readAreas(doc)[0]!.id, text, kind: 'idea', authorId: 'p1', authorName: 'P' }));
}

describe('automatic snapshots', () => {
  it('a snapshot taken at a phase change holds the state of that moment after later edits', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const noteId = await addText(board, 'before the vote');
    const changed = await inject('PATCH', `/api/boards/${board.id}`, board.facilitatorKey, { phase: 'vote' });
    expect(changed.statusCode).toBe(200);
    // Edited at once, while the snapshot may still be on its way to disk.
    await editBoard(server, board.id, (doc) => updateNote(doc, noteId, { text: 'edited later' }));
    await addText(board, 'added later');

    await vi.waitFor(async () => expect(await listSnapshots(board)).toHaveLength(1));
    const [meta] = await listSnapshots(board);
    expect(meta).toMatchObject({ reason: 'phase', phase: 'vote', label: '', noteCount: 1, secret: true });
    expect(texts(await snapshotFile(board, meta!.id))).toEqual(['before the vote']);
    expect(texts((await inject('GET', `/api/boards/${board.id}/export.json`, board.facilitatorKey)).json<BoardExport>())).toEqual(['added later', 'edited later']);
  });

  it('takes one when the board is locked, and none for other changes', async () => {
    server = await startServer();
    const board = await server.createBoard();
    await inject('PATCH', `/api/boards/${board.id}`, board.facilitatorKey, { voteBudget: 3, anonymous: true });
    await inject('PATCH', `/api/boards/${board.id}`, board.facilitatorKey, { locked: true });
    await vi.waitFor(async () => expect(await listSnapshots(board)).toHaveLength(1));
    expect((await listSnapshots(board))[0]).toMatchObject({ reason: 'lock', phase: 'share', secret: false });
    await inject('PATCH', `/api/boards/${board.id}`, board.facilitatorKey, { locked: false });
    await inject('PATCH', `/api/boards/${board.id}`, board.facilitatorKey, { phase: 'results' });
    await vi.waitFor(async () => expect((await listSnapshots(board)).map((s) => s.reason)).toEqual(['lock', 'phase']));
  });

  it('keeps at most MAX_SNAPSHOTS_PER_BOARD, removing the oldest automatic ones first', async () => {
    server = await startServer({ config: { MAX_SNAPSHOTS_PER_BOARD: 3 } });
    const board = await server.createBoard();
    const manual = (await inject('POST', `/api/boards/${board.id}/snapshots`, board.facilitatorKey, { label: 'keep me' })).json<SnapshotMeta>();
    for (const phase of ['cluster', 'share', 'cluster', 'share', 'results']) {
      await inject('PATCH', `/api/boards/${board.id}`, board.facilitatorKey, { phase });
      await vi.waitFor(async () => expect((await listSnapshots(board)).at(-1)?.phase).toBe(phase));
    }
    const kept = await listSnapshots(board);
    expect(kept.map((s) => s.id)).toContain(manual.id);
    expect(kept.map((s) => s.phase)).toEqual(['share', 'share', 'results']);
    await inject('POST', `/api/boards/${board.id}/snapshots`, board.facilitatorKey, { label: '2' });
    await inject('POST', `/api/boards/${board.id}/snapshots`, board.facilitatorKey, { label: '3' });
    const refused = await inject('POST', `/api/boards/${board.id}/snapshots`, board.facilitatorKey, { label: '4' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({ error: 'CONFLICT', message: 'a board keeps at most 3 saved snapshots' });
  });
});

describe('POST /api/boards/:id/snapshots', () => {
  it('takes a labelled snapshot for the facilitator only', async () => {
    server = await startServer();
    const board = await server.createBoard();
    expect((await inject('POST', `/api/boards/${board.id}/snapshots`, undefined, { label: 'x' })).statusCode).toBe(401);
    expect((await inject('POST', `/api/boards/${board.id}/snapshots`, 'wrong', { label: 'x' })).statusCode).toBe(403);
    const bad = await inject('POST', `/api/boards/${board.id}/snapshots`, board.facilitatorKey, { label: 'x'.repeat(121) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^label: /);
    expect((await inject('POST', `/api/boards/${board.id}/snapshots`, board.facilitatorKey, { label: 'x', extra: 1 })).statusCode).toBe(400);
    const taken = await inject('POST', `/api/boards/${board.id}/snapshots`, board.facilitatorKey, { label: '  Etter lunsj  ' });
    expect(taken.statusCode).toBe(201);
    expect(taken.json()).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/), createdAt: expect.any(Number), label: 'Etter lunsj', reason: 'manual', phase: 'share', noteCount: 0, secret: false });
    // Participants see the list while downloads are open.
    expect((await inject('GET', `/api/boards/${board.id}/snapshots`)).json()).toEqual({ snapshots: [taken.json()] });
  });

  it('keeps snapshots on disk next to the board, through a restart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'verksted-snapshots-'));
    dirs.push(dataDir);
    server = await startServer({ dataDir });
    const board = await server.createBoard({ title: 'Varig' });
    await addText(board, 'lagret');
    const meta = (await inject('POST', `/api/boards/${board.id}/snapshots`, board.facilitatorKey, { label: 'før omstart' })).json<SnapshotMeta>();
    await server.close({ keepData: true });
    expect((await readdir(path.join(dataDir, 'boards', board.id, 'snapshots'))).sort()).toEqual([`${meta.id}.bin`, `${meta.id}.json`]);

    server = await startServer({ dataDir });
    expect(await listSnapshots(board)).toEqual([meta]);
    expect(texts(await snapshotFile(board, meta.id))).toEqual(['lagret']);
  });
});

describe('POST /api/boards/:id/snapshots/:snapshotId/restore', () => {
  it('rollback keeps the previous state as a snapshot, and a connected stock peer then holds the snapshot’s content', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const watcher = peer(board.id);
    await watcher.synced();
    const keepId = await addText(board, 'kept');
    const changeId = await addText(board, 'original text');
    await editBoard(server, board.id, (doc) => addVote(doc, 'voter', keepId, 5));
    const meta = (await inject('POST', `/api/boards/${board.id}/snapshots`, board.facilitatorKey, { label: 'good state' })).json<SnapshotMeta>();
    const snapshotDoc = await editBoard(server, board.id, (doc) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      return copy;
    });
    // Later: a note edited, one deleted, one added, a dot added, the title changed, a setting changed.
    await editBoard(server, board.id, (doc) => {
      updateNote(doc, changeId, { text: 'changed text', kind: 'goal' });
      deleteNote(doc, keepId);
      addNote(doc, { areaId: readAreas(doc)[1]!.id, text: 'new later', kind: 'need', authorId: 'p2', authorName: 'Q' });
      addVote(doc, 'voter', changeId, 5);
    });
    await inject('PATCH', `/api/boards/${board.id}`, board.facilitatorKey, { title: 'Renamed', voteBudget: 7 });
    await vi.waitFor(() => expect(readNotes(watcher.doc).map((n) => n.text).sort()).toEqual(['changed text', 'new later']));
    const beforeRollback = readBoard(watcher.doc);

    const response = await inject('POST', `/api/boards/${board.id}/snapshots/${meta.id}/restore`, board.facilitatorKey, { mode: 'rollback' });
    expect(response.statusCode).toBe(200);
    const { restored, safety } = response.json<{ restored: SnapshotMeta; safety: SnapshotMeta }>();
    expect(restored).toEqual(meta);
    expect(safety).toMatchObject({ reason: 'rollback', noteCount: 2 });

    // The live board, as a stock y-websocket peer sees it, equals the snapshot; settings stay.
    await vi.waitFor(() => expect(readBoard(watcher.doc)).toEqual(readBoard(snapshotDoc)));
    expect(readAllVotes(watcher.doc)).toEqual(readAllVotes(snapshotDoc));
    expect(readSettings(watcher.doc).voteBudget).toBe(7);
    // Nothing is lost: the state before the rollback is a snapshot of its own.
    const saved = await snapshotFile(board, safety.id);
    expect(saved.board.title).toBe('Renamed');
    expect(texts(saved)).toEqual(['changed text', 'new later']);
    expect(saved.areas.flatMap((a) => a.notes).map((n) => n.id).sort()).toEqual(beforeRollback.areas.flatMap((a) => a.notes).map((n) => n.id).sort());
    expect((await listSnapshots(board)).map((s) => s.reason)).toEqual(['manual', 'rollback']);

    // A peer joining afterwards gets the same.
    const late = peer(board.id);
    await late.synced();
    expect(readBoard(late.doc)).toEqual(readBoard(snapshotDoc));
  });

  it('refuses a rollback during a secret phase, changing nothing', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const meta = (await inject('POST', `/api/boards/${board.id}/snapshots`, board.facilitatorKey)).json<SnapshotMeta>();
    await addText(board, 'after');
    await inject('PATCH', `/api/boards/${board.id}`, board.facilitatorKey, { phase: 'brainstorm' });
    await vi.waitFor(async () => expect(await listSnapshots(board)).toHaveLength(2));
    const refused = await inject('POST', `/api/boards/${board.id}/snapshots/${meta.id}/restore`, board.facilitatorKey, { mode: 'rollback' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('CONFLICT');
    expect(await listSnapshots(board)).toHaveLength(2);
    expect(texts((await inject('GET', `/api/boards/${board.id}/export.json`, board.facilitatorKey)).json<BoardExport>())).toEqual(['after']);
  });

  it('copies a snapshot into a new board with its content and settings, unlocked', async () => {
    server = await startServer();
    const board = await server.createBoard({ title: 'Kilde' });
    await addText(board, 'i kopien');
    await inject('PATCH', `/api/boards/${board.id}`, board.facilitatorKey, { voteBudget: 9, anonymous: true, locked: true });
    await vi.waitFor(async () => expect(await listSnapshots(board)).toHaveLength(1));
    const [lock] = await listSnapshots(board);
    await addText(board, 'ikke i kopien');

    const response = await inject('POST', `/api/boards/${board.id}/snapshots/${lock!.id}/restore`, board.facilitatorKey, { mode: 'copy' });
    expect(response.statusCode).toBe(201);
    const copy = response.json<CreatedBoard>();
    expect(copy).toEqual({ id: expect.any(String), joinCode: expect.any(String), facilitatorKey: expect.any(String), title: 'Kilde', template: 'retrospective' });
    expect(copy.id).not.toBe(board.id);
    const file = (await inject('GET', `/api/boards/${copy.id}/export.json`, copy.facilitatorKey)).json<BoardExport>();
    expect(texts(file)).toEqual(['i kopien']);
    expect(file.settings).toMatchObject({ voteBudget: 9, anonymous: true });
    const facilitator = (await inject('GET', `/api/boards/${copy.id}/facilitator`, copy.facilitatorKey)).json<{ settings: { locked: boolean } }>();
    expect(facilitator.settings.locked).toBe(false);
    // The original is untouched, and nobody without its key can copy or roll back.
    expect(texts((await inject('GET', `/api/boards/${board.id}/export.json`, board.facilitatorKey)).json<BoardExport>())).toEqual(['i kopien', 'ikke i kopien']);
    expect((await inject('POST', `/api/boards/${board.id}/snapshots/${lock!.id}/restore`, copy.facilitatorKey, { mode: 'copy' })).statusCode).toBe(403);
    expect((await inject('POST', `/api/boards/${board.id}/snapshots/${lock!.id}/restore`, undefined, { mode: 'rollback' })).statusCode).toBe(401);
  });

  it('answers unknown snapshots with 404 and a bad mode with 400', async () => {
    server = await startServer();
    const board = await server.createBoard();
    for (const mode of ['copy', 'rollback']) {
      const missing = await inject('POST', `/api/boards/${board.id}/snapshots/AAAAAAAAAAAAAAAA/restore`, board.facilitatorKey, { mode });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error).toBe('SNAPSHOT_NOT_FOUND');
    }
    const bad = await inject('POST', `/api/boards/${board.id}/snapshots/AAAAAAAAAAAAAAAA/restore`, board.facilitatorKey, { mode: 'merge' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^mode: /);
  });
});
