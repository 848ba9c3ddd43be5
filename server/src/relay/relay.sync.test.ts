import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addNote, readBoard, readAreas } from '@verksted/shared';
import { connectPeer, type Peer } from '../../test/peers.js';
import { startServer, type TestServer } from '../../test/server.js';

let server: TestServer;
const peers: Peer[] = [];

function peer(boardId: string, params?: Record<string, string>): Peer {
  const p = connectPeer(server.wsUrl, boardId, params);
  peers.push(p);
  return p;
}

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  for (const p of peers.splice(0)) p.destroy();
  await server.close();
});

describe('relay sync', () => {
  it('gives a new peer the board created from its template', async () => {
    const board = await server.createBoard({ title: 'Fokusgruppe', template: 'experiences-and-needs' });
    const a = peer(board.id);
    await a.synced();
    const view = readBoard(a.doc);
    expect(view.title).toBe('Fokusgruppe');
    expect(view.areas.map((area) => area.title)).toEqual(['Hva har vi oppnådd?', 'Hva har vi ikke oppnådd?', 'Hva trenger vi?']);
  });

  it('lets two stock y-websocket providers on the same board converge', async () => {
    const board = await server.createBoard();
    const a = peer(board.id);
    const b = peer(board.id);
    await Promise.all([a.synced(), b.synced()]);
    const [area1, area2] = readAreas(a.doc);
    addNote(a.doc, { areaId: area1!.id, text: 'Fra A', kind: 'idea', authorId: 'a', authorName: 'Anne' });
    addNote(b.doc, { areaId: area2!.id, text: 'Fra B', kind: 'need', authorId: 'b', authorName: 'Bjørn' });
    for (let i = 0; i < 20; i++) addNote(a.doc, { areaId: area1!.id, text: `A${i}`, kind: 'goal', authorId: 'a', authorName: 'Anne' });
    await expect.poll(() => readBoard(b.doc).noteCount).toBe(22);
    await expect.poll(() => readBoard(a.doc).noteCount).toBe(22);
    expect(readBoard(a.doc)).toEqual(readBoard(b.doc));
  });

  it('serves a late joiner everything written before it came', async () => {
    const board = await server.createBoard();
    const a = peer(board.id);
    await a.synced();
    const areaId = readAreas(a.doc)[0]!.id;
    addNote(a.doc, { areaId, text: 'Tidlig', kind: 'experience', authorId: 'a', authorName: 'Anne' });
    const c = peer(board.id);
    await c.synced();
    await expect.poll(() => readBoard(c.doc).areas[0]!.notes.map((n) => n.text)).toEqual(['Tidlig']);
  });
});
