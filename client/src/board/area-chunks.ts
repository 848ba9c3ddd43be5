/**
 * An area's list is drawn in chunks of about `AREA_CHUNK_SIZE` items, so that a long list is
 * fewer boxes for the browser to watch: on a big board each chunk off screen is skipped as a
 * whole (CSS `content-visibility`, see board.css), and a change in the list re-renders the chunks
 * it touches, not every item.
 *
 * An item that changes chunk is a new element to React (its chunk is its parent), which throws
 * away what it held: focus, a half-typed edit. So chunks are kept from one list to the next
 * instead of being cut anew by position: an item stays in the chunk it was in, a note dropped
 * between others joins the chunk it lands in, and a chunk that has grown too long is split
 * without moving the items named in `keep` (the note being edited, the focused one).
 */

/**
 * Items per chunk when a chunk is cut or split; a chunk may grow to twice this before it is split.
 * Smaller chunks paint less around the screen's edge after a drop, bigger ones are fewer boxes for
 * the browser to check for visibility on every frame. 8 measured best with `bench:drag` at 1,000
 * notes (with 20 a drop painted for 32–49 ms instead of 8–22, throttled).
 */
export const AREA_CHUNK_SIZE = 8;

export interface AreaChunk<T> {
  /** Stable across lists while the chunk exists: the React key. */
  key: string;
  items: T[];
}

export interface AreaChunks<T> {
  chunks: AreaChunk<T>[];
  /** Item id → key of the chunk it is in. */
  chunkOf: ReadonlyMap<string, string>;
  /** Number for the next new chunk key (keys are never reused). */
  nextKey: number;
}

/**
 * Cuts `items` into chunks, keeping each item in the chunk it had in `previous` where the order
 * allows. `keep`: ids of items that must not change chunk when one is split.
 */
export function planAreaChunks<T extends { id: string }>(
  items: readonly T[],
  previous: AreaChunks<T> | null,
  keep: ReadonlySet<string> = new Set(),
  size: number = AREA_CHUNK_SIZE,
): AreaChunks<T> {
  let nextKey = previous?.nextKey ?? 0;
  const freshKey = (): string => `c${nextKey++}`;
  const oldKeys = previous ? items.map((item) => previous.chunkOf.get(item.id)) : [];
  const oldKey = (index: number): string | undefined => oldKeys[index];
  // A note that someone moved sits among items of another chunk: it joins theirs, so the chunk it
  // left and the one it landed in stay as they were.
  // (An item in `keep` never moves to another chunk: it keeps its own, and the others move.)
  const isIntruder = (index: number): boolean => {
    const key = oldKey(index);
    if (key === undefined || keep.has(items[index]!.id)) return false;
    return oldKey(index - 1) !== key && oldKey(index + 1) !== key && items.length > 1;
  };
  /** The chunk a leading new or moved item joins: that of the first item after it that stays put. */
  const keyAhead = (from: number): string | undefined => {
    for (let index = from; index < items.length; index++) {
      if (!isIntruder(index) && oldKey(index) !== undefined) return oldKey(index);
    }
    return undefined;
  };

  const runs: AreaChunk<T>[] = [];
  const used = new Set<string>();
  let run: AreaChunk<T> | null = null;
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    const key = oldKey(index);
    const follows = key === undefined || isIntruder(index);
    if (run && (follows || key === run.key)) {
      run.items.push(item);
      continue;
    }
    // A new run: under its old key, unless that chunk already appears earlier in this list.
    const wanted = follows ? keyAhead(index + 1) : key;
    const runKey = wanted !== undefined && !used.has(wanted) ? wanted : freshKey();
    used.add(runKey);
    run = { key: runKey, items: [item] };
    runs.push(run);
  }

  const chunks = runs.flatMap((chunk) => splitLongChunk(chunk, keep, size, freshKey));
  const chunkOf = new Map<string, string>();
  for (const chunk of chunks) for (const item of chunk.items) chunkOf.set(item.id, chunk.key);
  return { chunks, chunkOf, nextKey };
}

/**
 * A chunk longer than twice `size` is cut into pieces of `size` (the last one up to twice that);
 * the first piece keeps the key. No cut falls before an item in `keep`: it stays under the old key.
 */
function splitLongChunk<T extends { id: string }>(
  chunk: AreaChunk<T>,
  keep: ReadonlySet<string>,
  size: number,
  freshKey: () => string,
): AreaChunk<T>[] {
  if (chunk.items.length <= 2 * size) return [chunk];
  let lastKept = -1;
  chunk.items.forEach((item, index) => {
    if (keep.has(item.id)) lastKept = index;
  });
  const firstCut = Math.max(size, lastKept + 1);
  const pieces: AreaChunk<T>[] = [{ key: chunk.key, items: chunk.items.slice(0, firstCut) }];
  for (let start = firstCut; start < chunk.items.length; ) {
    const end = chunk.items.length - start <= 2 * size ? chunk.items.length : start + size;
    pieces.push({ key: freshKey(), items: chunk.items.slice(start, end) });
    start = end;
  }
  return pieces;
}
