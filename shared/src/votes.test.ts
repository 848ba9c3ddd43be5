import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addDraftNote,
  addNote,
  countDraftsByArea,
  groupNotes,
  initBoard,
  publishDrafts,
  readAreas,
  readBoard,
  readDrafts,
  readNotes,
} from './board-schema.js';
import { addVote, rankBoard, readTallies, readVotes, removeVote, tallyVotes, writeTallies } from './votes.js';

describe('dot voting', () => {
  it('refuses the dot past the budget and takes back the latest dot', () => {
    const ballot = new Y.Doc();
    for (let i = 0; i < 5; i++) expect(addVote(ballot, i % 2 ? 'a' : 'b', 5)).toBe(true);
    expect(addVote(ballot, 'a', 5)).toBe(false);
    expect(readVotes(ballot)).toEqual(['b', 'a', 'b', 'a', 'b']);
    expect(removeVote(ballot, 'a')).toBe(true);
    expect(readVotes(ballot)).toEqual(['b', 'a', 'b', 'b']);
    expect(removeVote(ballot, 'zzz')).toBe(false);
  });

  it('counts only each participant\'s earliest dots up to the budget, whatever was stored', () => {
    const tallies = tallyVotes([['a', 'a', 'b', 'c', 'c', 'c', 'c', 'c'], ['b']], 5);
    expect(Object.fromEntries(tallies)).toEqual({ a: 2, b: 2, c: 2 });
  });

  it('ranks notes and clusters per area by votes, ties in board order', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 't', template: 'retrospective' });
    const areaId = readAreas(doc)[0]!.id;
    const [n1, n2, n3, n4] = ['one', 'two', 'three', 'four'].map((text) =>
      addNote(doc, { areaId, text, kind: 'idea', authorId: 'p', authorName: 'P' }),
    );
    const clusterId = groupNotes(doc, [n3!, n4!], { title: 'pair' });
    writeTallies(doc, new Map([[n2!, 3], [n3!, 1], [n4!, 1]]));
    expect(readTallies(doc).get(n2!)).toBe(3);
    const ranked = rankBoard(readBoard(doc), readTallies(doc))[0]!.items;
    expect(ranked.map((item) => [item.id, item.votes])).toEqual([
      [n2, 3],
      [clusterId, 2],
      [n1, 0],
    ]);
  });
});

describe('drafts in a private document', () => {
  it('keeps drafts per area in the order written and counts them', () => {
    const board = new Y.Doc();
    initBoard(board, { title: 't', template: 'retrospective' });
    const [a1, a2] = readAreas(board).map((a) => a.id);
    const mine = new Y.Doc();
    addDraftNote(mine, { areaId: a1!, text: 'x', kind: 'need', authorId: 'p', authorName: 'P' });
    addDraftNote(mine, { areaId: a2!, text: 'y', kind: 'idea', authorId: 'p', authorName: 'P' });
    addDraftNote(mine, { areaId: a1!, text: 'z', kind: 'goal', authorId: 'p', authorName: 'P' });
    expect(readDrafts(mine, a1!).map((n) => n.text)).toEqual(['x', 'z']);
    expect(countDraftsByArea(mine)).toEqual({ [a1!]: 2, [a2!]: 1 });
    expect(readNotes(board)).toEqual([]);
  });

  it('publishes drafts onto the board as the owner\'s notes, once, and empties the private document', () => {
    const board = new Y.Doc();
    initBoard(board, { title: 't', template: 'retrospective' });
    const [a1] = readAreas(board).map((a) => a.id);
    const mine = new Y.Doc();
    const id = addDraftNote(mine, { areaId: a1!, text: 'hemmelig', kind: 'need', authorId: 'forged', authorName: 'P' });
    addDraftNote(mine, { areaId: 'gone', text: 'orphan', kind: 'idea', authorId: 'forged', authorName: 'P' });
    expect(publishDrafts(board, mine, 'owner')).toBe(2);
    expect(readDrafts(mine)).toEqual([]);
    const notes = readBoard(board).areas[0]!.notes;
    expect(notes.map((n) => [n.text, n.authorId])).toEqual([['hemmelig', 'owner'], ['orphan', 'owner']]);
    expect(notes[0]!.id).toBe(id);
    expect(publishDrafts(board, mine, 'owner')).toBe(0);
  });
});
