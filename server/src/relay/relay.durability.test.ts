import { PassThrough } from 'node:stream';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_SAVED, addNote, readAreas, readBoard } from '@verksted/shared';
import { FaultSwitch } from '../persistence/fault-switch.js';
import {
  applySyncFrames,
  connectPeer,
  connectRaw,
  savedSeqsOf,
  statusesOf,
  step2CountOf,
  syncStep1Frame,
  uintFrame,
  updateFrame,
  type Peer,
  type RawClient,
} from '../../test/peers.js';
import { startServer, type TestServer } from '../../test/server.js';

let server: TestServer;
const cleanups: (() => void)[] = [];

function peer(boardId: string): Peer {
  const p = connectPeer(server.wsUrl, boardId);
  cleanups.push(() => p.destroy());
  return p;
}

/** An opted-in raw client that synced its own doc with the board. */
async function ourClient(boardId: string, query = ''): Promise<{ client: RawClient; doc: Y.Doc }> {
  const client = connectRaw(`${server.wsUrl}/${boardId}?client=verksted${query}`);
  cleanups.push(() => client.ws.terminate());
  await client.opened;
  client.send(syncStep1Frame());
  await expect.poll(() => step2CountOf(client)).toBe(1);
  const doc = new Y.Doc();
  applySyncFrames(client, doc);
  return { client, doc };
}

/** Makes a note in `doc` and returns the update it produced. */
function noteUpdate(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  const handler = (u: Uint8Array): void => {
    update = u;
  };
  doc.on('update', handler);
  addNote(doc, { areaId: readAreas(doc)[0]!.id, text, kind: 'idea', authorId: 'x', authorName: 'Kari Nordmann' });
  doc.off('update', handler);
  return update!;
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

describe('logging', () => {
  it('never writes the facilitator key, note text or author names to the log', async () => {
    const lines: string[] = [];
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    server = await startServer({ config: { LOG: true, LOG_LEVEL: 'trace' }, deps: { logStream } });
    const board = await server.createBoard();
    const facilitator = await ourClient(board.id, `&key=${board.facilitatorKey}`);
    facilitator.client.send(updateFrame(noteUpdate(facilitator.doc, 'hemmelig tekst')));
    await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}?key=${board.facilitatorKey}` });
    const bad = connectRaw(`${server.wsUrl}/${board.id}?key=${board.facilitatorKey}`);
    cleanups.push(() => bad.ws.terminate());
    await bad.opened;
    bad.send('not binary');
    await bad.closed;
    await expect.poll(() => lines.join('')).toContain('group appended');
    const log = lines.join('');
    expect(log).toContain(board.id);
    expect(log).not.toContain(board.facilitatorKey);
    expect(log).not.toContain('hemmelig');
    expect(log).not.toContain('Nordmann');
    expect(log).not.toContain('?key');
  });
});

describe('durability', () => {
  it('sends the board status on connect, with the role the key gives', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const participant = await ourClient(board.id);
    const facilitator = await ourClient(board.id, `&key=${board.facilitatorKey}`);
    const wrongKey = await ourClient(board.id, '&key=nope');
    expect(statusesOf(participant.client)).toEqual([{ writable: true, role: 'participant', serverTime: expect.any(Number) }]);
    expect(statusesOf(facilitator.client)).toEqual([{ writable: true, role: 'facilitator', serverTime: expect.any(Number) }]);
    expect(statusesOf(wrongKey.client)).toEqual([{ writable: true, role: 'participant', serverTime: expect.any(Number) }]);
  });

  it('relays an update, answers MESSAGE_SAVED and serves joiners only after the append is on disk', async () => {
    const faults = new FaultSwitch();
    server = await startServer({ faults });
    const board = await server.createBoard();
    const watcher = peer(board.id);
    await watcher.synced();
    const { client, doc } = await ourClient(board.id);

    const held = faults.hold({ op: 'sync', file: 'log.bin' });
    client.send(updateFrame(noteUpdate(doc, 'durable first')));
    client.send(uintFrame(MESSAGE_SAVED, 7));
    await held.reached;

    // A joiner's step-1 reply would contain the pending note, so it has to wait too. The joiner's
    // MESSAGE_SAVED (nothing pending for it) is answered at once, which proves the server has
    // processed everything sent before.
    const joiner = connectRaw(`${server.wsUrl}/${board.id}?client=verksted`);
    cleanups.push(() => joiner.ws.terminate());
    await joiner.opened;
    joiner.send(syncStep1Frame());
    joiner.send(uintFrame(MESSAGE_SAVED, 1));
    await expect.poll(() => savedSeqsOf(joiner)).toEqual([1]);

    expect(step2CountOf(joiner)).toBe(0);
    expect(savedSeqsOf(client)).toEqual([]);
    expect(readBoard(watcher.doc).noteCount).toBe(0);

    held.release();
    await expect.poll(() => savedSeqsOf(client)).toEqual([7]);
    await expect.poll(() => readBoard(watcher.doc).noteCount).toBe(1);
    await expect.poll(() => step2CountOf(joiner)).toBe(1);
    const joinerDoc = new Y.Doc();
    applySyncFrames(joiner, joinerDoc);
    expect(readBoard(joinerDoc).areas[0]!.notes.map((n) => n.text)).toEqual(['durable first']);
  }, 15_000);

  it('stops accepting writes while appends fail, says so, and relays everything once storage recovers', async () => {
    const faults = new FaultSwitch();
    server = await startServer({ faults });
    const board = await server.createBoard();
    const writer = peer(board.id);
    const watcher = peer(board.id);
    await Promise.all([writer.synced(), watcher.synced()]);
    const { client: status } = await ourClient(board.id);
    const areaId = readAreas(writer.doc)[0]!.id;

    faults.fail({ op: 'write', file: 'log.bin' });
    addNote(writer.doc, { areaId, text: 'during outage 1', kind: 'idea', authorId: 'w', authorName: 'W' });
    await expect.poll(() => statusesOf(status).at(-1)).toEqual({ writable: false, reason: 'storage-failed', role: 'participant', serverTime: expect.any(Number) });
    // Refused, not applied; the writer keeps it.
    addNote(writer.doc, { areaId, text: 'during outage 2', kind: 'idea', authorId: 'w', authorName: 'W' });
    expect(readBoard(watcher.doc).noteCount).toBe(0);
    expect(writer.provider.wsconnected).toBe(true);

    faults.clear();
    await expect.poll(() => statusesOf(status).at(-1)).toEqual({ writable: true, role: 'participant', serverTime: expect.any(Number) });
    await expect.poll(() => readBoard(watcher.doc).areas[0]!.notes.map((n) => n.text).sort()).toEqual(['during outage 1', 'during outage 2']);

    // And it is all on disk: a restarted server has it.
    await server.close({ keepData: true });
    const dataDir = server.dataDir;
    server = await startServer({ dataDir });
    const fresh = peer(board.id);
    await fresh.synced();
    expect(readBoard(fresh.doc).noteCount).toBe(2);
  }, 15_000);
});
