import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE, addNote, readAreas, readBoard } from '@verksted/shared';
import { FaultSwitch } from '../persistence/fault-switch.js';
import type { OpenedBoard } from '../persistence/board-store.js';
import { ROOM_STATE } from './Room.js';
import { connectPeer, connectRaw, step2CountOf, syncStep1Frame, type Peer } from '../../test/peers.js';
import { startServer, type TestServer } from '../../test/server.js';
import { wrapStore } from '../../test/stores.js';

let server: TestServer | null = null;
const cleanups: (() => void)[] = [];

function peer(boardId: string): Peer {
  const p = connectPeer(server!.wsUrl, boardId);
  cleanups.push(() => p.destroy());
  return p;
}

async function writeNotes(p: Peer, texts: string[]): Promise<void> {
  await p.synced();
  const areaId = readAreas(p.doc)[0]!.id;
  for (const text of texts) addNote(p.doc, { areaId, text, kind: 'idea', authorId: 'p', authorName: 'P' });
}

function boardFile(dataDir: string, boardId: string, file: string): string {
  return path.join(dataDir, 'boards', boardId, file);
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server?.close();
  server = null;
});

describe('room lifecycle', () => {
  it('unloads an idle board, compacting its log, and loads it again with its content', async () => {
    server = await startServer({ config: { IDLE_UNLOAD_MS: 30 } });
    const board = await server.createBoard();
    const writer = peer(board.id);
    await writeNotes(writer, ['one', 'two', 'three']);
    const reader = peer(board.id);
    await expect.poll(() => readBoard(reader.doc).noteCount).toBe(3);
    expect(server.app.verksted.registry.loadedCount).toBe(1);
    expect(server.app.verksted.registry.peek(board.id)?.connectionCount).toBe(2);

    writer.destroy();
    reader.destroy();
    await expect.poll(() => server!.app.verksted.registry.loadedCount).toBe(0);
    expect((await stat(boardFile(server.dataDir, board.id, 'log.bin'))).size).toBe(0);

    const again = peer(board.id);
    await again.synced();
    expect(readBoard(again.doc).areas[0]!.notes.map((n) => n.text)).toEqual(['one', 'two', 'three']);
  });

  it('compacts the log of a live board once it passes COMPACT_AFTER_BYTES', async () => {
    server = await startServer({ config: { COMPACT_AFTER_BYTES: 2000 } });
    const board = await server.createBoard();
    const writer = peer(board.id);
    await writeNotes(writer, Array.from({ length: 30 }, (_, i) => `note ${i} ${'x'.repeat(50)}`));
    const reader = peer(board.id);
    await expect.poll(() => readBoard(reader.doc).noteCount).toBe(30);
    const log = boardFile(server.dataDir, board.id, 'log.bin');
    await expect.poll(async () => (await stat(log)).size).toBeLessThanOrEqual(2000);
    expect((await stat(boardFile(server.dataDir, board.id, 'snapshot.bin'))).size).toBeGreaterThan(2000);

    const dataDir = server.dataDir;
    await server.close({ keepData: true });
    server = await startServer({ dataDir });
    writer.destroy();
    reader.destroy();
    const fresh = peer(board.id);
    await fresh.synced();
    expect(readBoard(fresh.doc).noteCount).toBe(30);
  });

  it('lets a connection that arrives while the board drains wait, then loads the board afresh', async () => {
    const faults = new FaultSwitch();
    server = await startServer({ faults, config: { IDLE_UNLOAD_MS: 10 } });
    const board = await server.createBoard();
    const writer = peer(board.id);
    await writeNotes(writer, ['kept']);
    const room = server.app.verksted.registry.peek(board.id)!;
    await expect.poll(() => room.connectionCount).toBe(1);

    const held = faults.hold({ op: 'rename', file: 'snapshot.bin' });
    writer.destroy();
    await held.reached;
    expect(room.state).toBe(ROOM_STATE.draining);
    const late = peer(board.id);
    held.release();
    await late.synced();
    expect(readBoard(late.doc).areas[0]!.notes.map((n) => n.text)).toEqual(['kept']);
    expect(room.state).toBe(ROOM_STATE.unloaded);
    expect(server.app.verksted.registry.peek(board.id)).not.toBe(room);
  });

  it('loads a board once however many connections ask at the same time', async () => {
    server = await startServer();
    const board = await server.createBoard();
    let opens = 0;
    const store = server.store;
    const counting = wrapStore(store, {
      open: (id: string): Promise<OpenedBoard> => {
        opens++;
        return store.open(id);
      },
    });
    await server.close({ keepData: true });
    server = await startServer({ store: counting, dataDir: server.dataDir });
    const peers = Array.from({ length: 5 }, () => peer(board.id));
    await Promise.all(peers.map((p) => p.synced()));
    expect(opens).toBe(1);
  });

  it('buffers messages sent while the board loads and answers them in order', async () => {
    server = await startServer();
    const board = await server.createBoard();
    let releaseOpen!: () => void;
    const opened = new Promise<void>((resolve) => (releaseOpen = resolve));
    const store = server.store;
    const slow = wrapStore(store, {
      open: async (id: string): Promise<OpenedBoard> => {
        await opened;
        return store.open(id);
      },
    });
    await server.close({ keepData: true });
    server = await startServer({ store: slow, dataDir: server.dataDir });
    const client = connectRaw(`${server.wsUrl}/${board.id}`);
    cleanups.push(() => client.ws.terminate());
    await client.opened;
    client.send(syncStep1Frame());
    await expect.poll(() => server!.app.verksted.registry.loadedCount).toBe(1);
    expect(client.frames).toEqual([]);
    releaseOpen();
    await expect.poll(() => step2CountOf(client)).toBe(1);
  });

  it('closes sockets with 1012 on shutdown and leaves everything on disk', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const writer = peer(board.id);
    await writeNotes(writer, ['before shutdown']);
    const watcher = peer(board.id);
    await expect.poll(() => readBoard(watcher.doc).noteCount).toBe(1);
    const closeCode = new Promise<number | undefined>((resolve) => watcher.provider.once('connection-close', (event) => resolve(event?.code)));
    const dataDir = server.dataDir;
    await server.close({ keepData: true });
    expect(await closeCode).toBe(CLOSE.restarting);
    expect((await stat(boardFile(dataDir, board.id, 'log.bin'))).size).toBe(0);

    server = await startServer({ dataDir });
    writer.destroy();
    watcher.destroy();
    const fresh = peer(board.id);
    await fresh.synced();
    expect(readBoard(fresh.doc).noteCount).toBe(1);
  });

  it('loads a board whose log ends in garbage up to the last good record', async () => {
    const faults = new FaultSwitch();
    server = await startServer({ faults, config: { IDLE_UNLOAD_MS: 10 } });
    const board = await server.createBoard();
    const writer = peer(board.id);
    await writeNotes(writer, ['a', 'b', 'c']);
    await expect.poll(() => server!.app.verksted.registry.peek(board.id)?.connectionCount).toBe(1);
    // Keep the records in the log: make the compaction on unload fail.
    faults.fail({ file: 'snapshot.bin.tmp' });
    const watcher = peer(board.id);
    await expect.poll(() => readBoard(watcher.doc).noteCount).toBe(3);
    const dataDir = server.dataDir;
    writer.destroy();
    watcher.destroy();
    await server.close({ keepData: true });
    const log = boardFile(dataDir, board.id, 'log.bin');
    expect((await stat(log)).size).toBeGreaterThan(0);
    await appendFile(log, Buffer.from([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9]));

    server = await startServer({ dataDir });
    const fresh = peer(board.id);
    await fresh.synced();
    expect(readBoard(fresh.doc).areas[0]!.notes.map((n) => n.text)).toEqual(['a', 'b', 'c']);
  });

  it('refuses to serve a board whose snapshot is corrupt, and leaves its files alone', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const snapshot = boardFile(server.dataDir, board.id, 'snapshot.bin');
    const garbage = Buffer.from('definitely not a snapshot');
    await writeFile(snapshot, garbage);
    const client = connectRaw(`${server.wsUrl}/${board.id}`);
    cleanups.push(() => client.ws.terminate());
    expect((await client.closed).code).toBe(CLOSE.loadFailed);
    expect(await readFile(snapshot)).toEqual(garbage);
    expect(server.app.verksted.registry.loadedCount).toBe(0);
    const summary = await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}` });
    expect(summary.statusCode).toBe(503);
  });
});
