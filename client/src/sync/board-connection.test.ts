import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { CLOSE, initBoard, readNotes, readAreas } from '@verksted/shared';
import { LOCAL_DB_PREFIX } from '../config';
import { addNoteAsAuthor } from '../notes/note-actions';
import { FakeRelay } from '../test/fake-relay';
import { openBoardConnection, type BoardConnection } from './board-connection';
import type { ConnectionState } from './connection-slice';

const BOARD_ID = 'AbCdEfGhIjKlMnOpQrStUv';
const AUTHOR = { participantId: 'me', name: 'Kari', group: null };

let connection: BoardConnection | null = null;

function open(relay: FakeRelay, facilitatorKey: string | null = null, onRefused?: (reason: string) => void) {
  const state: Partial<ConnectionState> = {};
  connection = openBoardConnection(BOARD_ID, {
    facilitatorKey,
    participantSecret: 'the-secret',
    ...(onRefused ? { onRefused } : {}),
    report: (patch) => Object.assign(state, patch),
    serverUrl: 'ws://verksted.test/ws',
    persistLocally: false,
    WebSocketPolyfill: relay.WebSocket,
  });
  return { connection, state };
}

function relayWithBoard(): FakeRelay {
  const relay = new FakeRelay();
  initBoard(relay.doc, { title: 'Workshop', template: 'retrospective', language: 'en' });
  return relay;
}

afterEach(() => {
  connection?.destroy();
  connection = null;
});

describe('board connection', () => {
  it('connects to /ws/:boardId as our client, with the facilitator key only when given', async () => {
    const relay = relayWithBoard();
    const { state } = open(relay, 'the-key');
    await vi.waitFor(() => expect(state.connection).toBe('connected'));
    const url = new URL(relay.current!.url);
    expect(url.pathname).toBe(`/ws/${BOARD_ID}`);
    expect(url.searchParams.get('client')).toBe('verksted');
    expect(url.searchParams.get('key')).toBe('the-key');
    expect(url.searchParams.get('p')).toBe('the-secret');
    expect(state.contentReady).toBe(true);
  });

  it('measures the offset to the server clock from the board status', async () => {
    const relay = relayWithBoard();
    const { state } = open(relay);
    await vi.waitFor(() => expect(state.connection).toBe('connected'));
    relay.sendStatus({ writable: true, role: 'participant', serverTime: Date.now() + 90_000 });
    await vi.waitFor(() => expect(state.clockOffsetMs).toBeDefined());
    expect(state.clockOffsetMs).toBeGreaterThan(89_000);
    expect(state.clockOffsetMs).toBeLessThanOrEqual(90_000);
  });

  it('reports a refused update once, outside the message handler, and clears the local copy on request', async () => {
    const relay = relayWithBoard();
    const refused: string[] = [];
    const { state } = open(relay, null, (reason) => refused.push(reason));
    await vi.waitFor(() => expect(state.connection).toBe('connected'));
    relay.sendRefused('the phase changed');
    relay.sendRefused('again');
    await vi.waitFor(() => expect(refused).toEqual(['the phase changed']));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(refused).toHaveLength(1);
    await connection!.destroy({ clearLocalCopy: true });
  });

  it('deletes the copy on this device when asked, so the next connection starts from the server', async () => {
    const relay = relayWithBoard();
    const state: Partial<ConnectionState> = {};
    const local = openBoardConnection(BOARD_ID, {
      facilitatorKey: null,
      participantSecret: 'the-secret',
      report: (patch) => Object.assign(state, patch),
      serverUrl: 'ws://verksted.test/ws',
      WebSocketPolyfill: relay.WebSocket,
    });
    await vi.waitFor(() => expect(state.connection).toBe('connected'));
    relay.accepting = false;
    relay.current!.serverClose(1006);
    await vi.waitFor(() => expect(state.connection).toBe('offline'));
    addNoteAsAuthor(local.doc, readAreas(local.doc)[0]!.id, 'Refused later', 'idea', AUTHOR);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const before = new Y.Doc();
    const peek = new IndexeddbPersistence(LOCAL_DB_PREFIX + BOARD_ID, before);
    await peek.whenSynced;
    expect(readNotes(before).map((n) => n.text)).toEqual(['Refused later']);
    await peek.destroy();

    await local.destroy({ clearLocalCopy: true });
    const after = new Y.Doc();
    const again = new IndexeddbPersistence(LOCAL_DB_PREFIX + BOARD_ID, after);
    await again.whenSynced;
    expect(readNotes(after)).toEqual([]);
    await again.destroy();
  });

  it('says Saved only after the server acknowledged the change is on disk', async () => {
    const relay = relayWithBoard();
    const { connection, state } = open(relay);
    await vi.waitFor(() => expect(state.connection).toBe('connected'));
    await vi.waitFor(() => expect(state.saveStatus).toBe('saved'));

    relay.holdAcks = true;
    const requestsBefore = relay.savedRequests.length;
    const areaId = readAreas(connection.doc)[0]!.id;
    addNoteAsAuthor(connection.doc, areaId, 'Hello', 'idea', AUTHOR);
    expect(state.saveStatus).toBe('saving');
    await vi.waitFor(() => expect(relay.savedRequests.length).toBeGreaterThan(requestsBefore));
    expect(readNotes(relay.doc).map((n) => n.text)).toEqual(['Hello']);
    expect(state.saveStatus).toBe('saving');

    relay.releaseAcks();
    await vi.waitFor(() => expect(state.saveStatus).toBe('saved'));
  });

  it('keeps offline changes on the device and saves them after reconnecting', async () => {
    const relay = relayWithBoard();
    const { connection, state } = open(relay);
    await vi.waitFor(() => expect(state.connection).toBe('connected'));

    relay.accepting = false;
    relay.current!.serverClose(1006);
    await vi.waitFor(() => expect(state.connection).toBe('offline'));
    const areaId = readAreas(connection.doc)[0]!.id;
    addNoteAsAuthor(connection.doc, areaId, 'Written offline', 'need', AUTHOR);
    expect(state.saveStatus).toBe('offline');

    relay.accepting = true;
    await vi.waitFor(() => expect(state.connection).toBe('connected'), { timeout: 5000 });
    await vi.waitFor(() => expect(state.saveStatus).toBe('saved'));
    expect(readNotes(relay.doc).map((n) => n.text)).toEqual(['Written offline']);
  });

  it('reports a server that cannot save, and the role it gave', async () => {
    const relay = relayWithBoard();
    const { connection, state } = open(relay);
    await vi.waitFor(() => expect(state.connection).toBe('connected'));
    relay.sendStatus({ writable: false, reason: 'storage-failed', role: 'participant' });
    await vi.waitFor(() => expect(state.writable).toBe(false));
    expect(state.serverRole).toBe('participant');

    relay.holdAcks = true;
    addNoteAsAuthor(connection.doc, readAreas(connection.doc)[0]!.id, 'Kept here', 'idea', AUTHOR);
    expect(state.saveStatus).toBe('not-writable');
  });

  it('stops reconnecting when the board does not exist', async () => {
    const relay = relayWithBoard();
    const { state } = open(relay);
    await vi.waitFor(() => expect(state.connection).toBe('connected'));
    relay.current!.serverClose(CLOSE.boardNotFound);
    await vi.waitFor(() => expect(state.connection).toBe('not-found'));
    const sockets = relay.sockets.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(relay.sockets.length).toBe(sockets);
  });

  it('says the board was deleted, and stops reconnecting, on close code 4410', async () => {
    const relay = relayWithBoard();
    const { state } = open(relay);
    await vi.waitFor(() => expect(state.connection).toBe('connected'));
    relay.current!.serverClose(CLOSE.boardDeleted);
    await vi.waitFor(() => expect(state.connection).toBe('deleted'));
    const sockets = relay.sockets.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(relay.sockets.length).toBe(sockets);
  });
});
