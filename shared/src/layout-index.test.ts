/**
 * The live layout behind addNote / moveNote / moveCluster / ungroupCluster / removeArea must give
 * exactly the order keys the old whole-board layout gave, after any mix of local, remote, batched,
 * raw and concurrent edits. The oracle below is the layout code as it was before the live layout.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  addArea,
  addNote,
  deleteNote,
  groupNotes,
  initBoard,
  moveArea,
  moveCluster,
  moveNote,
  notesMap,
  observeNoteLayout,
  readAreaLayout,
  readAreas,
  readBoard,
  readCluster,
  readNote,
  readNotesInArea,
  removeArea,
  ungroupCluster,
} from './board-schema.js';
import { freshLayout, liveLayout } from './layout-index.js';
import { CLUSTER, NOTE_FIELD, ROOT, byPosition, keyAtIndex, keyBetween, str } from './schema-keys.js';

const author = { authorId: 'p1', authorName: 'Kari' };

// ---------------------------------------------------------------------------------------------
// Oracle: the whole-board layout exactly as board-schema.ts computed it before (placeItems).

interface OldItem {
  type: 'note' | 'cluster';
  id: string;
  position: string;
  notes?: { id: string; position: string }[];
}

function oldPlaceItems(doc: Y.Doc): Map<string, OldItem[]> {
  const areas = readAreas(doc);
  const byArea = new Map<string, OldItem[]>(areas.map((a) => [a.id, []]));
  const first = areas[0]?.id;
  const bucketOf = (areaId: string): OldItem[] | undefined => byArea.get(areaId) ?? (first !== undefined ? byArea.get(first) : undefined);
  const clusters = new Map<string, OldItem>();
  doc.getMap<Y.Map<unknown>>(ROOT.clusters).forEach((cluster, id) => {
    if (!(cluster instanceof Y.Map)) return;
    const item: OldItem = { type: 'cluster', id, position: str(cluster.get(CLUSTER.position)), notes: [] };
    clusters.set(id, item);
    bucketOf(str(cluster.get(CLUSTER.areaId)))?.push(item);
  });
  notesMap(doc).forEach((note, id) => {
    if (!(note instanceof Y.Map)) return;
    const position = str(note.get(NOTE_FIELD.position));
    const cluster = clusters.get(str(note.get(NOTE_FIELD.clusterId)));
    if (cluster) cluster.notes!.push({ id, position });
    else bucketOf(str(note.get(NOTE_FIELD.areaId)))?.push({ type: 'note', id, position });
  });
  for (const items of byArea.values()) items.sort(byPosition);
  for (const cluster of clusters.values()) cluster.notes!.sort(byPosition);
  return byArea;
}

/** The key the old addNote would have given. */
function oldAddKey(doc: Y.Doc, areaId: string, index?: number): string {
  const items = oldPlaceItems(doc).get(areaId) ?? [];
  return keyAtIndex(items, index ?? items.length);
}

/** Plain form of a layout, for comparing the live one, the fresh one and the oracle. */
function plain(layout: Map<string, { type: string; id: string; position: string; notes?: { id: string; position: string }[] }[]>): unknown {
  return [...layout].map(([areaId, items]) => [
    areaId,
    items.map((item) => ({ type: item.type, id: item.id, position: item.position, notes: item.notes?.map((n) => [n.id, n.position]) })),
  ]);
}

function expectLayoutsAgree(doc: Y.Doc): void {
  const oracle = plain(oldPlaceItems(doc));
  expect(plain(freshLayout(doc).snapshot())).toEqual(oracle);
  expect(plain(liveLayout(doc).snapshot())).toEqual(oracle);
}

function newBoard(template: 'innovation-strategy' | 'retrospective' = 'innovation-strategy'): { doc: Y.Doc; areaIds: string[] } {
  const doc = new Y.Doc();
  initBoard(doc, { title: 't', template, createdAt: 1 });
  return { doc, areaIds: readAreas(doc).map((a) => a.id) };
}

/** What `keyBetween` returns next to a malformed key: a fresh key plus a random id. */
const FALLBACK_KEY = /^a0[A-Za-z0-9_-]{12}$/;

/** Same key as the old algorithm gave (a random fallback key only has to be one too). */
function expectSameKey(actual: string, expected: string): void {
  if (FALLBACK_KEY.test(expected)) expect(actual).toMatch(FALLBACK_KEY);
  else expect(actual).toBe(expected);
}

/** addNote, checking its key against the old algorithm. */
function add(doc: Y.Doc, areaId: string, text: string, index?: number): string {
  const expected = oldAddKey(doc, areaId, index);
  const id = addNote(doc, { areaId, text, kind: 'idea', index, ...author });
  expectSameKey(readNote(doc, id)!.position, expected);
  return id;
}

function lastItemId(doc: Y.Doc, areaId: string): string | undefined {
  return readAreaLayout(doc).get(areaId)!.at(-1)?.id;
}

function syncAll(...docs: Y.Doc[]): void {
  for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function peerOf(doc: Y.Doc): Y.Doc {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  return peer;
}

// ---------------------------------------------------------------------------------------------

describe('live layout: appending', () => {
  it('many appends give the same keys as the whole-board layout, and the order they were added in', () => {
    const { doc, areaIds } = newBoard();
    const expected = new Map(areaIds.map((id) => [id, [] as string[]]));
    for (let i = 0; i < 400; i++) {
      const areaId = areaIds[(i * 7) % areaIds.length]!;
      expected.get(areaId)!.push(add(doc, areaId, `n${i}`));
    }
    for (const areaId of areaIds) expect(readNotesInArea(doc, areaId).map((n) => n.id)).toEqual(expected.get(areaId));
    expectLayoutsAgree(doc);
  });

  it('appends after a cluster that is the last item of the area', () => {
    const { doc, areaIds } = newBoard();
    const [a] = areaIds;
    const ids = ['a', 'b', 'c', 'd'].map((t) => add(doc, a!, t));
    const cluster = groupNotes(doc, [ids[0]!, ids[1]!]); // where 'a' was, i.e. first
    moveCluster(doc, cluster, { areaId: a!, index: 99 });
    expect(lastItemId(doc, a!)).toBe(cluster);
    const after = add(doc, a!, 'after the cluster');
    expect(lastItemId(doc, a!)).toBe(after);
    // A note dropped into the cluster does not count as an item of the area.
    moveNote(doc, after, { areaId: a!, index: 0, clusterId: cluster });
    const next = add(doc, a!, 'after the cluster again');
    expect(readAreaLayout(doc).get(a!)!.map((item) => item.id)).toEqual([ids[2], ids[3], cluster, next]);
    ungroupCluster(doc, cluster);
    expect(lastItemId(doc, a!)).toBe(next);
    expect(add(doc, a!, 'last')).toBe(lastItemId(doc, a!));
    expectLayoutsAgree(doc);
  });

  it('appends after deleting the last note, moving it away, and moving another note to the end', () => {
    const { doc, areaIds } = newBoard();
    const [a, b] = areaIds;
    const ids = ['1', '2', '3'].map((t) => add(doc, a!, t));
    const far = ['x', 'y', 'z', 'w', 'v'].map((t) => add(doc, b!, t)); // longer area: larger keys
    deleteNote(doc, ids[2]!);
    add(doc, a!, 'after delete');
    moveNote(doc, lastItemId(doc, a!)!, { areaId: b!, index: 0 });
    add(doc, a!, 'after move away');
    moveNote(doc, far[4]!, { areaId: a!, index: 99 });
    const last = add(doc, a!, 'after move in');
    expect(lastItemId(doc, a!)).toBe(last);
    expectLayoutsAgree(doc);
  });

  it('appends after notes whose area someone else removed (they show in the first area)', () => {
    const { doc: a, areaIds } = newBoard();
    const b = peerOf(a);
    add(a, areaIds[0]!, 'already in the first area');
    const offline = Array.from({ length: 12 }, (_, i) => add(a, areaIds[2]!, `offline ${i}`));
    removeArea(b, areaIds[2]!); // empty on b
    syncAll(a, b);
    expect(readAreaLayout(a).get(areaIds[0]!)!.map((item) => item.id)).toEqual(expect.arrayContaining(offline));
    const mine = add(a, areaIds[0]!, 'after the orphans');
    expect(lastItemId(a, areaIds[0]!)).toBe(mine);
    expectLayoutsAgree(a);
  });

  it('appends after notes left loose when an untrusted peer deletes their cluster outright', () => {
    const { doc: a, areaIds } = newBoard();
    const area = areaIds[0]!;
    const ids = Array.from({ length: 8 }, (_, i) => add(a, area, `n${i}`));
    const cluster = groupNotes(a, ids.slice(0, 6)); // member keys a0..a5, cluster at a0
    moveNote(a, ids[6]!, { areaId: areaIds[1]!, index: 0 });
    moveNote(a, ids[7]!, { areaId: areaIds[1]!, index: 0 });
    const b = peerOf(a);
    b.getMap(ROOT.clusters).delete(cluster); // raw, as a hand-made document would
    syncAll(a, b);
    const mine = add(a, area, 'after the former members');
    expect(lastItemId(a, area)).toBe(mine);
    expectLayoutsAgree(a);
  });

  it('appends after concurrent appends and moves from other peers', () => {
    const { doc: a, areaIds } = newBoard();
    const b = peerOf(a);
    const c = peerOf(a);
    const area = areaIds[1]!;
    for (let round = 0; round < 5; round++) {
      add(a, area, `a${round}`);
      add(b, area, `b${round}`);
      add(b, area, `b${round}'`);
      const moved = add(c, areaIds[0]!, `c${round}`);
      moveNote(c, moved, { areaId: area, index: 99 });
      syncAll(a, b, c);
      for (const doc of [a, b, c]) {
        expectLayoutsAgree(doc);
        const tail = add(doc, area, `tail ${round}`);
        expect(lastItemId(doc, area)).toBe(tail);
      }
      syncAll(a, b, c);
      expect(readBoard(a)).toEqual(readBoard(b));
      expect(readBoard(b)).toEqual(readBoard(c));
    }
  });

  it('an observer that appends when a remote note arrives appends after it', () => {
    const { doc: a, areaIds } = newBoard();
    const area = areaIds[0]!;
    add(a, area, 'first');
    const b = peerOf(a);
    add(b, area, 'warms b up');
    syncAll(a, b);
    let reply: string | undefined;
    observeNoteLayout(b, () => {
      if (reply === undefined) reply = add(b, area, 'reply');
    });
    const remote = Array.from({ length: 5 }, (_, i) => add(a, area, `remote ${i}`));
    syncAll(a, b);
    const order = readAreaLayout(b).get(area)!.map((item) => item.id);
    expect(order.slice(-6)).toEqual([...remote, reply]);
    expectLayoutsAgree(b);
  });
});

describe('reading the live layout', () => {
  it('a reader that reads the live layout after every change sees what the from-scratch layout gives', () => {
    const { doc: a, areaIds } = newBoard();
    const b = peerOf(a);
    const seen: unknown[] = [];
    const check = (): void => {
      const live = readAreaLayout(b, { live: true });
      expect(live).toEqual(readAreaLayout(b));
      seen.push(live.size);
    };
    observeNoteLayout(b, check);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const writer = i % 3 === 0 ? b : a;
      const area = areaIds[i % areaIds.length]!;
      ids.push(addNote(writer, { areaId: area, text: `n${i}`, kind: 'idea', ...author }));
      if (i % 4 === 1) moveNote(writer, ids[(i * 5) % ids.length]!, { areaId: areaIds[(i + 1) % areaIds.length]!, index: i % 3 });
      if (i % 7 === 3) groupNotes(writer, [ids[i - 1]!, ids[i - 2]!]);
      if (i % 9 === 5) deleteNote(writer, ids[i - 3]!);
      syncAll(a, b);
    }
    check();
    expect(seen.length).toBeGreaterThan(30);
    expectLayoutsAgree(b);
  });
});

describe('live layout: inside one transaction', () => {
  it('a batch of appends keeps the order, and sees raw writes and deletes made in between', () => {
    const { doc, areaIds } = newBoard();
    const area = areaIds[0]!;
    const before = Array.from({ length: 5 }, (_, i) => add(doc, area, `before ${i}`));
    const cluster = groupNotes(doc, [before[0]!, before[1]!]);
    const batch: string[] = [];
    doc.transact(() => {
      for (let i = 0; i < 50; i++) batch.push(add(doc, area, `batch ${i}`));
      // Someone else's raw write in the same transaction: a note jumps far to the end.
      notesMap(doc).get(before[2]!)!.set(NOTE_FIELD.position, keyBetween(readNote(doc, batch.at(-1)!)!.position + 'zz', null));
      batch.push(add(doc, area, 'after the jump'));
      // A raw delete of the last note, then a raw delete of a cluster (its notes become loose).
      notesMap(doc).delete(batch.pop()!);
      batch.push(add(doc, area, 'after the delete'));
      doc.getMap(ROOT.clusters).delete(cluster);
      batch.push(add(doc, area, 'after the cluster is gone'));
      moveNote(doc, batch[0]!, { areaId: area, index: 0 });
      batch.push(add(doc, area, 'after a move'));
      expectLayoutsAgree(doc);
    });
    expect(lastItemId(doc, area)).toBe(batch.at(-1));
    expectLayoutsAgree(doc);
  });

  it('a remote update applied inside the transaction is taken in, even where the transaction already wrote', () => {
    const { doc: a, areaIds } = newBoard();
    const area = areaIds[0]!;
    const ids = Array.from({ length: 6 }, (_, i) => add(a, area, `n${i}`));
    const cluster = groupNotes(a, [ids[1]!]);
    const b = peerOf(a);
    // b puts note 0 into the cluster: a first write of that key, so nothing is overwritten or deleted.
    notesMap(b).get(ids[0]!)!.set(NOTE_FIELD.clusterId, cluster);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {}); // yjs warns about the mixed transaction
    try {
      a.transact(() => {
        moveNote(a, ids[0]!, { areaId: area, index: 99 }); // a already wrote to note 0 in this transaction
        add(a, area, 'before the update');
        Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
        expect(readNote(a, ids[0]!)!.clusterId).toBe(cluster);
        add(a, area, 'after the update');
        expectLayoutsAgree(a);
      });
    } finally {
      log.mockRestore();
    }
    expectLayoutsAgree(a);
  });

  it('area changes in the same transaction are taken in', () => {
    const { doc, areaIds } = newBoard();
    const offline = add(doc, areaIds[3]!, 'in the last area');
    add(doc, areaIds[0]!, 'in the first area');
    doc.transact(() => {
      doc.getMap(ROOT.areas).delete(areaIds[3]!); // raw: the note becomes an orphan
      add(doc, areaIds[0]!, 'after the orphan');
      const fresh = addArea(doc, { title: 'Ny', index: 0 });
      add(doc, fresh, 'in the new first area');
      moveArea(doc, fresh, 2);
      add(doc, areaIds[0]!, 'first area again');
      expectLayoutsAgree(doc);
    });
    expect(readAreaLayout(doc).get(areaIds[0]!)!.map((i) => i.id)).toContain(offline);
    expectLayoutsAgree(doc);
  });
});

describe('live layout: cost', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Counts Y.Map reads while `fn` runs: a whole-board layout reads every note. */
  function mapReads(fn: () => void): { gets: number; scans: number } {
    const get = vi.spyOn(Y.Map.prototype, 'get');
    const forEach = vi.spyOn(Y.Map.prototype, 'forEach');
    const entries = vi.spyOn(Y.Map.prototype, 'entries');
    try {
      fn();
      return { gets: get.mock.calls.length, scans: forEach.mock.calls.length + entries.mock.calls.length };
    } finally {
      get.mockRestore();
      forEach.mockRestore();
      entries.mockRestore();
    }
  }

  it('addNote and moveNote on a 2,000-note board read a bounded number of fields, not the whole board', () => {
    const { doc, areaIds } = newBoard();
    const ids = Array.from({ length: 2000 }, (_, i) =>
      addNote(doc, { areaId: areaIds[i % areaIds.length]!, text: `n${i}`, kind: 'idea', ...author }),
    );
    const cluster = groupNotes(doc, [ids[0]!, ids[4]!]);
    const alone = mapReads(() => {
      for (let i = 0; i < 20; i++) addNote(doc, { areaId: areaIds[i % 4]!, text: 'more', kind: 'idea', ...author });
    });
    const batched = mapReads(() =>
      doc.transact(() => {
        for (let i = 0; i < 20; i++) addNote(doc, { areaId: areaIds[1]!, text: 'batched', kind: 'idea', ...author });
      }),
    );
    const moves = mapReads(() => {
      for (let i = 10; i < 30; i++) moveNote(doc, ids[i]!, { areaId: areaIds[(i + 1) % 4]!, index: 3 });
      for (let i = 30; i < 40; i++) moveNote(doc, ids[i]!, { areaId: areaIds[0]!, index: 1, clusterId: cluster });
    });
    for (const reads of [alone, batched, moves]) {
      expect(reads.scans).toBe(0);
      expect(reads.gets / 20).toBeLessThan(40); // the old layout read ~3 fields of each of 2,000 notes
    }
    expectLayoutsAgree(doc);
  });
});

// ---------------------------------------------------------------------------------------------
// Randomised: three peers, every kind of write, batched or not, synced at random.

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('live layout: randomised edits', () => {
  it.each([1, 2, 3, 4])('matches the whole-board layout after every step (seed %i)', (seed) => {
    const random = rng(seed);
    const pick = <T,>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
    const { doc: first } = newBoard('retrospective');
    const peers = [first, peerOf(first), peerOf(first)];
    let serial = 0;

    /** One random write on `doc`; `batched` when inside a transaction of `doc`. */
    const step = (doc: Y.Doc, batched = false): void => {
      const areas = readAreas(doc).map((a) => a.id);
      const notes = [...notesMap(doc).keys()];
      const clusters = [...doc.getMap(ROOT.clusters).keys()];
      const r = random();
      if (r < 0.35) {
        const area = pick(areas);
        if (!area) return;
        const index = random() < 0.2 ? Math.floor(random() * 6) : undefined;
        const id = add(doc, area, `s${serial++}`, index);
        if (index === undefined) expect(lastItemId(doc, area)).toBe(id);
      } else if (r < 0.5) {
        const note = pick(notes);
        const area = pick(areas);
        if (!note || !area) return;
        const target = { areaId: area, index: random() < 0.5 ? 99 : Math.floor(random() * 5) };
        const expected = keyAtIndex(
          (oldPlaceItems(doc).get(area) ?? []).filter((item) => item.id !== note),
          target.index,
        );
        moveNote(doc, note, target);
        expectSameKey(readNote(doc, note)!.position, expected);
      } else if (r < 0.57) {
        const note = pick(notes);
        const cluster = pick(clusters);
        const old = [...oldPlaceItems(doc).values()].flat().find((item) => item.id === cluster && item.type === 'cluster');
        if (!note || !cluster || !old) return;
        const index = Math.floor(random() * 4);
        const expected = keyAtIndex(
          old.notes!.filter((n) => n.id !== note),
          index,
        );
        moveNote(doc, note, { areaId: '', index, clusterId: cluster });
        expectSameKey(readNote(doc, note)!.position, expected);
      } else if (r < 0.64) {
        const chosen = [pick(notes), pick(notes), pick(notes)].filter((id): id is string => id !== undefined);
        if (chosen.length > 0) groupNotes(doc, [...new Set(chosen)]);
      } else if (r < 0.69) {
        const cluster = pick(clusters);
        const area = pick(areas);
        if (!cluster || !area || !readCluster(doc, cluster)) return;
        const index = Math.floor(random() * 8);
        const expected = keyAtIndex(
          (oldPlaceItems(doc).get(area) ?? []).filter((item) => item.id !== cluster),
          index,
        );
        moveCluster(doc, cluster, { areaId: area, index });
        expectSameKey(readCluster(doc, cluster)!.position, expected);
      } else if (r < 0.73) {
        const cluster = pick(clusters);
        const found = cluster ? readCluster(doc, cluster) : null;
        if (!cluster || !found) return;
        const items = oldPlaceItems(doc).get(found.areaId) ?? [];
        const at = items.findIndex((item) => item.id === cluster);
        const next = items[at + 1]?.position ?? null;
        const members = items[at]?.notes ?? [...oldPlaceItems(doc).values()].flat().find((item) => item.id === cluster)?.notes ?? [];
        ungroupCluster(doc, cluster);
        let position: string | null = found.position || null;
        for (const member of members) {
          position = keyBetween(position, next);
          expectSameKey(readNote(doc, member.id)!.position, position);
          position = readNote(doc, member.id)!.position; // a random fallback key is what the next one follows
        }
      } else if (r < 0.8) {
        const note = pick(notes);
        if (note) deleteNote(doc, note);
      } else if (r < 0.84) {
        // Raw writes, as from an untrusted or older peer.
        const note = pick(notes);
        const map = note ? notesMap(doc).get(note) : undefined;
        if (!(map instanceof Y.Map)) return;
        const what = random();
        if (what < 0.3) map.set(NOTE_FIELD.areaId, random() < 0.5 ? 'gone' : (pick(areas) ?? ''));
        else if (what < 0.6) map.set(NOTE_FIELD.clusterId, pick(clusters) ?? 'nope');
        else if (what < 0.8) map.set(NOTE_FIELD.position, random() < 0.5 ? 'junk' : 'a0');
        else doc.getMap(ROOT.clusters).delete(pick(clusters) ?? '');
      } else if (r < 0.87) {
        if (areas.length < 6) addArea(doc, { title: `area ${serial++}`, index: Math.floor(random() * 4) });
      } else if (r < 0.89) {
        const area = pick(areas);
        if (area && areas.length > 1) moveArea(doc, area, Math.floor(random() * areas.length));
      } else if (r < 0.91) {
        const area = pick(areas);
        const target = areas.find((id) => id !== area);
        if (area && target) removeArea(doc, area, { moveNotesTo: target });
      } else if (r < 0.97) {
        const from = pick(peers)!;
        const to = pick(peers)!;
        // (Not into a document in the middle of a batch: that turns its transaction into a remote one.)
        if (from !== to && !(batched && to === doc)) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
      } else {
        // A batch: several of the above in one transaction, checked inside and after.
        doc.transact(() => {
          for (let i = 0; i < 4; i++) step(doc, true);
          expectLayoutsAgree(doc);
        });
      }
    };

    for (let i = 0; i < 250; i++) {
      const doc = pick(peers)!;
      step(doc);
      expectLayoutsAgree(doc);
    }
    syncAll(...peers);
    for (const doc of peers) expectLayoutsAgree(doc);
    expect(readBoard(peers[1]!)).toEqual(readBoard(peers[0]!));
    expect(readBoard(peers[2]!)).toEqual(readBoard(peers[0]!));
    expect(countAll(peers[0]!)).toBeGreaterThan(0);
  });
});

function countAll(doc: Y.Doc): number {
  return readBoard(doc).noteCount;
}
