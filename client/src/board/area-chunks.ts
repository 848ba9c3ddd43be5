/**
 * An area's list is drawn in chunks of about `AREA_CHUNK_SIZE` items, so that a long list is
 * fewer boxes for the browser to watch: on a big board each chunk off screen is skipped as a
 * whole (CSS `content-visibility`, see board.css), and a change in the list re-renders the chunks
 * it touches, not every item.
 *
 * An item that changes chunk is a new element to React (its chunk is its parent), which throws
 * away what it held: focus, a half-typed edit. So chunks are kept from one list to the next
 * instead of being cut anew by position. The items that were in one chunk and are still side by
 * side (a "stretch") stay in it; a note moved elsewhere, and a new note, join the chunk they land
 * in. Where a chunk's items now lie in several stretches (a note was moved out and back between
 * them), the stretch holding an item of `keep` (the note being edited, the focused one) keeps the
 * chunk, else the longest; the others join their neighbours. A chunk grown past twice the size is
 * split, and an item of `keep` stays with the chunk's key.
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
 * allows (see above). `keep`: ids of items that must not change chunk.
 */
export function planAreaChunks<T extends { id: string }>(
  items: readonly T[],
  previous: AreaChunks<T> | null,
  keep: ReadonlySet<string> = new Set(),
  size: number = AREA_CHUNK_SIZE,
): AreaChunks<T> {
  let nextKey = previous?.nextKey ?? 0;
  const freshKey = (): string => `c${nextKey++}`;
  const stretches = stretchesOf(items, previous, keep);

  // The stretch that keeps each old chunk: the one with a kept item, else the longest (the first of equals).
  const home = new Map<string, Stretch<T>>();
  for (const stretch of stretches) {
    if (stretch.key === undefined) continue;
    const best = home.get(stretch.key);
    if (!best || (stretch.kept && !best.kept) || (stretch.kept === best.kept && stretch.known > best.known)) home.set(stretch.key, stretch);
  }

  // Each home stretch is a chunk under its old key; the other stretches (and new items) join the
  // chunk before them, or at the top of the list the first chunk.
  const runs: AreaChunk<T>[] = [];
  let waiting: T[] = [];
  for (const stretch of stretches) {
    const current = runs.at(-1);
    if (stretch.key !== undefined && home.get(stretch.key) === stretch) {
      runs.push({ key: stretch.key, items: [...waiting, ...stretch.items] });
      waiting = [];
    } else if (current) {
      current.items.push(...stretch.items);
    } else {
      waiting.push(...stretch.items);
    }
  }
  if (waiting.length > 0) runs.push({ key: freshKey(), items: waiting });

  const chunks = mergeTinyChunks(runs, keep, size).flatMap((chunk) => splitLongChunk(chunk, keep, size, freshKey));
  const chunkOf = new Map<string, string>();
  for (const chunk of chunks) for (const item of chunk.items) chunkOf.set(item.id, chunk.key);
  return { chunks, chunkOf, nextKey };
}

/** Items side by side that were in one chunk (`key`; undefined: new items only), with the new items among them. */
interface Stretch<T> {
  key: string | undefined;
  items: T[];
  /** How many of its items were in the chunk before (new ones are not counted). */
  known: number;
  /** Whether it holds an item of `keep`. */
  kept: boolean;
}

/** The list as stretches; a new item belongs to the stretch before it (at the top: the one after it). */
function stretchesOf<T extends { id: string }>(items: readonly T[], previous: AreaChunks<T> | null, keep: ReadonlySet<string>): Stretch<T>[] {
  const stretches: Stretch<T>[] = [];
  for (const item of items) {
    const key = previous?.chunkOf.get(item.id);
    let last = stretches.at(-1);
    if (!last || (key !== undefined && last.key !== undefined && key !== last.key)) {
      last = { key, items: [], known: 0, kept: false };
      stretches.push(last);
    }
    last.key ??= key;
    last.items.push(item);
    if (key !== undefined) last.known++;
    if (keep.has(item.id)) last.kept = true;
  }
  return stretches;
}

/**
 * A chunk of one or two items (left by deletions, or a note moved away) joins the chunk before it
 * when the two fit in one, so chunks do not dwindle into many tiny ones; not when it holds a kept item.
 */
function mergeTinyChunks<T extends { id: string }>(chunks: readonly AreaChunk<T>[], keep: ReadonlySet<string>, size: number): AreaChunk<T>[] {
  const merged: AreaChunk<T>[] = [];
  for (const chunk of chunks) {
    const before = merged.at(-1);
    const tiny = chunk.items.length <= Math.max(1, size / 4) && !chunk.items.some((item) => keep.has(item.id));
    if (before && tiny && before.items.length + chunk.items.length <= 2 * size) before.items = [...before.items, ...chunk.items];
    else merged.push({ key: chunk.key, items: [...chunk.items] });
  }
  return merged;
}

/**
 * A chunk longer than twice `size` is cut into pieces of `size` (the last one up to twice that).
 * The piece holding the first kept item keeps the chunk's key, else the first piece.
 */
function splitLongChunk<T extends { id: string }>(
  chunk: AreaChunk<T>,
  keep: ReadonlySet<string>,
  size: number,
  freshKey: () => string,
): AreaChunk<T>[] {
  if (chunk.items.length <= 2 * size) return [chunk];
  const pieces: T[][] = [];
  for (let start = 0; start < chunk.items.length; ) {
    const end = chunk.items.length - start <= 2 * size ? chunk.items.length : start + size;
    pieces.push(chunk.items.slice(start, end));
    start = end;
  }
  const owner = Math.max(0, pieces.findIndex((piece) => piece.some((item) => keep.has(item.id))));
  return pieces.map((piece, index) => ({ key: index === owner ? chunk.key : freshKey(), items: piece }));
}
