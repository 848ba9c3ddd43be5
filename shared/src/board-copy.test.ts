import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addArea, addNote, deleteNote, groupNotes, initBoard, readAreas, readBoard, readNote, updateNote } from './board-schema.js';
import { readSettings, updateSettings } from './facilitation.js';
import { addVote, readAllVotes } from './votes.js';
import { replaceBoardContent, writeBoardContent, type BoardContent } from './board-copy.js';

function board(): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Workshop', template: 'retrospective', createdAt: 1 });
  const areaIds = readAreas(doc).map((a) => a.id);
  const ids = ['a', 'b', 'c', 'd'].map((text, i) => addNote(doc, { areaId: areaIds[i % 2]!, text, kind: 'idea', authorId: `p${i}`, authorName: `P${i}`, createdAt: i }));
  groupNotes(doc, [ids[0]!, ids[2]!], { title: 'Together' });
  addVote(doc, 'p1', ids[1]!, 5);
  addVote(doc, 'p2', ids[0]!, 5);
  return { doc, ids };
}

function clone(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('replaceBoardContent', () => {
  it('rolls a document back to an earlier state: deleted, changed and added items, dots, title', () => {
    const { doc, ids } = board();
    const before = clone(doc);
    const noteMap = doc.getMap('notes').get(ids[1]!);
    deleteNote(doc, ids[0]!);
    updateNote(doc, ids[1]!, { text: 'changed', kind: 'goal' });
    addNote(doc, { areaId: readAreas(doc)[2]!.id, text: 'new', kind: 'need', authorId: 'x', authorName: 'X' });
    addArea(doc, { title: 'Extra' });
    addVote(doc, 'p3', ids[3]!, 5);
    doc.getMap('meta').set('title', 'Renamed');

    let updates = 0;
    doc.on('update', () => updates++);
    replaceBoardContent(doc, before, 'rollback');
    expect(updates).toBe(1);
    expect(readBoard(doc)).toEqual(readBoard(before));
    expect(readAllVotes(doc)).toEqual(readAllVotes(before));
    // A changed note keeps its id and its map; only its fields were rewritten.
    expect(doc.getMap('notes').get(ids[1]!)).toBe(noteMap);
  });

  it('makes a fresh document equal and keeps the target settings unless asked', () => {
    const { doc } = board();
    updateSettings(doc, { phase: 'vote', voteBudget: 3 });
    const fresh = new Y.Doc();
    updateSettings(fresh, { phase: 'results' });
    replaceBoardContent(fresh, doc);
    expect(readBoard(fresh)).toEqual(readBoard(doc));
    expect(readSettings(fresh).phase).toBe('results');
    replaceBoardContent(fresh, doc, null, { settings: true });
    expect(readSettings(fresh)).toEqual(readSettings(doc));
  });

  it('writes nothing when the content is already equal', () => {
    const { doc } = board();
    const same = clone(doc);
    let updates = 0;
    same.on('update', () => updates++);
    replaceBoardContent(same, doc);
    expect(updates).toBe(0);
  });

  it('merges with a concurrent peer: both end up with the snapshot content', () => {
    const { doc } = board();
    const snapshot = clone(doc);
    const peer = clone(doc);
    addNote(doc, { areaId: readAreas(doc)[0]!.id, text: 'later', kind: 'idea', authorId: 'p', authorName: 'P' });
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    replaceBoardContent(doc, snapshot);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer)));
    expect(readBoard(peer)).toEqual(readBoard(snapshot));
  });
});

describe('writeBoardContent', () => {
  const content = (): BoardContent => ({
    meta: { title: 'Imported', template: 'retrospective', language: 'en', createdAt: 5 },
    areas: [
      {
        id: 'area1',
        title: 'One',
        description: 'first',
        notes: [
          { id: 'n1', text: 'loose', kind: 'idea', authorId: 'p1', authorName: 'P1', group: 'employees', createdAt: 1 },
          { id: 'n2', text: 'in cluster', kind: 'need', colour: '#ffffff', authorId: 'p2', authorName: 'P2', group: null, createdAt: 2 },
          { id: 'n3', text: 'also in cluster', kind: 'goal', authorId: 'p2', authorName: 'P2', group: null, createdAt: 3 },
          { id: 'n4', text: '<script>alert(1)</script>', kind: 'experience', authorId: '', authorName: '', group: null, createdAt: 4 },
        ],
        clusters: [{ id: 'c1', title: 'Pair', noteIds: ['n2', 'n3', 'unknown'] }],
      },
      { id: 'area2', title: 'Two', description: '', notes: [{ id: 'n1', text: 'duplicate id', kind: 'idea', authorId: '', authorName: '', group: null, createdAt: 0 }], clusters: [] },
    ],
    votes: [{ participantId: 'p1', noteId: 'n2' }, { participantId: 'p1', noteId: 'n4' }],
    settings: { phase: 'results', voteBudget: 2, anonymous: true },
  });

  it('keeps ids, order, clusters, dots and settings, and repairs duplicates', () => {
    const doc = new Y.Doc();
    writeBoardContent(doc, content());
    const view = readBoard(doc);
    expect(view).toMatchObject({ title: 'Imported', template: 'retrospective', language: 'en', createdAt: 5, noteCount: 4 });
    expect(view.areas.map((a) => a.id)).toEqual(['area1', 'area2']);
    expect(view.areas[0]!.notes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(view.areas[0]!.clusters).toEqual([{ id: 'c1', title: 'Pair', noteIds: ['n2', 'n3'] }]);
    expect(view.areas[1]!.notes).toEqual([]);
    expect(readNote(doc, 'n2')).toMatchObject({ colour: '#ffffff', clusterId: 'c1' });
    expect(readNote(doc, 'n4')!.text).toBe('<script>alert(1)</script>');
    expect(readAllVotes(doc)).toHaveLength(2);
    expect(readSettings(doc)).toMatchObject({ phase: 'results', voteBudget: 2, anonymous: true });
  });

  it('uses the template title for an empty title', () => {
    const doc = new Y.Doc();
    writeBoardContent(doc, { ...content(), meta: { ...content().meta, title: '  ' } });
    expect(readBoard(doc).title).toBe('Retrospective');
  });
});
