import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardInputError,
  addArea,
  addNote,
  deleteNote,
  initBoard,
  moveArea,
  moveNote,
  observeNote,
  observeNoteLayout,
  readAreas,
  readBoard,
  readMeta,
  readNote,
  readNotesInArea,
  removeArea,
  setBoardTitle,
  updateArea,
  updateNote,
} from './board-schema.js';
import { TEMPLATES, TEMPLATE_IDS } from './templates.js';
import { KIND_COLOURS } from './vocabulary.js';
import { MAX_NOTE_TEXT_CHARS } from './limits.js';

const author = { authorId: 'p1', authorName: 'Kari' };

function newBoard(template: (typeof TEMPLATE_IDS)[number] = 'innovation-strategy'): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Verksted 1', template, language: 'nb', createdAt: 1 });
  return doc;
}

/** Two peers that start from the same state and exchange everything on `sync()`. */
function twoPeers(): { a: Y.Doc; b: Y.Doc; sync: () => void } {
  const a = newBoard();
  const b = new Y.Doc();
  const sync = (): void => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  sync();
  return { a, b, sync };
}

function texts(doc: Y.Doc, areaIndex: number): string[] {
  return readBoard(doc).areas[areaIndex]!.notes.map((n) => n.text);
}

describe('board document', () => {
  it.each(TEMPLATE_IDS)('initialises the %s template with its areas in order', (template) => {
    const doc = newBoard(template);
    const board = readBoard(doc);
    expect(board.template).toBe(template);
    expect(board.areas.map((a) => a.title)).toEqual(TEMPLATES[template].areas.map((a) => a.title.nb));
    expect(board.noteCount).toBe(0);
  });

  it('uses the template title when the title is empty, in the board language', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: '  ', template: 'retrospective', language: 'en' });
    expect(readMeta(doc)).toMatchObject({ title: 'Retrospective', language: 'en', schemaVersion: 1 });
    expect(readAreas(doc)[0]!.title).toBe('What worked');
  });

  it('adds, reads, edits and deletes a note', () => {
    const doc = newBoard();
    const areaId = readAreas(doc)[1]!.id;
    const id = addNote(doc, { areaId, text: 'Dele data på tvers', kind: 'idea', group: 'employees', ...author });
    expect(readNote(doc, id)).toMatchObject({
      id,
      text: 'Dele data på tvers',
      areaId,
      kind: 'idea',
      colour: KIND_COLOURS.idea,
      authorName: 'Kari',
      group: 'employees',
    });
    updateNote(doc, id, { text: 'Dele data på tvers av etater', kind: 'need' });
    expect(readNote(doc, id)).toMatchObject({ text: 'Dele data på tvers av etater', kind: 'need', colour: KIND_COLOURS.need });
    deleteNote(doc, id);
    expect(readNote(doc, id)).toBeNull();
    expect(readBoard(doc).noteCount).toBe(0);
  });

  it('refuses bad input with a BoardInputError and changes nothing', () => {
    const doc = newBoard();
    const areaId = readAreas(doc)[0]!.id;
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => addNote(doc, { areaId: 'nope', text: 'x', kind: 'idea', ...author })).toThrow(BoardInputError);
    expect(() => addNote(doc, { areaId, text: 'x'.repeat(MAX_NOTE_TEXT_CHARS + 1), kind: 'idea', ...author })).toThrow(
      /longer than/,
    );
    expect(() => addNote(doc, { areaId, text: 'x', kind: 'rant' as never, ...author })).toThrow(/kind/);
    expect(() => moveNote(doc, 'nope', { areaId, index: 0 })).toThrow(BoardInputError);
    expect(() => setBoardTitle(doc, '')).toThrow(BoardInputError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('keeps notes in the order they were added and moves them by index', () => {
    const doc = newBoard();
    const [first, second] = readAreas(doc);
    const ids = ['a', 'b', 'c'].map((text) => addNote(doc, { areaId: first!.id, text, kind: 'idea', ...author }));
    expect(texts(doc, 0)).toEqual(['a', 'b', 'c']);
    moveNote(doc, ids[2]!, { areaId: first!.id, index: 0 });
    expect(texts(doc, 0)).toEqual(['c', 'a', 'b']);
    moveNote(doc, ids[0]!, { areaId: second!.id, index: 0 });
    expect(texts(doc, 0)).toEqual(['c', 'b']);
    expect(texts(doc, 1)).toEqual(['a']);
    addNote(doc, { areaId: first!.id, text: 'first', kind: 'goal', index: 0, ...author });
    expect(texts(doc, 0)).toEqual(['first', 'c', 'b']);
  });

  it('adds, renames, reorders and removes areas without losing notes', () => {
    const doc = newBoard('retrospective');
    const newId = addArea(doc, { title: 'Spørsmål', description: 'Det vi lurer på', index: 0 });
    expect(readAreas(doc).map((a) => a.title)).toEqual(['Spørsmål', 'Dette fungerte', 'Dette fungerte ikke', 'Ideer']);
    updateArea(doc, newId, { title: 'Spørsmål og svar' });
    moveArea(doc, newId, 3);
    expect(readAreas(doc).map((a) => a.title)).toEqual(['Dette fungerte', 'Dette fungerte ikke', 'Ideer', 'Spørsmål og svar']);
    const noteId = addNote(doc, { areaId: newId, text: 'Hvorfor?', kind: 'need', ...author });
    expect(() => removeArea(doc, newId)).toThrow(/still has notes/);
    const target = readAreas(doc)[0]!.id;
    removeArea(doc, newId, { moveNotesTo: target });
    expect(readAreas(doc)).toHaveLength(3);
    expect(readNote(doc, noteId)!.areaId).toBe(target);
  });
});

describe('concurrent edits converge', () => {
  it('two people moving the same note to different areas: one move wins on both sides, no duplicate', () => {
    const { a, b, sync } = twoPeers();
    const [x, y, z] = readAreas(a);
    const id = addNote(a, { areaId: x!.id, text: 'flytt meg', kind: 'idea', ...author });
    sync();
    moveNote(a, id, { areaId: y!.id, index: 0 });
    moveNote(b, id, { areaId: z!.id, index: 0 });
    sync();
    expect(readBoard(a)).toEqual(readBoard(b));
    const placed = readBoard(a).areas.flatMap((area) => area.notes.map((n) => ({ area: area.id, id: n.id })));
    expect(placed.filter((p) => p.id === id)).toHaveLength(1);
    expect([y!.id, z!.id]).toContain(readNote(a, id)!.areaId);
  });

  it('two people reordering the same area keep every note exactly once', () => {
    const { a, b, sync } = twoPeers();
    const areaId = readAreas(a)[0]!.id;
    const ids = ['1', '2', '3', '4'].map((text) => addNote(a, { areaId, text, kind: 'idea', ...author }));
    sync();
    moveNote(a, ids[3]!, { areaId, index: 0 });
    moveNote(b, ids[0]!, { areaId, index: 3 });
    moveNote(b, ids[1]!, { areaId, index: 0 });
    sync();
    expect(readBoard(a)).toEqual(readBoard(b));
    expect([...texts(a, 0)].sort()).toEqual(['1', '2', '3', '4']);
  });

  it('two people inserting at the same place both keep their notes, in the same order on both sides', () => {
    const { a, b, sync } = twoPeers();
    const areaId = readAreas(a)[0]!.id;
    addNote(a, { areaId, text: 'start', kind: 'idea', ...author });
    addNote(a, { areaId, text: 'end', kind: 'idea', ...author });
    sync();
    addNote(a, { areaId, text: 'from a', kind: 'idea', index: 1, ...author });
    addNote(b, { areaId, text: 'from b', kind: 'idea', index: 1, authorId: 'p2', authorName: 'Ola' });
    sync();
    expect(texts(a, 0)).toEqual(texts(b, 0));
    expect(texts(a, 0)[0]).toBe('start');
    expect(texts(a, 0)[3]).toBe('end');
    // A later insert between the tied notes still works.
    addNote(a, { areaId, text: 'between', kind: 'idea', index: 2, ...author });
    sync();
    expect(texts(a, 0)).toEqual(texts(b, 0));
    expect(texts(a, 0)).toHaveLength(5);
  });

  it('two people editing the same note merge both edits', () => {
    const { a, b, sync } = twoPeers();
    const areaId = readAreas(a)[0]!.id;
    const id = addNote(a, { areaId, text: 'Bedre samarbeid', kind: 'idea', ...author });
    sync();
    updateNote(a, id, { text: 'Bedre samarbeid med næringslivet' });
    updateNote(b, id, { text: 'Mye bedre samarbeid' });
    sync();
    expect(readNote(a, id)!.text).toBe(readNote(b, id)!.text);
    expect(readNote(a, id)!.text).toBe('Mye bedre samarbeid med næringslivet');
  });

  it('an edit and a delete of the same note: the note is gone on both sides', () => {
    const { a, b, sync } = twoPeers();
    const areaId = readAreas(a)[0]!.id;
    const id = addNote(a, { areaId, text: 'x', kind: 'idea', ...author });
    sync();
    updateNote(a, id, { text: 'xy' });
    deleteNote(b, id);
    sync();
    expect(readNote(a, id)).toBeNull();
    expect(readBoard(a)).toEqual(readBoard(b));
  });

  it('a note in an area removed by someone else stays visible in the first area', () => {
    const { a, b, sync } = twoPeers();
    const doomed = readAreas(a)[2]!;
    removeArea(a, doomed.id);
    const id = addNote(b, { areaId: doomed.id, text: 'skrevet offline', kind: 'need', ...author });
    sync();
    const board = readBoard(a);
    expect(board.areas.map((x) => x.id)).not.toContain(doomed.id);
    expect(board.areas[0]!.notes.map((n) => n.id)).toContain(id);
    expect(readBoard(b)).toEqual(board);
  });
});

describe('observers', () => {
  it('fires observeNote only for the note that changed', () => {
    const { a, b, sync } = twoPeers();
    const areaId = readAreas(a)[0]!.id;
    const one = addNote(a, { areaId, text: 'one', kind: 'idea', ...author });
    const two = addNote(a, { areaId, text: 'two', kind: 'idea', ...author });
    sync();
    const calls: string[] = [];
    observeNote(b, one, () => calls.push('one'));
    observeNote(b, two, () => calls.push('two'));
    let layout = 0;
    observeNoteLayout(b, () => layout++);
    updateNote(a, two, { text: 'two!' });
    sync();
    expect(calls).toEqual(['two']);
    expect(layout).toBe(0);
    moveNote(a, one, { areaId, index: 5 });
    sync();
    expect(layout).toBe(1);
    expect(readNotesInArea(b, areaId).map((n) => n.text)).toEqual(['two!', 'one']);
  });
});

describe('untrusted documents', () => {
  it('reads a document with wrong field types without throwing', () => {
    const doc = newBoard();
    const areaId = readAreas(doc)[0]!.id;
    const id = addNote(doc, { areaId, text: 'ok', kind: 'idea', ...author });
    const raw = doc.getMap<Y.Map<unknown>>('notes').get(id)!;
    raw.set('kind', 42);
    raw.set('text', { evil: true });
    raw.set('position', '\u0000not-a-key');
    doc.getMap('notes').set('junk', 'not a map');
    expect(readNote(doc, id)).toMatchObject({ kind: 'idea', text: '' });
    expect(() => readBoard(doc)).not.toThrow();
    expect(() => addNote(doc, { areaId, text: 'after junk', kind: 'idea', ...author })).not.toThrow();
    expect(() => moveNote(doc, id, { areaId, index: 0 })).not.toThrow();
  });
});
