import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import Papa from 'papaparse';
import { addNote, addVote, groupNotes, initBoard, readAreas, updateSettings } from '@verksted/shared';
import { exportBoard, type BoardExport } from './board-export.js';
import { renderMarkdown } from './markdown-report.js';
import { CSV_BOM, renderCsv } from './csv-report.js';
import { buildRollup } from './rollup.js';
import { renderRollupCsv, renderRollupMarkdown } from './rollup-report.js';

const HOSTILE = ['<script>alert(1)</script>', '[x](javascript:alert(1))', '# Overskrift\n---', '![img](http://e.x/a.png) *fet* `kode` a|b'];

/** A retrospective board: notes with votes, a cluster, stakeholder groups and hostile text. */
function sampleBoard(options: { anonymous?: boolean } = {}): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Verksted <b>ansatte</b>', template: 'retrospective', language: 'nb', createdAt: Date.UTC(2025, 10, 3) });
  const [worked, notWorked] = readAreas(doc).map((a) => a.id);
  const note = (areaId: string, text: string, author: string, group: string | null) =>
    addNote(doc, { areaId, text, kind: 'idea', authorId: author, authorName: `Navn ${author}`, group, createdAt: Date.UTC(2025, 10, 3, 10) });
  const few = note(worked!, 'Få stemmer: æøå', 'kari', 'employees');
  const many = note(worked!, 'Mange stemmer', 'ola', 'politicians');
  const hostile = HOSTILE.map((text) => note(notWorked!, text, 'eve', 'citizens'));
  const a = note(notWorked!, 'Klynge A', 'kari', 'employees');
  const b = note(notWorked!, 'Klynge B', 'ola', 'politicians');
  groupNotes(doc, [a, b], { title: 'Samarbeid [lenke](http://e.x)' });
  updateSettings(doc, { phase: 'results', voteBudget: 3, anonymous: options.anonymous ?? false });
  for (const voter of ['kari', 'ola']) for (const id of [many, many, a]) addVote(doc, voter, id, 3);
  addVote(doc, 'eve', few, 3);
  addVote(doc, 'eve', b, 3);
  addVote(doc, 'eve', hostile[0]!, 3);
  return doc;
}

function sampleExport(view: 'facilitator' | 'participant' = 'facilitator', anonymous = false): BoardExport {
  const doc = sampleBoard({ anonymous });
  return exportBoard({ boardId: 'B'.repeat(22), doc, exportedAt: Date.UTC(2025, 10, 4), view, hideAuthors: view === 'participant' && anonymous });
}

describe('the JSON export', () => {
  it('counts votes per note with the budget, sums them per cluster and names voters’ groups', () => {
    const file = sampleExport();
    const notes = file.areas.flatMap((a) => a.notes);
    expect(notes.find((n) => n.text === 'Mange stemmer')!.votes).toBe(4);
    expect(notes.find((n) => n.text === 'Klynge A')).toMatchObject({ votes: 2, clusterId: expect.any(String) });
    expect(file.areas[1]!.clusters).toEqual([{ id: expect.any(String), title: 'Samarbeid [lenke](http://e.x)', noteIds: expect.any(Array), votes: 3 }]);
    expect(file.dots.filter((d) => d.participantId === 'kari').every((d) => d.group === 'employees')).toBe(true);
    expect(file.settings).toEqual({ phase: 'results', voteBudget: 3, votesRevealed: false, anonymous: false, stakeholderGroups: expect.any(Array), participantDownloads: true });
  });

  it('leaves authors out and replaces voter ids when they are hidden', () => {
    const file = sampleExport('participant', true);
    const notes = file.areas.flatMap((a) => a.notes);
    expect(notes.every((n) => n.authorId === '' && n.authorName === '')).toBe(true);
    expect(new Set(file.dots.map((d) => d.participantId))).toEqual(new Set(['voter-1', 'voter-2', 'voter-3']));
    expect(JSON.stringify(file)).not.toMatch(/kari|Navn/);
  });
});

describe('the Markdown report', () => {
  it('ranks each area’s notes and clusters by votes, with kinds, groups and votes per group', () => {
    const md = renderMarkdown(sampleExport());
    const worked = md.slice(md.indexOf('## Dette fungerte\n'), md.indexOf('## Dette fungerte ikke'));
    expect(worked.indexOf('Mange stemmer')).toBeLessThan(worked.indexOf('Få stemmer'));
    expect(worked).toContain('1. Mange stemmer (Idé; Politikere; Navn ola) — 4 stemmer');
    expect(worked).toContain('2. Få stemmer: æøå (Idé; Ansatte; Navn kari) — 1 stemme');
    expect(worked).toContain('*stemmer per gruppe: Ansatte 2, Politikere 2*');
    expect(worked).toContain('| Ansatte | 1 |');
    const notWorked = md.slice(md.indexOf('## Dette fungerte ikke'));
    expect(notWorked).toMatch(/^1\. \*\*Gruppe: Samarbeid \\\[lenke\\\]\(http:\/\/e\.x\)\*\* — 3 stemmer$/m);
    expect(notWorked).toContain('   - Klynge A (Idé; Ansatte; Navn kari) — 2 stemmer');
  });

  it('renders hostile text as literal text: no tag, link, image, heading or code', () => {
    const md = renderMarkdown(sampleExport());
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<b>');
    expect(md).toContain('# Verksted &lt;b&gt;ansatte&lt;/b&gt;');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('\\[x\\](javascript:alert(1))');
    expect(md).not.toMatch(/(?<!\\)\[x\]\(/);
    expect(md).toContain('\\# Overskrift ---');
    expect(md).toContain('!\\[img\\](http://e.x/a.png) \\*fet\\* \\`kode\\` a\\|b');
    // Each note is one line: the heading inside a note never starts a line of its own.
    expect(md.split('\n').filter((line) => /^#+ /.test(line)).map((l) => l.split(' ')[0])).toEqual(['#', '##', '##', '##']);
  });

  it('says the board is anonymous and shows no authors to a participant', () => {
    const md = renderMarkdown(sampleExport('participant', true));
    expect(md).toContain('*Anonym tavle: forfattere vises ikke.*');
    expect(md).not.toContain('Navn');
  });
});

describe('the CSV report', () => {
  it('parses back into the notes, with æøå intact and formulas neutralised', () => {
    const file = sampleExport();
    const doc = sampleBoard();
    addNote(doc, { areaId: readAreas(doc)[2]!.id, text: '=HYPERLINK("http://e.x","klikk")', kind: 'need', authorId: 'x', authorName: '@admin', group: null });
    const csv = renderCsv(exportBoard({ boardId: 'B'.repeat(22), doc, exportedAt: 0, view: 'facilitator', hideAuthors: false }));
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(['Område', 'Gruppe', 'Type', 'Tekst', 'Forfatter', 'Interessentgruppe', 'Stemmer', 'Opprettet']);
    expect(parsed.data).toHaveLength(file.areas.reduce((n, a) => n + a.notes.length, 0) + 1);
    expect(parsed.data[0]).toEqual({
      Område: 'Dette fungerte',
      Gruppe: '',
      Type: 'Idé',
      Tekst: 'Mange stemmer',
      Forfatter: 'Navn ola',
      Interessentgruppe: 'Politikere',
      Stemmer: '4',
      Opprettet: '2025-11-03T10:00:00.000Z',
    });
    expect(parsed.data.map((row) => row.Tekst)).toContain('Få stemmer: æøå');
    expect(parsed.data.map((row) => row.Tekst)).toContain('# Overskrift\n---');
    const formula = parsed.data.find((row) => row.Tekst!.includes('HYPERLINK'))!;
    expect(formula.Tekst).toBe('\'=HYPERLINK("http://e.x","klikk")');
    expect(formula.Forfatter).toBe("'@admin");
  });

  it('separates cells with semicolons on request (Norwegian Excel), quoting cells that hold one', () => {
    const doc = sampleBoard();
    addNote(doc, { areaId: readAreas(doc)[0]!.id, text: 'Først; så æøå, til slutt', kind: 'idea', authorId: 'x', authorName: 'Åse', group: null });
    const file = exportBoard({ boardId: 'B'.repeat(22), doc, exportedAt: 0, view: 'facilitator', hideAuthors: false });
    const csv = renderCsv(file, 'semicolon');
    expect(csv.split('\r\n')[0]).toBe(`${CSV_BOM}Område;Gruppe;Type;Tekst;Forfatter;Interessentgruppe;Stemmer;Opprettet`);
    expect(csv).toContain(';"Først; så æøå, til slutt";');
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.meta.delimiter).toBe(';');
    expect(parsed.errors).toEqual([]);
    const commaRows = Papa.parse<Record<string, string>>(renderCsv(file).slice(1), { header: true, skipEmptyLines: true }).data;
    expect(parsed.data).toEqual(commaRows);
    expect(parsed.data.map((row) => row.Tekst)).toContain('Først; så æøå, til slutt');
  });

  it('leaves the author column out when authors are hidden', () => {
    const csv = renderCsv(sampleExport('participant', true));
    expect(csv.split('\r\n')[0]).toBe(`${CSV_BOM}Område,Gruppe,Type,Tekst,Interessentgruppe,Stemmer,Opprettet`);
    expect(csv).not.toContain('Navn');
  });
});

describe('the roll-up', () => {
  function workshop(id: string, title: string, area: string, notes: [string, number][]): BoardExport {
    return {
      ...sampleExport(),
      board: { id, title, template: 'retrospective', language: 'nb', createdAt: 0 },
      areas: [
        {
          id: `${id}-a`,
          title: area,
          description: '',
          clusters: [],
          notes: notes.map(([text, votes], i) => ({ id: `${id}-${i}`, text, kind: 'need', colour: '', authorId: '', authorName: '', group: 'employees', createdAt: 0, clusterId: null, votes })),
        },
        { id: `${id}-x`, title: `Bare ${title}`, description: '', clusters: [], notes: [] },
      ],
    };
  }

  it('matches areas by trimmed, case-insensitive title and ranks notes across workshops', () => {
    const rollup = buildRollup([workshop('a', 'Ansatte', 'Behov ', [['a1', 1], ['a2', 5]]), workshop('b', 'Politikere', ' behov', [['b1', 3]])], 0);
    expect(rollup.areas).toHaveLength(1);
    expect(rollup.areas[0]!.title).toBe('Behov');
    expect(rollup.areas[0]!.notes.map((n) => [n.text, n.source.boardTitle])).toEqual([['a2', 'Ansatte'], ['b1', 'Politikere'], ['a1', 'Ansatte']]);
    expect(rollup.unmatchedAreas.map((a) => a.title)).toEqual(['Bare Ansatte', 'Bare Politikere']);
    const md = renderRollupMarkdown(rollup);
    expect(md).toContain('1. a2 (Behov; Verksted: Ansatte; Ansatte) — 5 stemmer');
    expect(md).toContain('## Områder som bare finnes i ett verksted');
    const rows = Papa.parse<string[]>(renderRollupCsv(rollup).slice(1), { skipEmptyLines: true }).data;
    expect(rows.slice(1).map((r) => [r[1], r[4]])).toEqual([['Ansatte', 'a2'], ['Politikere', 'b1'], ['Ansatte', 'a1']]);
  });
});
