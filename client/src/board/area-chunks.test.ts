import { describe, expect, it } from 'vitest';
import { planAreaChunks, type AreaChunks } from './area-chunks';

interface Item {
  id: string;
}

const SIZE = 8;
const items = (ids: readonly string[]): Item[] => ids.map((id) => ({ id }));
const range = (from: number, to: number, prefix = 'n'): string[] => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);
const flat = (plan: AreaChunks<Item>): string[] => plan.chunks.flatMap((chunk) => chunk.items.map((item) => item.id));

/** Ids whose chunk key differs between two plans (items in both): the elements React re-creates. */
function moved(before: AreaChunks<Item>, after: AreaChunks<Item>): string[] {
  return [...after.chunkOf].filter(([id, key]) => before.chunkOf.has(id) && before.chunkOf.get(id) !== key).map(([id]) => id);
}

function expectWellFormed(plan: AreaChunks<Item>, ids: readonly string[], keep: ReadonlySet<string> = new Set()): void {
  expect(flat(plan)).toEqual(ids);
  const keys = plan.chunks.map((chunk) => chunk.key);
  expect(new Set(keys).size).toBe(keys.length);
  for (const chunk of plan.chunks) {
    expect(chunk.items.length).toBeGreaterThan(0);
    if (!chunk.items.some((item) => keep.has(item.id))) expect(chunk.items.length).toBeLessThanOrEqual(2 * SIZE);
  }
}

describe('planAreaChunks', () => {
  it('cuts a new list into chunks of the size, the last up to twice that', () => {
    const ids = range(0, 1000);
    const plan = planAreaChunks(items(ids), null, new Set(), SIZE);
    expectWellFormed(plan, ids);
    expect(plan.chunks.slice(0, -1).every((chunk) => chunk.items.length === SIZE)).toBe(true);
    expect(plan.chunks.at(-1)!.items.length).toBeLessThanOrEqual(2 * SIZE);
    expect(planAreaChunks(items([]), null, new Set(), SIZE).chunks).toEqual([]);
  });

  it('keeps every chunk when the list is the same', () => {
    const ids = range(0, 100);
    const first = planAreaChunks(items(ids), null, new Set(), SIZE);
    const again = planAreaChunks(items(ids), first, new Set(), SIZE);
    expect(again.chunks.map((chunk) => chunk.key)).toEqual(first.chunks.map((chunk) => chunk.key));
    expect(moved(first, again)).toEqual([]);
  });

  it('a note moved within the list changes chunk alone; a note moved to the top joins the first chunk', () => {
    const ids = range(0, 100);
    const first = planAreaChunks(items(ids), null, new Set(), SIZE);

    const down = ids.filter((id) => id !== 'n3');
    down.splice(60, 0, 'n3');
    const afterDown = planAreaChunks(items(down), first, new Set(), SIZE);
    expectWellFormed(afterDown, down);
    expect(moved(first, afterDown)).toEqual(['n3']);

    const top = ['n77', ...ids.filter((id) => id !== 'n77')];
    const afterTop = planAreaChunks(items(top), first, new Set(), SIZE);
    expectWellFormed(afterTop, top);
    expect(moved(first, afterTop)).toEqual(['n77']);
    expect(afterTop.chunks[0]!.key).toBe(first.chunks[0]!.key);

    const bottom = [...ids.filter((id) => id !== 'n0'), 'n0'];
    const afterBottom = planAreaChunks(items(bottom), first, new Set(), SIZE);
    expectWellFormed(afterBottom, bottom);
    expect(moved(first, afterBottom)).toEqual(['n0']);
  });

  it('notes added one by one at the end or the top re-create few others, and chunks stay short', () => {
    let ids = range(0, 40);
    let plan = planAreaChunks(items(ids), null, new Set(), SIZE);
    let recreated = 0;
    for (let i = 0; i < 100; i++) {
      ids = i % 2 === 0 ? [...ids, `end${i}`] : [`top${i}`, ...ids];
      const next = planAreaChunks(items(ids), plan, new Set(), SIZE);
      expectWellFormed(next, ids);
      recreated += moved(plan, next).length;
      plan = next;
    }
    // A chunk that grows past twice the size is split once; that re-creates about one item per add.
    expect(recreated).toBeLessThanOrEqual(100 * 1.5);
  });

  it('a removed note leaves its neighbours where they are', () => {
    const ids = range(0, 50);
    const first = planAreaChunks(items(ids), null, new Set(), SIZE);
    const without = ids.filter((id) => id !== 'n8' && id !== 'n9');
    const after = planAreaChunks(items(without), first, new Set(), SIZE);
    expectWellFormed(after, without);
    expect(moved(first, after)).toEqual([]);
  });

  it('never moves a kept item (the note being edited) to another chunk when a long chunk is split', () => {
    let ids = range(0, 16);
    let plan = planAreaChunks(items(ids), null, new Set(), SIZE);
    const keep = new Set(['n14']);
    const chunkOfKept = plan.chunkOf.get('n14');
    for (let i = 0; i < 30; i++) {
      ids = [...ids.slice(0, 10), `new${i}`, ...ids.slice(10)];
      plan = planAreaChunks(items(ids), plan, keep, SIZE);
      expectWellFormed(plan, ids, keep);
      expect(plan.chunkOf.get('n14')).toBe(chunkOfKept);
    }
    // A kept item that someone moved keeps its chunk as well; the items it came from move instead.
    const movedKept = ['n14', ...ids.filter((id) => id !== 'n14')];
    const after = planAreaChunks(items(movedKept), plan, keep, SIZE);
    expectWellFormed(after, movedKept, keep);
    expect(after.chunkOf.get('n14')).toBe(chunkOfKept);
  });

  it('a kept note moved two places down keeps its chunk; only the notes it passed change chunk', () => {
    const ids = range(0, 40);
    const first = planAreaChunks(items(ids), null, new Set(), SIZE);
    const keep = new Set(['n7']);
    const order = ids.filter((id) => id !== 'n7');
    order.splice(order.indexOf('n9') + 1, 0, 'n7');
    const after = planAreaChunks(items(order), first, keep, SIZE);
    expectWellFormed(after, order, keep);
    expect(after.chunkOf.get('n7')).toBe(first.chunkOf.get('n7'));
    expect(moved(first, after).sort()).toEqual(['n8', 'n9']);
    expect(after.chunks.every((chunk) => chunk.items.length > 2)).toBe(true);
    // The same move up: n12 (kept) to between n2 and n3.
    const up = ids.filter((id) => id !== 'n12');
    up.splice(3, 0, 'n12');
    const afterUp = planAreaChunks(items(up), first, new Set(['n12']), SIZE);
    expectWellFormed(afterUp, up, new Set(['n12']));
    expect(afterUp.chunkOf.get('n12')).toBe(first.chunkOf.get('n12'));
    // Its chunk now starts up there, so the notes around it change chunk instead (at most two chunks' worth).
    expect(moved(first, afterUp).length).toBeLessThanOrEqual(2 * SIZE);
    expect(afterUp.chunks.every((chunk) => chunk.items.length > 2)).toBe(true);
  });

  it('a note added right after the first item of a chunk, or to a one-note area, leaves the others where they are', () => {
    const ids = range(0, 40);
    const first = planAreaChunks(items(ids), null, new Set(), SIZE);
    for (const at of [1, 9, 17]) {
      const added = [...ids.slice(0, at), 'new', ...ids.slice(at)];
      expect(moved(first, planAreaChunks(items(added), first, new Set(), SIZE))).toEqual([]);
    }
    const one = planAreaChunks(items(['a']), null, new Set(), SIZE);
    expect(moved(one, planAreaChunks(items(['a', 'b']), one, new Set(), SIZE))).toEqual([]);
    expect(moved(one, planAreaChunks(items(['b', 'a']), one, new Set(), SIZE))).toEqual([]);
  });

  it('random adds, removes and moves: always the same items in order, unique keys, short chunks', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let ids = range(0, 60);
    let plan = planAreaChunks(items(ids), null, new Set(), SIZE);
    let counter = 0;
    for (let step = 0; step < 500; step++) {
      const op = random(3);
      const next = [...ids];
      if (op === 0 || next.length < 5) next.splice(random(next.length + 1), 0, `r${counter++}`);
      else if (op === 1) next.splice(random(next.length), 1);
      else next.splice(random(next.length), 0, ...next.splice(random(next.length), 1));
      const after = planAreaChunks(items(next), plan, new Set(), SIZE);
      expectWellFormed(after, next);
      // One edit re-creates at most the moved note and one split-off chunk.
      expect(moved(plan, after).length).toBeLessThanOrEqual(2 * SIZE + 1);
      // Chunks do not dwindle into many tiny ones.
      expect(after.chunks.length).toBeLessThanOrEqual(Math.ceil(next.length / 3) + 1);
      ids = next;
      plan = after;
    }
  });
});
