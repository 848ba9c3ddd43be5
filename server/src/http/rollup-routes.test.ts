import { afterEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { addArea, addNote, addVote, readAreas } from '@verksted/shared';
import type { Rollup } from '../exports/rollup.js';
import type { CreatedBoard } from '../boards/board-directory.js';
import { startServer, type TestServer } from '../../test/server.js';
import { editBoard } from '../../test/boards.js';

let server: TestServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

/** A workshop of one stakeholder group: notes in the first area with the given votes each. */
async function workshop(title: string, group: string, notes: [string, number][], extraArea?: string): Promise<CreatedBoard> {
  const board = await server!.createBoard({ title, template: 'experiences-and-needs' });
  await editBoard(server!, board.id, (doc) => {
    const areaId = readAreas(doc)[0]!.id;
    notes.forEach(([text, votes], i) => {
      const id = addNote(doc, { areaId, text, kind: 'need', authorId: `${group}-${i}`, authorName: `${group} ${i}`, group });
      for (let v = 0; v < votes; v++) addVote(doc, `${group}-voter-${v}`, id, 5);
    });
    if (extraArea) addArea(doc, { title: extraArea });
  });
  return board;
}

/** The `{ id, facilitatorKey }` of a created board. */
const ref = ({ id, facilitatorKey }: { id: string; facilitatorKey: string }) => ({ id, facilitatorKey });

function rollup(boards: { id: string; facilitatorKey: string }[], format?: string) {
  return server!.app.inject({ method: 'POST', url: '/api/rollup', payload: { boards: boards.map(ref), ...(format ? { format } : {}) } });
}

describe('POST /api/rollup', () => {
  it('ranks notes across two workshops per area and names each note’s workshop and group', async () => {
    server = await startServer();
    const employees = await workshop('Ansatte', 'employees', [['Mer tid', 1], ['Bedre verktøy', 4]], 'Kun ansatte');
    const politicians = await workshop('Politikere', 'politicians', [['Tydelige mål', 3]]);

    const response = await rollup([employees, politicians]);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="rollup-\d{4}-\d\d-\d\d\.json"$/);
    const body = response.json<Rollup>();
    expect(body).toMatchObject({ format: 'verksted.rollup', version: 1, language: 'nb' });
    expect(body.boards.map((b) => [b.title, b.noteCount, b.votes])).toEqual([['Ansatte', 2, 5], ['Politikere', 1, 3]]);
    expect(body.areas.map((a) => a.title)).toEqual(['Hva har vi oppnådd?', 'Hva har vi ikke oppnådd?', 'Hva trenger vi?']);
    expect(body.areas[0]!.notes.map((n) => [n.text, n.votes, n.source.boardTitle, n.group])).toEqual([
      ['Bedre verktøy', 4, 'Ansatte', 'employees'],
      ['Tydelige mål', 3, 'Politikere', 'politicians'],
      ['Mer tid', 1, 'Ansatte', 'employees'],
    ]);
    expect(body.unmatchedAreas.map((a) => a.title)).toEqual(['Kun ansatte']);

    const md = await rollup([employees, politicians], 'md');
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.body).toContain('1. Bedre verktøy (Behov; Verksted: Ansatte; Ansatte; employees 1) — 4 stemmer');
    expect(md.body).toContain('2. Tydelige mål (Behov; Verksted: Politikere; Politikere; politicians 0) — 3 stemmer');

    const csv = await rollup([employees, politicians], 'csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = Papa.parse<Record<string, string>>(csv.body.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.Tekst, r.Verksted, r.Interessentgruppe, r.Stemmer])).toEqual([
      ['Bedre verktøy', 'Ansatte', 'Ansatte', '4'],
      ['Tydelige mål', 'Politikere', 'Politikere', '3'],
      ['Mer tid', 'Ansatte', 'Ansatte', '1'],
    ]);

    const semicolons = await server!.app.inject({
      method: 'POST',
      url: '/api/rollup',
      payload: { boards: [employees, politicians].map(ref), format: 'csv', sep: 'semicolon' },
    });
    const parsed = Papa.parse<Record<string, string>>(semicolons.body.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.meta.delimiter).toBe(';');
    expect(parsed.data).toEqual(rows);
  });

  it('refuses with 403 naming the board whose key is wrong, and 404 naming a missing one', async () => {
    server = await startServer();
    const a = await workshop('A', 'employees', []);
    const b = await workshop('B', 'citizens', []);
    const forbidden = await rollup([a, { id: b.id, facilitatorKey: a.facilitatorKey }]);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toEqual({ error: 'FORBIDDEN', message: `boards[1] (${b.id}): that is not this board’s facilitator key` });
    const missing = await rollup([a, { id: 'AAAAAAAAAAAAAAAAAAAAAA', facilitatorKey: 'x' }]);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('boards[1] (AAAAAAAAAAAAAAAAAAAAAA): no board with that id');
  });

  it('checks the body: 1 to 20 boards, no duplicates, a known format and separator', async () => {
    server = await startServer();
    const a = ref(await workshop('A', 'employees', []));
    const tooMany = Array.from({ length: 21 }, () => a);
    for (const [payload, message] of [
      [{ boards: [] }, /^boards: /],
      [{ boards: tooMany }, /^boards: /],
      [{ boards: [a, a] }, /^boards\.1\.id: the same board is listed twice$/],
      [{ boards: [a], format: 'pdf' }, /^format: /],
      [{ boards: [a], format: 'csv', sep: ';' }, /^sep: /],
      [{ boards: [{ ...a, joinCode: 'ABCDEF' }] }, /^boards\.0: Unrecognized key/],
      [{ boards: [{ id: '../etc', facilitatorKey: 'k' }] }, /^boards\.0\.id: must be a board id$/],
    ] as const) {
      const response = await server.app.inject({ method: 'POST', url: '/api/rollup', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(message);
    }
  });
});
