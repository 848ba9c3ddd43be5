import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import type { ClientOptions } from 'ws';
import { CLOSE, MESSAGE_AWARENESS, MESSAGE_SAVED, addNote, readAreas, readBoard } from '@verksted/shared';
import type { Config } from '../config.js';
import { connectPeer, connectRaw, syncStep1Frame, uintFrame, updateFrame, type Peer, type RawClient } from '../../test/peers.js';
import { startServer, type TestServer } from '../../test/server.js';
import type { CreatedBoard } from '../boards/board-directory.js';

let server: TestServer;
let board: CreatedBoard;
let a: Peer;
let b: Peer;
const raws: RawClient[] = [];

async function setup(config: Partial<Config> = {}): Promise<void> {
  server = await startServer({ config });
  board = await server.createBoard();
  a = connectPeer(server.wsUrl, board.id);
  b = connectPeer(server.wsUrl, board.id);
  await Promise.all([a.synced(), b.synced()]);
}

function raw(path: string = board.id, options?: ClientOptions): RawClient {
  const client = connectRaw(`${server.wsUrl}/${path}`, options);
  raws.push(client);
  return client;
}

/** The two well-behaved peers still exchange notes. */
async function expectStillSyncing(): Promise<void> {
  const areaId = readAreas(a.doc)[0]!.id;
  const before = readBoard(b.doc).noteCount;
  addNote(a.doc, { areaId, text: 'still here', kind: 'idea', authorId: 'a', authorName: 'A' });
  await expect.poll(() => readBoard(b.doc).noteCount).toBe(before + 1);
  expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
}

function awarenessFrame(doc: Y.Doc, state: Record<string, unknown> = { name: 'x' }): Uint8Array {
  const awareness = new Awareness(doc);
  awareness.setLocalState(state);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [doc.clientID]));
  awareness.destroy();
  return encoding.toUint8Array(encoder);
}

afterEach(async () => {
  for (const client of raws.splice(0)) client.ws.terminate();
  a.destroy();
  b.destroy();
  await server.close();
});

describe('a misbehaving socket is closed alone', () => {
  beforeEach(() => setup({ MAX_MESSAGE_BYTES: 4096 }));

  it('closes a socket for an unknown board with boardNotFound', async () => {
    expect(await raw('AAAAAAAAAAAAAAAAAAAAAA').closed).toMatchObject({ code: CLOSE.boardNotFound });
    await expectStillSyncing();
  });

  it('closes a socket for an invalid board id with boardNotFound', async () => {
    expect(await raw('not-a-board').closed).toMatchObject({ code: CLOSE.boardNotFound });
  });

  it('closes a socket that sends a text frame with badMessage', async () => {
    const client = raw();
    await client.opened;
    client.send('hello');
    expect((await client.closed).code).toBe(CLOSE.badMessage);
    await expectStillSyncing();
  });

  it('closes a socket that sends garbage bytes with badMessage', async () => {
    const client = raw();
    await client.opened;
    client.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]));
    expect((await client.closed).code).toBe(CLOSE.badMessage);
    await expectStillSyncing();
  });

  it('closes a socket that sends an unknown message type with badMessage', async () => {
    const client = raw();
    await client.opened;
    client.send(uintFrame(7));
    expect(await client.closed).toEqual({ code: CLOSE.badMessage, reason: 'unknown message type' });
    await expectStillSyncing();
  });

  it('closes a socket that sends an undecodable update or state vector with badMessage', async () => {
    const first = raw();
    await first.opened;
    first.send(updateFrame(new Uint8Array([5, 200, 1, 0, 0, 9])));
    expect((await first.closed).code).toBe(CLOSE.badMessage);
    const second = raw();
    await second.opened;
    second.send(new Uint8Array([0, 0, 3, 200, 200, 200]));
    expect((await second.closed).code).toBe(CLOSE.badMessage);
    await expectStillSyncing();
  });

  it('treats our opt-in message types as unknown for a stock client', async () => {
    const client = raw();
    await client.opened;
    client.send(uintFrame(MESSAGE_SAVED, 1));
    expect((await client.closed).code).toBe(CLOSE.badMessage);
  });

  it('closes a socket that sends a frame over MAX_MESSAGE_BYTES with 1009', async () => {
    const client = raw();
    await client.opened;
    client.send(new Uint8Array(5000));
    expect((await client.closed).code).toBe(CLOSE.tooLarge);
    await expectStillSyncing();
  });

  it('refuses an update with missing dependencies and does not store it', async () => {
    const writer = new Y.Doc();
    const text = writer.getText('scratch');
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    text.insert(0, 'first');
    text.insert(5, ' second');
    const client = raw();
    await client.opened;
    client.send(updateFrame(updates[1]!)); // depends on updates[0], which the server never saw
    expect((await client.closed).code).toBe(CLOSE.missingDependencies);
    await expectStillSyncing();

    const fresh = connectPeer(server.wsUrl, board.id);
    await fresh.synced();
    expect(fresh.doc.getText('scratch').toString()).toBe('');
    expect(fresh.doc.store.pendingStructs).toBeNull();
    fresh.destroy();
  });

  it('refuses a delete of clocks the server does not know', async () => {
    const writer = new Y.Doc();
    writer.getText('scratch').insert(0, 'abc');
    const snapshotBeforeDelete = Y.encodeStateVector(writer);
    writer.getText('scratch').delete(0, 1);
    const deleteOnly = Y.encodeStateAsUpdate(writer, snapshotBeforeDelete);
    const client = raw();
    await client.opened;
    client.send(updateFrame(deleteOnly));
    expect((await client.closed).code).toBe(CLOSE.missingDependencies);
  });

  it('closes a socket that sends awareness for a client id that is not its own', async () => {
    const client = raw();
    await client.opened;
    const mine = new Y.Doc();
    const someoneElse = new Y.Doc();
    client.send(awarenessFrame(mine));
    client.send(awarenessFrame(someoneElse));
    expect((await client.closed).code).toBe(CLOSE.awarenessForeign);
    await expectStillSyncing();
  });
});

describe('limits', () => {
  it('closes a socket that sends faster than MAX_MESSAGES_PER_SECOND', async () => {
    await setup({ MAX_MESSAGES_PER_SECOND: 5 });
    const client = raw();
    await client.opened;
    for (let i = 0; i < 40; i++) client.send(syncStep1Frame());
    expect((await client.closed).code).toBe(CLOSE.rateLimited);
    await expectStillSyncing();
  });

  it('refuses connections beyond MAX_CONNECTIONS_PER_BOARD', async () => {
    await setup({ MAX_CONNECTIONS_PER_BOARD: 2 });
    expect((await raw().closed).code).toBe(CLOSE.tooManyConnections);
    await expectStillSyncing();
  });

  it('refuses connections beyond MAX_CONNECTIONS_PER_IP', async () => {
    await setup({ MAX_CONNECTIONS_PER_IP: 2 });
    const other = await server.createBoard();
    expect((await raw(other.id).closed).code).toBe(CLOSE.tooManyConnections);
  });

  it('drops a socket that stops answering pings, and keeps the ones that answer', async () => {
    await setup({ PING_INTERVAL_MS: 100 });
    const silent = raw(board.id, { autoPong: false });
    await silent.opened;
    expect((await silent.closed).code).toBe(1006);
    await expectStillSyncing();
  });

  it('refuses notes beyond MAX_NOTES_PER_BOARD with boardFull', async () => {
    await setup({ MAX_NOTES_PER_BOARD: 3 });
    const areaId = readAreas(a.doc)[0]!.id;
    const closed = new Promise<number>((resolve) => a.provider.on('connection-close', (event) => resolve(event?.code ?? 0)));
    for (let i = 0; i < 4; i++) addNote(a.doc, { areaId, text: `n${i}`, kind: 'idea', authorId: 'a', authorName: 'A' });
    expect(await closed).toBe(CLOSE.boardFull);
    await expect.poll(() => readBoard(b.doc).noteCount).toBe(3);
  });

  it('refuses an update that would grow the board past MAX_BOARD_BYTES with boardFull', async () => {
    await setup({ MAX_BOARD_BYTES: 2048 });
    const areaId = readAreas(a.doc)[0]!.id;
    const closed = new Promise<number>((resolve) => a.provider.on('connection-close', (event) => resolve(event?.code ?? 0)));
    addNote(a.doc, { areaId, text: 'x'.repeat(900), kind: 'idea', authorId: 'a', authorName: 'A' });
    await expect.poll(() => readBoard(b.doc).noteCount).toBe(1);
    addNote(a.doc, { areaId, text: 'y'.repeat(900), kind: 'idea', authorId: 'a', authorName: 'A' });
    expect(await closed).toBe(CLOSE.boardFull);
    expect(readBoard(b.doc).noteCount).toBe(1);
  });
});
