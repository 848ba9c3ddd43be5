import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, initBoard, readAreas, updateNote } from '@verksted/shared';
import { countNewNoteKeys, findMissingDependency } from './update-check.js';

/** Runs `change` on `doc` and returns the update it produced. */
function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const handler = (u: Uint8Array): void => {
    updates.push(u);
  };
  doc.on('update', handler);
  change();
  doc.off('update', handler);
  return Y.mergeUpdates(updates);
}

function check(server: Y.Doc, update: Uint8Array): string | null {
  return findMissingDependency(server, Y.decodeUpdate(update));
}

describe('findMissingDependency', () => {
  it('accepts an update whose dependencies the document has', () => {
    const client = new Y.Doc();
    const server = new Y.Doc();
    const first = updateOf(client, () => client.getText('t').insert(0, 'abc'));
    Y.applyUpdate(server, first);
    const second = updateOf(client, () => client.getText('t').insert(3, 'def'));
    expect(check(server, second)).toBeNull();
  });

  it('accepts one update that carries both a change and what it builds on, from two clients', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const fromA = updateOf(a, () => a.getText('t').insert(0, 'abc'));
    Y.applyUpdate(b, fromA);
    const fromB = updateOf(b, () => b.getText('t').insert(3, 'xyz'));
    expect(check(new Y.Doc(), Y.mergeUpdates([fromA, fromB]))).toBeNull();
  });

  it('refuses an item whose origin is another client’s unknown item', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(b, updateOf(a, () => a.getText('t').insert(0, 'abc')));
    const fromB = updateOf(b, () => b.getText('t').insert(3, 'xyz'));
    expect(check(new Y.Doc(), fromB)).toMatch(/references unknown/);
  });

  it('refuses structs that start after the clock the document has for their client', () => {
    const client = new Y.Doc();
    updateOf(client, () => client.getText('t').insert(0, 'abc'));
    const second = updateOf(client, () => client.getText('t').insert(3, 'def'));
    expect(check(new Y.Doc(), second)).toMatch(/starts after known clock/);
  });

  it('refuses a delete of clocks the document does not have', () => {
    const client = new Y.Doc();
    updateOf(client, () => client.getText('t').insert(0, 'abc'));
    const deletion = updateOf(client, () => client.getText('t').delete(0, 2));
    expect(check(new Y.Doc(), deletion)).toMatch(/delete/);
  });

  it('accepts a board document built from scratch', () => {
    const doc = new Y.Doc();
    const update = updateOf(doc, () => initBoard(doc, { title: 'x', template: 'innovation-strategy' }));
    expect(check(new Y.Doc(), update)).toBeNull();
  });
});

describe('countNewNoteKeys', () => {
  it('counts notes an update adds, not edits of existing ones', () => {
    const client = new Y.Doc();
    const server = new Y.Doc();
    Y.applyUpdate(server, updateOf(client, () => initBoard(client, { title: 'x', template: 'retrospective' })));
    const areaId = readAreas(client).at(0)!.id;
    let noteId = '';
    const twoNotes = updateOf(client, () => {
      noteId = addNote(client, { areaId, text: 'a', kind: 'idea', authorId: 'u', authorName: 'U' });
      addNote(client, { areaId, text: 'b', kind: 'idea', authorId: 'u', authorName: 'U' });
    });
    expect(countNewNoteKeys(server, Y.decodeUpdate(twoNotes))).toBe(2);
    Y.applyUpdate(server, twoNotes);
    const edit = updateOf(client, () => updateNote(client, noteId, { kind: 'goal', text: 'a, edited' }));
    expect(countNewNoteKeys(server, Y.decodeUpdate(edit))).toBe(0);
  });
});
