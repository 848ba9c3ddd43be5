import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  CLOSE,
  addNote,
  addVote,
  deriveParticipantId,
  readAreas,
  readBallot,
  readNotes,
  readSettings,
  readTallies,
  type SettingsPatch,
  type TimerAction,
} from '@verksted/shared';
import { startServer, type TestServer } from '../../test/server.js';
import { connectPeer, type Peer } from '../../test/peers.js';

let server: TestServer | null = null;
const peers: Peer[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await server?.close();
  server = null;
});

function peer(boardId: string, params: Record<string, string>): Peer {
  const p = connectPeer(server!.wsUrl, boardId, params);
  peers.push(p);
  return p;
}

async function change(boardId: string, patch: SettingsPatch & { timer?: TimerAction }): Promise<void> {
  const room = await server!.app.verksted.registry.acquire(boardId);
  try {
    room.changeSettings(patch);
  } finally {
    room.release();
  }
}

const SECRET_A = 'participant-secret-aaaaaaaaaaaa';
const SECRET_B = 'participant-secret-bbbbbbbbbbbb';
const SECRET_C = 'participant-secret-cccccccccccc';

function noteTexts(doc: Y.Doc): string[] {
  return readNotes(doc)
    .map((n) => n.text)
    .sort();
}

async function addOwnNote(p: Peer, secret: string, text: string): Promise<void> {
  const authorId = await deriveParticipantId(secret);
  addNote(p.doc, { areaId: readAreas(p.doc)[0]!.id, text, kind: 'idea', authorId, authorName: text });
}

describe('secret phases', () => {
  it('[SP1] in the brainstorm a participant receives nobody else\'s notes; the facilitator sees all; sharing reveals them', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const facilitator = peer(board.id, { key: board.facilitatorKey });
    const a = peer(board.id, { p: SECRET_A });
    const b = peer(board.id, { p: SECRET_B });
    await Promise.all([facilitator.synced(), a.synced(), b.synced()]);

    await change(board.id, { phase: 'brainstorm' });
    await vi.waitFor(() => expect(readSettings(b.doc).phase).toBe('brainstorm'));
    await addOwnNote(a, SECRET_A, 'secret of a');
    await addOwnNote(b, SECRET_B, 'secret of b');
    await vi.waitFor(() => expect(noteTexts(facilitator.doc)).toEqual(['secret of a', 'secret of b']));

    // A participant joining now gets the board, the counts, and no note text at all.
    const c = peer(board.id, { p: SECRET_C });
    await c.synced();
    expect(readAreas(c.doc).length).toBeGreaterThan(0);
    expect(noteTexts(c.doc)).toEqual([]);
    await vi.waitFor(() => expect(Object.values(readSettings(c.doc).brainstormCounts).reduce((x, y) => x + y, 0)).toBe(2));
    expect(noteTexts(a.doc)).toEqual(['secret of a']);
    expect(noteTexts(b.doc)).toEqual(['secret of b']);
    // Not just hidden in the document: the bytes never reached the other participants.
    const received = (p: Peer): string => p.received.map((u) => Buffer.from(u).toString('latin1')).join('');
    expect(received(b)).not.toContain('secret of a');
    expect(received(c)).not.toContain('secret of a');
    expect(received(a)).not.toContain('secret of b');
    expect(received(c)).not.toContain('secret of b');

    // A on a new device with the same secret gets their own note back, and only theirs.
    const a2 = peer(board.id, { p: SECRET_A });
    await a2.synced();
    await vi.waitFor(() => expect(noteTexts(a2.doc)).toEqual(['secret of a']));

    await change(board.id, { phase: 'share' });
    for (const p of [a, b, c, a2]) {
      await vi.waitFor(() => expect(noteTexts(p.doc)).toEqual(['secret of a', 'secret of b']));
    }
    const late = peer(board.id, {});
    await late.synced();
    expect(noteTexts(late.doc)).toEqual(['secret of a', 'secret of b']);
  });

  it('[SP2] keeps brainstorm notes private across a server restart, and reveals them after it', async () => {
    server = await startServer();
    const dataDir = server.dataDir;
    const board = await server.createBoard();
    await change(board.id, { phase: 'brainstorm' });
    const facilitator = peer(board.id, { key: board.facilitatorKey });
    const a = peer(board.id, { p: SECRET_A });
    await Promise.all([facilitator.synced(), a.synced()]);
    await addOwnNote(a, SECRET_A, 'before restart');
    await vi.waitFor(() => expect(noteTexts(facilitator.doc)).toEqual(['before restart']));
    for (const p of peers.splice(0)) p.destroy();
    await server.close({ keepData: true });

    server = await startServer({ dataDir });
    const c = peer(board.id, { p: SECRET_C });
    const f2 = peer(board.id, { key: board.facilitatorKey });
    await Promise.all([c.synced(), f2.synced()]);
    expect(noteTexts(f2.doc)).toEqual(['before restart']);
    expect(noteTexts(c.doc)).toEqual([]);
    await change(board.id, { phase: 'share' });
    await vi.waitFor(() => expect(noteTexts(c.doc)).toEqual(['before restart']));
  });

  it('[SP3] dots stay hidden until revealed, and only the budget is counted', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const facilitator = peer(board.id, { key: board.facilitatorKey });
    const a = peer(board.id, { p: SECRET_A });
    const b = peer(board.id, { p: SECRET_B });
    await Promise.all([facilitator.synced(), a.synced(), b.synced()]);
    await addOwnNote(a, SECRET_A, 'vote for me');
    await vi.waitFor(() => expect(noteTexts(b.doc)).toEqual(['vote for me']));
    const noteId = readNotes(b.doc)[0]!.id;
    await change(board.id, { phase: 'vote', voteBudget: 5 });
    await vi.waitFor(() => expect(readSettings(a.doc).phase).toBe('vote'));
    const aId = await deriveParticipantId(SECRET_A);
    // A modified client ignoring the budget: 7 dots stored.
    a.doc.getArray('votes').push(Array.from({ length: 7 }, () => ({ participantId: aId, noteId })));
    const bId = await deriveParticipantId(SECRET_B);
    expect(addVote(b.doc, bId, noteId, 5)).toBe(true);
    await vi.waitFor(() => expect(readTallies(facilitator.doc, 5).get(noteId)).toBe(6));
    expect(readBallot(b.doc, aId)).toEqual([]);
    expect(readBallot(a.doc, bId)).toEqual([]);

    await change(board.id, { votesRevealed: true });
    await vi.waitFor(() => expect(readTallies(b.doc, 5).get(noteId)).toBe(6));
    expect(readTallies(a.doc, 5).get(noteId)).toBe(6);
  });

  it('[SP4] a participant writing the settings is refused: closed if a stock client, nothing stored', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const a = peer(board.id, { p: SECRET_A });
    const other = peer(board.id, {});
    await Promise.all([a.synced(), other.synced()]);
    const closed = new Promise<number>((resolve) => a.provider.on('connection-close', (event) => resolve(event?.code ?? 0)));
    a.doc.getMap('settings').set('phase', 'results');
    expect(await closed).toBe(CLOSE.forbidden);
    await addOwnNote(other, 'x'.repeat(20), 'still works');
    const check = peer(board.id, {});
    await vi.waitFor(() => expect(noteTexts(check.doc)).toEqual(['still works']));
    expect(readSettings(check.doc).phase).toBe('share');
  });

  it('[SP5] a locked board refuses participant notes and still takes the facilitator\'s', async () => {
    server = await startServer();
    const board = await server.createBoard();
    await change(board.id, { locked: true });
    const facilitator = peer(board.id, { key: board.facilitatorKey });
    const a = peer(board.id, { p: SECRET_A });
    await Promise.all([facilitator.synced(), a.synced()]);
    const closed = new Promise<number>((resolve) => a.provider.on('connection-close', (event) => resolve(event?.code ?? 0)));
    await addOwnNote(a, SECRET_A, 'while locked');
    expect(await closed).toBe(CLOSE.forbidden);
    addNote(facilitator.doc, { areaId: readAreas(facilitator.doc)[0]!.id, text: 'facilitator note', kind: 'goal', authorId: 'f', authorName: 'F' });
    const check = peer(board.id, {});
    await vi.waitFor(() => expect(noteTexts(check.doc)).toEqual(['facilitator note']));
  });
});
