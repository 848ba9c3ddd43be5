import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  addVote,
  deleteNote,
  groupNotes,
  initBoard,
  moveNote,
  readAreas,
  removeVote,
  updateNote,
  updateSettings,
} from '@verksted/shared';
import { listUpdateWrites, type UpdateWrite } from './update-paths.js';
import { captureUpdate as capture, forgedCycleUpdate } from '../../test/updates.js';

/** A server doc with a board and a peer synced to it. */
function board(): { server: Y.Doc; peer: Y.Doc; areaIds: string[] } {
  const server = new Y.Doc();
  initBoard(server, { title: 'Workshop', template: 'retrospective' });
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(server));
  return { server, peer, areaIds: readAreas(peer).map((a) => a.id) };
}

/** Applies the peer's change to the server, returning the writes the server saw. */
function writesOf(server: Y.Doc, peer: Y.Doc, change: () => void): UpdateWrite[] {
  const update = capture(peer, change);
  const writes = listUpdateWrites(server, Y.decodeUpdate(update));
  Y.applyUpdate(server, update);
  return writes;
}

/** `kind path=value` lines, sorted: easy to compare without depending on struct order. */
function summary(writes: readonly UpdateWrite[]): string[] {
  return writes
    .map((w) => `${w.kind} ${w.path.map((p) => (p === null ? '*' : p)).join('/')}${w.values ? ` = ${JSON.stringify(w.values)}` : ''}`)
    .sort();
}

function addIdea(doc: Y.Doc, areaId: string, authorId = 'p1'): string {
  return addNote(doc, { areaId, text: 'hei', kind: 'idea', authorId, authorName: 'Kari', createdAt: 1000 });
}

describe('listUpdateWrites', () => {
  it('gives a new note as its map, its text, its characters and each field with its value', () => {
    const { server, peer, areaIds } = board();
    let id = '';
    const writes = writesOf(server, peer, () => (id = addIdea(peer, areaIds[0]!)));
    expect(summary(writes)).toEqual(
      [
        `insert notes/${id}`,
        `insert notes/${id}/text`,
        `insert notes/${id}/text/*`,
        `insert notes/${id}/areaId = ["${areaIds[0]}"]`,
        `insert notes/${id}/kind = ["idea"]`,
        `insert notes/${id}/authorId = ["p1"]`,
        `insert notes/${id}/authorName = ["Kari"]`,
        `insert notes/${id}/createdAt = [1000]`,
        `insert notes/${id}/position = ["a0"]`,
      ].sort(),
    );
    expect(writes.find((w) => w.path.length === 2)).toMatchObject({ content: 'type' });
    expect(writes.find((w) => w.path.at(-1) === 'authorId')).toMatchObject({ value: 'p1' });
  });

  it('gives a text edit as inserted and deleted characters of the note text', () => {
    const { server, peer, areaIds } = board();
    const id = addIdea(peer, areaIds[0]!);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(peer));
    const writes = writesOf(server, peer, () => updateNote(peer, id, { text: 'hallo' }));
    expect(new Set(summary(writes))).toEqual(new Set([`insert notes/${id}/text/*`, `delete notes/${id}/text/*`]));
    expect(writes.every((w) => w.content === 'string')).toBe(true);
  });

  it('gives a kind change as a new value whose parent is implied by its origin, and the old value deleted', () => {
    const { server, peer, areaIds } = board();
    const id = addIdea(peer, areaIds[0]!);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(peer));
    const update = capture(peer, () => updateNote(peer, id, { kind: 'need' }));
    const decoded = Y.decodeUpdate(update);
    // The premise: the new item carries no parent, only its origin (the old value).
    const item = decoded.structs.find((s): s is Y.Item => s instanceof Y.Item)!;
    expect(item.parent).toBeNull();
    expect(item.origin).not.toBeNull();
    expect(summary(listUpdateWrites(server, decoded))).toEqual([
      `delete notes/${id}/kind = ["idea"]`,
      `insert notes/${id}/kind = ["need"]`,
    ]);
  });

  it('gives a move as writes to areaId and position', () => {
    const { server, peer, areaIds } = board();
    const id = addIdea(peer, areaIds[0]!);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(peer));
    const writes = writesOf(server, peer, () => moveNote(peer, id, { areaId: areaIds[1]!, index: 0 }));
    expect(summary(writes)).toEqual([
      `delete notes/${id}/areaId = ["${areaIds[0]}"]`,
      `delete notes/${id}/position = ["a0"]`,
      `insert notes/${id}/areaId = ["${areaIds[1]}"]`,
      `insert notes/${id}/position = ["a0"]`,
    ]);
  });

  it('gives a deleted note as the delete of its map and of everything in it, with the old values', () => {
    const { server, peer, areaIds } = board();
    const id = addIdea(peer, areaIds[0]!);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(peer));
    const writes = writesOf(server, peer, () => deleteNote(peer, id));
    expect(writes.every((w) => w.kind === 'delete')).toBe(true);
    expect(summary(writes)).toContain(`delete notes/${id}`);
    expect(summary(writes)).toContain(`delete notes/${id}/authorId = ["p1"]`);
    expect(summary(writes)).toContain(`delete notes/${id}/text/*`);
  });

  it('gives a new cluster as its map and fields, and its notes’ placement', () => {
    const { server, peer, areaIds } = board();
    const a = addIdea(peer, areaIds[0]!);
    const b = addIdea(peer, areaIds[0]!);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(peer));
    let clusterId = '';
    const writes = summary(writesOf(server, peer, () => (clusterId = groupNotes(peer, [a, b], { title: 'Data' }))));
    expect(writes).toEqual(
      expect.arrayContaining([
        `insert clusters/${clusterId}`,
        `insert clusters/${clusterId}/title = ["Data"]`,
        `insert clusters/${clusterId}/areaId = ["${areaIds[0]}"]`,
        `insert notes/${a}/clusterId = ["${clusterId}"]`,
        `insert notes/${b}/clusterId = ["${clusterId}"]`,
      ]),
    );
    expect(writes.every((w) => / (clusters\/|notes\/[^/]+\/(clusterId|position|areaId))/.test(w))).toBe(true);
  });

  it('gives a setting as a key of the settings root, and its old value deleted when set again', () => {
    const { server, peer } = board();
    expect(summary(writesOf(server, peer, () => updateSettings(peer, { phase: 'brainstorm' })))).toEqual([
      'insert settings/phase = ["brainstorm"]',
    ]);
    expect(summary(writesOf(server, peer, () => updateSettings(peer, { phase: 'vote' })))).toEqual([
      'delete settings/phase = ["brainstorm"]',
      'insert settings/phase = ["vote"]',
    ]);
  });

  it('gives a pushed vote as an entry of the votes array with its value', () => {
    const { server, peer } = board();
    expect(summary(writesOf(server, peer, () => addVote(peer, 'p1', 'n1', 5)))).toEqual([
      'insert votes/* = [{"participantId":"p1","noteId":"n1"}]',
    ]);
    // The second dot is placed after the first: its parent comes from its origin.
    expect(summary(writesOf(server, peer, () => addVote(peer, 'p1', 'n2', 5)))).toEqual([
      'insert votes/* = [{"participantId":"p1","noteId":"n2"}]',
    ]);
  });

  it('gives a deleted vote with the value it had', () => {
    const { server, peer } = board();
    writesOf(server, peer, () => addVote(peer, 'p1', 'n1', 5));
    expect(summary(writesOf(server, peer, () => removeVote(peer, 'p1', 'n1')))).toEqual([
      'delete votes/* = [{"participantId":"p1","noteId":"n1"}]',
    ]);
  });

  it('gives every value of a run of votes, and only the deleted one when a run is cut', () => {
    const { server, peer } = board();
    const sv = Y.encodeStateVector(server);
    addVote(peer, 'p1', 'n1', 5);
    addVote(peer, 'p1', 'n2', 5);
    addVote(peer, 'p1', 'n3', 5);
    // Yjs merges consecutive entries of one client into one item: all of them must be visible.
    const update = Y.encodeStateAsUpdate(peer, sv);
    const writes = listUpdateWrites(server, Y.decodeUpdate(update));
    Y.applyUpdate(server, update);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.values).toEqual([
      { participantId: 'p1', noteId: 'n1' },
      { participantId: 'p1', noteId: 'n2' },
      { participantId: 'p1', noteId: 'n3' },
    ]);
    expect(summary(writesOf(server, peer, () => removeVote(peer, 'p1', 'n2')))).toEqual([
      'delete votes/* = [{"participantId":"p1","noteId":"n2"}]',
    ]);
  });

  it('leaves out what the document already has: a sync step 2 repeats the whole delete set', () => {
    const { server, peer, areaIds } = board();
    updateSettings(server, { phase: 'brainstorm' });
    updateSettings(server, { phase: 'cluster' }); // deletes the first phase value
    const id = addIdea(server, areaIds[0]!, 'p2');
    updateNote(server, id, { kind: 'goal' });
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(server));
    const offline = capture(peer, () => updateNote(peer, id, { text: 'hei du' }));
    // What the stock provider answers to the server's sync step 1.
    const step2 = Y.encodeStateAsUpdate(peer, Y.encodeStateVector(server));
    expect(summary(listUpdateWrites(server, Y.decodeUpdate(step2)))).toEqual([`insert notes/${id}/text/*`]);
    Y.applyUpdate(server, offline);
    // Sent again after the server has it: nothing.
    expect(listUpdateWrites(server, Y.decodeUpdate(Y.encodeStateAsUpdate(peer)))).toEqual([]);
  });

  it('resolves long chains of items that refer to each other inside one update', () => {
    const { server, peer, areaIds } = board();
    const id = addIdea(peer, areaIds[0]!);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(peer));
    const sv = Y.encodeStateVector(server);
    for (let i = 0; i < 300; i++) moveNote(peer, id, { areaId: areaIds[i % 2]!, index: 0 });
    const writes = listUpdateWrites(server, Y.decodeUpdate(Y.encodeStateAsUpdate(peer, sv)));
    expect(writes.length).toBeGreaterThan(0);
    expect(new Set(writes.map((w) => w.path.join('/')))).toEqual(new Set([`notes/${id}/areaId`, `notes/${id}/position`]));
  });

  it('marks an edit of content the server garbage-collected as collected', () => {
    const { server, peer, areaIds } = board();
    const id = addIdea(peer, areaIds[0]!);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(peer));
    deleteNote(server, id); // the server's doc collects the note's text
    const writes = listUpdateWrites(server, Y.decodeUpdate(capture(peer, () => updateNote(peer, id, { text: 'heisann' }))));
    expect(writes).toEqual([{ kind: 'insert', path: [], content: 'string', collected: true, length: 'sann'.length }]);
  });

  it('gives an empty path, not a hang, for items of a forged update that refer to each other', () => {
    const writes = listUpdateWrites(new Y.Doc(), Y.decodeUpdate(forgedCycleUpdate()));
    expect(writes.map((w) => [w.path, w.collected ?? false])).toEqual([
      [[], false],
      [[], false],
    ]);
  });
});
