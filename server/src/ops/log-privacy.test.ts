/**
 * Logs carry ids, counts, sizes and durations, never what people typed or their secrets. This runs
 * a whole workshop at the most verbose log level and scans every line for the note text, the
 * display name, the board title, the facilitator key and the participant secret.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, deriveParticipantId, readAreas, readBoard } from '@verksted/shared';
import { startServer, type TestServer } from '../../test/server.js';
import { connectPeer, connectRaw, type Peer } from '../../test/peers.js';

let server: TestServer | null = null;
const peers: Peer[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await server?.close();
  server = null;
});

const NOTE_TEXT = 'Mitt hemmelige forslag om barnehager';
const DISPLAY_NAME = 'Ingrid Sørbråten';
const TITLE = 'Strategisamling Bærum';
const GROUP = 'Frivilligsentralen';
const SECRET = 'participant-secret-privacy-zzzzzz';

describe('logs', () => {
  it('never contain note text, names, titles, keys or secrets across a whole workshop', async () => {
    const lines: string[] = [];
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    server = await startServer({ config: { LOG: true, LOG_LEVEL: 'trace', IDLE_UNLOAD_MS: 50 }, deps: { logStream } });
    const s = server;
    const created = await s.app.inject({ method: 'POST', url: '/api/boards', payload: { title: TITLE, template: 'innovation-strategy' } });
    const board = created.json<{ id: string; joinCode: string; facilitatorKey: string }>();
    const auth = { authorization: `Bearer ${board.facilitatorKey}` };

    await s.app.inject({ method: 'PATCH', url: `/api/boards/${board.id}`, headers: auth, payload: { phase: 'brainstorm', stakeholderGroups: [GROUP] } });
    const facilitator = connectPeer(s.wsUrl, board.id, { key: board.facilitatorKey, client: 'verksted' });
    const participant = connectPeer(s.wsUrl, board.id, { p: SECRET });
    peers.push(facilitator, participant);
    await Promise.all([facilitator.synced(), participant.synced()]);
    participant.provider.awareness.setLocalStateField('user', { name: DISPLAY_NAME, group: GROUP });
    addNote(participant.doc, {
      areaId: readAreas(participant.doc)[0]!.id,
      text: NOTE_TEXT,
      kind: 'idea',
      authorId: await deriveParticipantId(SECRET),
      authorName: DISPLAY_NAME,
      group: GROUP,
    });
    await expect.poll(() => readBoard(facilitator.doc).noteCount).toBe(1);
    await s.app.inject({ method: 'PATCH', url: `/api/boards/${board.id}`, headers: auth, payload: { phase: 'share' } });
    await expect.poll(() => readBoard(participant.doc).noteCount).toBe(1);

    await s.app.inject({ method: 'GET', url: `/api/join/${board.joinCode}` });
    await s.app.inject({ method: 'GET', url: `/api/boards/${board.id}/export.json`, headers: auth });
    await s.app.inject({ method: 'GET', url: `/api/boards/${board.id}/facilitator?key=${board.facilitatorKey}`, headers: auth });
    await s.app.inject({ method: 'POST', url: `/api/boards/${board.id}/extend`, headers: auth });
    await s.app.inject({ method: 'PATCH', url: `/api/boards/${board.id}`, headers: { authorization: 'Bearer wrong-key' }, payload: { locked: true } });
    await s.app.inject({ method: 'GET', url: '/metrics' });
    await s.app.inject({ method: 'GET', url: '/readyz' });
    const bad = connectRaw(`${s.wsUrl}/${board.id}?key=${board.facilitatorKey}`);
    await bad.opened;
    bad.send('not binary');
    await bad.closed;

    expect((await s.app.inject({ method: 'DELETE', url: `/api/boards/${board.id}`, headers: auth })).statusCode).toBe(204);
    await expect.poll(() => lines.some((line) => line.includes('"board deleted"'))).toBe(true);
    await expect.poll(() => s.app.verksted.registry.loadedCount).toBe(0);

    const log = lines.join('\n');
    expect(log).toContain(board.id);
    for (const secret of [NOTE_TEXT, 'barnehager', DISPLAY_NAME, 'Ingrid', TITLE, GROUP, board.facilitatorKey, SECRET, '?key']) {
      expect(log, `the logs contain ${JSON.stringify(secret)}`).not.toContain(secret);
    }
    // Every line about a connection says which board it is on.
    const connectionLines = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => 'connId' in entry);
    expect(connectionLines.length).toBeGreaterThan(0);
    for (const entry of connectionLines) expect(entry.boardId, JSON.stringify(entry)).toBe(board.id);
  });
});
