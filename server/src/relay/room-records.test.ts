import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, initBoard, readAreas, readNotes } from '@verksted/shared';
import { FACILITATORS_ONLY, decodeRecord, encodeRelease, encodeSecretState, encodeWithheld, isEmptyUpdate } from './room-records.js';
import { SecretKeeper, replayRecords } from './SecretKeeper.js';

/** A board and a note writer where every note comes from its own peer (its own Yjs client), as in real use. */
function boardWithUpdates(): { doc: Y.Doc; base: Uint8Array; note: (text: string) => Uint8Array } {
  const doc = new Y.Doc();
  initBoard(doc, { title: 't', template: 'retrospective' });
  const base = Y.encodeStateAsUpdate(doc);
  const note = (text: string): Uint8Array => {
    const peer = new Y.Doc();
    Y.applyUpdate(peer, base);
    const before = Y.encodeStateVector(peer);
    addNote(peer, { areaId: readAreas(peer)[0]!.id, text, kind: 'idea', authorId: text, authorName: text });
    const update = Y.encodeStateAsUpdate(peer, before);
    Y.applyUpdate(doc, update);
    return update;
  };
  return { doc, base, note };
}

const texts = (doc: Y.Doc): string[] => readNotes(doc).map((n) => n.text).sort();

describe('room records', () => {
  it('round-trips every kind, and a plain update stays a plain update', () => {
    const { base } = boardWithUpdates();
    expect(decodeRecord(base)).toEqual({ kind: 'public', update: base });
    expect(decodeRecord(encodeWithheld('p1', base))).toEqual({ kind: 'withheld', audience: 'p1', update: base });
    expect(decodeRecord(encodeRelease())).toEqual({ kind: 'release' });
    const state = decodeRecord(encodeSecretState(base, [{ audience: FACILITATORS_ONLY, update: base }]));
    expect(state).toEqual({ kind: 'secret-state', publicState: base, withheld: [{ audience: FACILITATORS_ONLY, update: base }] });
  });

  it('recognises the empty update the envelope prefix is reserved from', () => {
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    expect(isEmptyUpdate(boardWithUpdates().base)).toBe(false);
  });
});

describe('replaying records', () => {
  it('keeps unreleased withheld notes out of the public view and serves them to their author', () => {
    const { base, note } = boardWithUpdates();
    const records = [base, encodeWithheld('a', note('from a')), note('public'), encodeWithheld('b', note('from b'))];
    const doc = new Y.Doc();
    const keeper = replayRecords(doc, records, 'load');
    expect(texts(doc)).toEqual(['from a', 'from b', 'public']);
    expect(keeper.active).toBe(true);
    expect(texts(keeper.publicDoc!)).toEqual(['public']);
    const own = new Y.Doc();
    Y.applyUpdate(own, Y.encodeStateAsUpdate(keeper.publicDoc!));
    Y.applyUpdate(own, keeper.withheldFor('a')!);
    expect(texts(own)).toEqual(['from a', 'public']);
  });

  it('treats everything withheld before a release as public', () => {
    const { base, note } = boardWithUpdates();
    const records = [base, encodeWithheld('a', note('from a')), encodeRelease(), note('later')];
    const doc = new Y.Doc();
    const keeper = replayRecords(doc, records, 'load');
    expect(keeper.active).toBe(false);
    expect(texts(doc)).toEqual(['from a', 'later']);
  });

  it('compacts a secret phase into a snapshot that replays to the same views', () => {
    const { doc, base, note } = boardWithUpdates();
    const keeper = new SecretKeeper();
    const replayed = new Y.Doc();
    Y.applyUpdate(replayed, base);
    keeper.begin(replayed);
    const fromA = note('from a');
    Y.applyUpdate(replayed, fromA);
    keeper.remember('a', fromA);
    const pub = note('public');
    Y.applyUpdate(replayed, pub);
    expect(keeper.admitPublic(pub)).toBe('all');
    const snapshot = keeper.encodeState(replayed);
    const again = new Y.Doc();
    const restored = replayRecords(again, [snapshot], 'load');
    expect(texts(again)).toEqual(texts(doc));
    expect(texts(restored.publicDoc!)).toEqual(['public']);
    expect(restored.withheldFor('a')).not.toBeNull();
    const released = restored.end(again)!;
    const participant = new Y.Doc();
    Y.applyUpdate(participant, Y.encodeStateAsUpdate(new Y.Doc()));
    Y.applyUpdate(participant, snapshotPublic(snapshot));
    Y.applyUpdate(participant, released);
    expect(texts(participant)).toEqual(['from a', 'public']);
  });
});

function snapshotPublic(snapshot: Uint8Array): Uint8Array {
  const record = decodeRecord(snapshot);
  if (record.kind !== 'secret-state') throw new Error('expected a secret state');
  return record.publicState;
}

describe('a crash between snapshot rename and log truncation', () => {
  it('does not reveal what the new snapshot keeps secret when the old log (with an old release) follows it', () => {
    const { base, note } = boardWithUpdates();
    const early = note('revealed earlier');
    const secretLater = note('still secret');
    // The old log: a note withheld then released, then a new secret phase's note.
    const oldLog = [base, encodeWithheld('a', early), encodeRelease(), encodeWithheld('b', secretLater)];
    const doc = new Y.Doc();
    const keeper = replayRecords(doc, oldLog, 'load');
    const snapshot = keeper.encodeState(doc);
    // Crash: the new snapshot is in place, the old log was not truncated yet.
    const again = new Y.Doc();
    const restored = replayRecords(again, [snapshot, ...oldLog], 'load');
    expect(texts(again)).toEqual(['revealed earlier', 'still secret']);
    expect(restored.active).toBe(true);
    expect(texts(restored.publicDoc!)).toEqual(['revealed earlier']);
    // A record written after the compaction is still handled normally.
    const after = replayRecords(new Y.Doc(), [snapshot, encodeWithheld('c', note('new')), encodeRelease()], 'load');
    expect(after.active).toBe(false);
  });
});
