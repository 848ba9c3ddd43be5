/**
 * The note text limit of the write policy: computed from the current text plus the characters an
 * update inserts minus those it deletes, for every writer (the facilitator too).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_TEXT_CHARS, NOTE_FIELD, addNote, initBoard, notesMap, readAreas, readSettings, updateNote } from '@verksted/shared';
import { REFUSAL, checkWrite, type WriteActor, type WriteVerdict } from './write-policy.js';
import { captureUpdate } from '../../test/updates.js';

const KARI: WriteActor = { role: 'participant', participantId: 'kari' };
const FACILITATOR: WriteActor = { role: 'facilitator', participantId: null };
const LIMIT = 10;

function setup() {
  const server = new Y.Doc();
  initBoard(server, { title: 'Workshop', template: 'retrospective' });
  const areaId = readAreas(server)[0]!.id;
  const karisNote = addNote(server, { areaId, text: '12345678', kind: 'idea', authorId: 'kari', authorName: 'Kari' });

  /** A change made on a fresh copy of the server's doc, checked as the server would (applied if accepted). */
  function attempt(actor: WriteActor, change: (doc: Y.Doc) => void, maxNoteTextChars: number | null = LIMIT): WriteVerdict {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    const update = captureUpdate(doc, () => change(doc));
    const limits = maxNoteTextChars === null ? undefined : { maxNoteTextChars };
    const verdict = checkWrite(server, Y.decodeUpdate(update), actor, readSettings(server), new Set(), limits);
    if (verdict.ok) Y.applyUpdate(server, update);
    return verdict;
  }
  const text = (doc: Y.Doc, id: string): Y.Text => (notesMap(doc).get(id) as Y.Map<unknown>).get(NOTE_FIELD.text) as Y.Text;
  const newNote = (doc: Y.Doc, body: string): string => addNote(doc, { areaId, text: body, kind: 'need', authorId: 'kari', authorName: 'Kari' });
  return { server, karisNote, attempt, text, newNote };
}

const refused: WriteVerdict = { ok: false, reason: REFUSAL.noteTooLong };

describe('checkWrite: note text length', () => {
  it('accepts a new note of exactly the limit and refuses one character more', () => {
    const { attempt, newNote } = setup();
    expect(attempt(KARI, (doc) => newNote(doc, 'x'.repeat(LIMIT)))).toMatchObject({ ok: true });
    expect(attempt(KARI, (doc) => newNote(doc, 'x'.repeat(LIMIT + 1)))).toEqual(refused);
  });

  it('counts the text the note already has: appending past the limit is refused', () => {
    const { server, karisNote, attempt, text } = setup();
    expect(attempt(KARI, (doc) => text(doc, karisNote).insert(8, 'abc'))).toEqual(refused);
    expect(attempt(KARI, (doc) => text(doc, karisNote).insert(8, 'ab'))).toMatchObject({ ok: true });
    expect(text(server, karisNote).toString()).toBe('12345678ab');
  });

  it('subtracts deleted characters: replacing a full text with another of the same length is fine', () => {
    const { server, karisNote, attempt, text } = setup();
    expect(attempt(KARI, (doc) => updateNote(doc, karisNote, { text: '0123456789' }))).toMatchObject({ ok: true });
    expect(attempt(KARI, (doc) => updateNote(doc, karisNote, { text: 'abcdefghij' }))).toMatchObject({ ok: true });
    expect(attempt(KARI, (doc) => updateNote(doc, karisNote, { text: 'abcdefghijk' }))).toEqual(refused);
    expect(text(server, karisNote).toString()).toBe('abcdefghij');
  });

  it('applies to the facilitator too', () => {
    const { karisNote, attempt, text, newNote } = setup();
    expect(attempt(FACILITATOR, (doc) => newNote(doc, 'y'.repeat(LIMIT + 5)))).toEqual(refused);
    expect(attempt(FACILITATOR, (doc) => text(doc, karisNote).insert(0, 'zzz'))).toEqual(refused);
  });

  it('measures a text written as a plain string value, and a replacing Y.Text from zero', () => {
    const { karisNote, attempt } = setup();
    const note = (doc: Y.Doc): Y.Map<unknown> => notesMap(doc).get(karisNote) as Y.Map<unknown>;
    expect(attempt(FACILITATOR, (doc) => note(doc).set(NOTE_FIELD.text, 'p'.repeat(LIMIT + 1)))).toEqual(refused);
    expect(attempt(FACILITATOR, (doc) => note(doc).set(NOTE_FIELD.text, new Y.Text('q'.repeat(LIMIT + 1))))).toEqual(refused);
    expect(attempt(FACILITATOR, (doc) => note(doc).set(NOTE_FIELD.text, new Y.Text('q'.repeat(LIMIT))))).toMatchObject({ ok: true });
  });

  it('uses MAX_NOTE_TEXT_CHARS from shared when no limit is given', () => {
    const { attempt, newNote, karisNote, text } = setup();
    expect(attempt(KARI, (doc) => newNote(doc, 'x'.repeat(MAX_NOTE_TEXT_CHARS)), null)).toMatchObject({ ok: true });
    expect(attempt(KARI, (doc) => text(doc, karisNote).insert(0, 'x'.repeat(MAX_NOTE_TEXT_CHARS - 7)), null)).toEqual(refused);
  });
});
