import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS } from '@verksted/shared';
import { connectPeer, connectRaw, frameType, type Peer, type RawClient } from '../../test/peers.js';
import { startServer, type TestServer } from '../../test/server.js';
import type { CreatedBoard } from '../boards/board-directory.js';

let server: TestServer;
let board: CreatedBoard;
const cleanups: (() => void)[] = [];

function peer(): Peer {
  const p = connectPeer(server.wsUrl, board.id);
  cleanups.push(() => p.destroy());
  return p;
}

function raw(): RawClient {
  const client = connectRaw(`${server.wsUrl}/${board.id}`);
  cleanups.push(() => client.ws.terminate());
  return client;
}

function awarenessFrame(clientDoc: Y.Doc, state: Record<string, unknown>): Uint8Array {
  const awareness = new Awareness(clientDoc);
  awareness.setLocalState(state);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [clientDoc.clientID]));
  awareness.destroy();
  return encoding.toUint8Array(encoder);
}

beforeEach(async () => {
  server = await startServer();
  board = await server.createBoard();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

describe('awareness', () => {
  it('shows each peer the others’ presence', async () => {
    const a = peer();
    const b = peer();
    await Promise.all([a.synced(), b.synced()]);
    a.provider.awareness.setLocalStateField('user', { name: 'Anne' });
    b.provider.awareness.setLocalStateField('user', { name: 'Bjørn' });
    await expect.poll(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user).toEqual({ name: 'Anne' });
    await expect.poll(() => a.provider.awareness.getStates().get(b.doc.clientID)?.user).toEqual({ name: 'Bjørn' });
  });

  it('echoes a lone client’s own awareness back, which keeps the stock client connected', async () => {
    const client = raw();
    await client.opened;
    client.send(awarenessFrame(new Y.Doc(), { user: 'alone' }));
    await expect.poll(() => client.frames.filter((f) => frameType(f) === MESSAGE_AWARENESS).length).toBe(1);
  });

  it('removes the presence of a connection that drops, and tells the others', async () => {
    const watcher = peer();
    await watcher.synced();
    const leaving = raw();
    await leaving.opened;
    const leavingDoc = new Y.Doc();
    leaving.send(awarenessFrame(leavingDoc, { user: 'leaving' }));
    await expect.poll(() => watcher.provider.awareness.getStates().has(leavingDoc.clientID)).toBe(true);
    leaving.ws.terminate();
    await expect.poll(() => watcher.provider.awareness.getStates().has(leavingDoc.clientID)).toBe(false);
  });

  it('sends a new connection the presence of everyone already there', async () => {
    const first = peer();
    await first.synced();
    first.provider.awareness.setLocalStateField('user', { name: 'First' });
    const room = () => server.app.verksted.registry.peek(board.id);
    await expect.poll(() => room()?.connectionCount).toBe(1);
    const second = peer();
    await expect.poll(() => second.provider.awareness.getStates().get(first.doc.clientID)?.user).toEqual({ name: 'First' });
  });
});

describe('awareness from other clients', () => {
  it('ignores a stale copy or a removal of another client’s state instead of closing the socket', async () => {
    const watcher = peer();
    await watcher.synced();
    const other = raw();
    await other.opened;
    const otherDoc = new Y.Doc();
    other.send(awarenessFrame(otherDoc, { user: 'other' }));
    await expect.poll(() => watcher.provider.awareness.getStates().has(otherDoc.clientID)).toBe(true);

    const forwarder = raw();
    await forwarder.opened;
    const forwarderDoc = new Y.Doc();
    const forwarderAwareness = new Awareness(forwarderDoc);
    const sendOwn = (user: string): void => {
      forwarderAwareness.setLocalState({ user });
      const own = encoding.createEncoder();
      encoding.writeVarUint(own, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(own, encodeAwarenessUpdate(forwarderAwareness, [forwarderDoc.clientID]));
      forwarder.send(encoding.toUint8Array(own));
    };
    sendOwn('forwarder');
    // What a stock client does: re-send what it received (same clock), or a timeout removal.
    const otherAwareness = new Awareness(otherDoc);
    otherAwareness.setLocalState({ user: 'other' });
    const echo = encoding.createEncoder();
    encoding.writeVarUint(echo, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(echo, encodeAwarenessUpdate(otherAwareness, [otherDoc.clientID]));
    forwarder.send(encoding.toUint8Array(echo));
    const removal = encoding.createEncoder();
    encoding.writeVarUint(removal, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(removal, encodeAwarenessUpdate(otherAwareness, [otherDoc.clientID], new Map()));
    forwarder.send(encoding.toUint8Array(removal));
    otherAwareness.destroy();

    // Still connected, and the other client's presence is untouched.
    sendOwn('forwarder again');
    await expect.poll(() => watcher.provider.awareness.getStates().get(forwarderDoc.clientID)?.user).toBe('forwarder again');
    expect(watcher.provider.awareness.getStates().has(otherDoc.clientID)).toBe(true);
    expect(forwarder.ws.readyState).toBe(forwarder.ws.OPEN);
    forwarderAwareness.destroy();
  });
});
