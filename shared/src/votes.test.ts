import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, groupNotes, initBoard, readAreas, readBoard } from './board-schema.js';
import { addVote, rankBoard, readBallot, readBallots, readTallies, removeVote, tallyVotes } from './votes.js';

describe('dot voting', () => {
  it('refuses the dot past the budget and takes back the latest dot', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 5; i++) expect(addVote(doc, 'p1', i % 2 ? 'a' : 'b', 5)).toBe(true);
    expect(addVote(doc, 'p1', 'a', 5)).toBe(false);
    expect(addVote(doc, 'p2', 'a', 5)).toBe(true);
    expect(readBallot(doc, 'p1')).toEqual(['b', 'a', 'b', 'a', 'b']);
    expect(removeVote(doc, 'p1', 'a')).toBe(true);
    expect(readBallot(doc, 'p1')).toEqual(['b', 'a', 'b', 'b']);
    expect(removeVote(doc, 'p1', 'zzz')).toBe(false);
    expect(readBallots(doc).get('p2')).toEqual(['a']);
  });

  it("counts only each participant's earliest dots up to the budget, whatever was stored", () => {
    const tallies = tallyVotes([['a', 'a', 'b', 'c', 'c', 'c', 'c', 'c'], ['b']], 5);
    expect(Object.fromEntries(tallies)).toEqual({ a: 2, b: 2, c: 2 });
    const doc = new Y.Doc();
    // A modified client that ignores the budget: the extra dots are stored but never counted.
    doc.getArray('votes').push(Array.from({ length: 8 }, () => ({ participantId: 'cheat', noteId: 'x' })));
    doc.getArray('votes').push([{ participantId: 'cheat' }, 'junk', null]);
    expect(readTallies(doc, 5).get('x')).toBe(5);
  });

  it('ranks notes and clusters per area by votes, ties in board order', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 't', template: 'retrospective' });
    const areaId = readAreas(doc)[0]!.id;
    const [n1, n2, n3, n4] = ['one', 'two', 'three', 'four'].map((text) =>
      addNote(doc, { areaId, text, kind: 'idea', authorId: 'p', authorName: 'P' }),
    );
    const clusterId = groupNotes(doc, [n3!, n4!], { title: 'pair' });
    for (const [p, n] of [['a', n2], ['b', n2], ['c', n2], ['a', n3], ['b', n4]] as const) addVote(doc, p, n!, 5);
    const ranked = rankBoard(readBoard(doc), readTallies(doc, 5))[0]!.items;
    expect(ranked.map((item) => [item.id, item.votes])).toEqual([
      [n2, 3],
      [clusterId, 2],
      [n1, 0],
    ]);
  });
});
