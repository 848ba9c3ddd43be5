/**
 * Where in a document an incoming Yjs update writes: for every inserted item and every deleted
 * one, the path of map keys from the root type down to it (`['notes', noteId, 'areaId']`).
 *
 * The write policy needs this to tell "moves a note" from "edits another's text" or "changes
 * the phase". Yjs does not write an item's parent into the update when it has an origin (the
 * parent is implied by the origin's), so paths are resolved through origins, looking items up
 * first in the document and then in the update itself, the way Yjs integrates them. Run it only on
 * updates that passed the missing-dependency check, so every reference resolves.
 *
 * Only what the update changes is listed. Every sync step 2 a client sends carries its whole delete
 * set and may repeat structs the server already has; items the document already has, and deletes
 * of items it has already deleted, change nothing, so they are left out (otherwise every reconnect
 * would look like a write to every key anyone ever overwrote, the server's settings included).
 */
import * as Y from 'yjs';
import type { DecodedUpdate } from '../relay/update-check.js';

/** Map keys from the root down; `null` for a position in a sequence (text, array). */
export type UpdatePath = readonly (string | null)[];

/** What kind of content an inserted or deleted item holds. */
export type UpdateContentKind = 'any' | 'json' | 'string' | 'type' | 'deleted' | 'format' | 'embed' | 'binary' | 'doc';

export interface UpdateWrite {
  kind: 'insert' | 'delete';
  /**
   * Path of the item. Empty when it cannot be resolved (then `collected` says whether that is
   * because the item lands in garbage-collected content, which Yjs discards).
   */
  path: UpdatePath;
  content: UpdateContentKind | null;
  /** For plain values (ContentAny, ContentJSON), the first value inserted or deleted; e.g. a new note's author. */
  value?: unknown;
  /**
   * For plain values, every value inserted or deleted, in order. An item may hold a run of them
   * (several votes pushed at once, or merged by Yjs), so a check must look at all, not only `value`.
   */
  values?: unknown[];
  /** True when the write lands in garbage-collected content: Yjs turns it into a no-op. */
  collected?: boolean;
  /** How many units of the item are inserted or deleted (characters, for string content). */
  length: number;
}

/** How an item resolved. */
interface Resolution {
  path: UpdatePath;
  collected: boolean;
}

const UNRESOLVED: Resolution = Object.freeze({ path: Object.freeze([]), collected: false });
const COLLECTED: Resolution = Object.freeze({ path: Object.freeze([]), collected: true });

/** Deepest nesting of types a document path may have (ours has 4); deeper is treated as unresolvable. */
const MAX_DEPTH = 64;

/**
 * Lists every effective write of a decoded update, inserts first, then deletes.
 * @example
 *   const writes = listUpdateWrites(room.doc, Y.decodeUpdate(update));
 *   writes.some((w) => w.path[0] === 'settings');
 */
export function listUpdateWrites(doc: Y.Doc, decoded: DecodedUpdate): UpdateWrite[] {
  const resolver = new PathResolver(doc, decoded);
  const writes: UpdateWrite[] = [];
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip structs carry no content
    const known = Y.getState(doc.store, struct.id.client);
    if (struct.id.clock + struct.length <= known) continue; // the document has it already
    const offset = Math.max(0, known - struct.id.clock);
    writes.push(describe('insert', struct, resolver.ofUpdateItem(struct), offset, struct.length));
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) writes.push(...resolver.deletesIn(client, range.clock, range.len));
  }
  return writes;
}

/** A write for the part [from, to) (offsets within the item) of `item`. */
function describe(kind: UpdateWrite['kind'], item: Y.Item, resolution: Resolution, from: number, to: number): UpdateWrite {
  const write: UpdateWrite = { kind, path: resolution.path, content: contentKind(item.content), length: to - from };
  if (resolution.collected) write.collected = true;
  if (item.content instanceof Y.ContentAny || item.content instanceof Y.ContentJSON) {
    const values = item.content.getContent().slice(from, to);
    write.values = values;
    if (values.length > 0) write.value = values[0];
  }
  return write;
}

function contentKind(content: Y.Item['content']): UpdateContentKind | null {
  if (content instanceof Y.ContentAny) return 'any';
  if (content instanceof Y.ContentJSON) return 'json';
  if (content instanceof Y.ContentString) return 'string';
  if (content instanceof Y.ContentType) return 'type';
  if (content instanceof Y.ContentDeleted) return 'deleted';
  if (content instanceof Y.ContentFormat) return 'format';
  if (content instanceof Y.ContentEmbed) return 'embed';
  if (content instanceof Y.ContentBinary) return 'binary';
  if (content instanceof Y.ContentDoc) return 'doc';
  return null;
}

class PathResolver {
  private readonly cache = new Map<Y.Item, Resolution>();
  /** The update's structs per client, in clock order (as the update encodes them). */
  private readonly byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();

  constructor(
    private readonly doc: Y.Doc,
    decoded: DecodedUpdate,
  ) {
    for (const struct of decoded.structs) {
      let list = this.byClient.get(struct.id.client);
      if (!list) this.byClient.set(struct.id.client, (list = []));
      list.push(struct);
    }
  }

  /** Deletes of live items in a delete range: the document's items, then the update's own new items. */
  deletesIn(client: number, clock: number, len: number): UpdateWrite[] {
    const writes: UpdateWrite[] = [];
    const end = clock + len;
    const known = Y.getState(this.doc.store, client);
    const structs = this.doc.store.clients.get(client);
    if (structs && clock < known) {
      for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
        const struct = structs[index]!;
        if (struct.id.clock >= end) break;
        // Already deleted (GC structs included): deleting again changes nothing.
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        const from = Math.max(clock, struct.id.clock) - struct.id.clock;
        const to = Math.min(end, struct.id.clock + struct.length) - struct.id.clock;
        writes.push(describe('delete', struct, this.ofDocItem(struct), from, to));
      }
    }
    for (const struct of this.byClient.get(client) ?? []) {
      const start = Math.max(clock, known, struct.id.clock);
      const stop = Math.min(end, struct.id.clock + struct.length);
      if (start >= stop || !(struct instanceof Y.Item)) continue;
      writes.push(describe('delete', struct, this.ofUpdateItem(struct), start - struct.id.clock, stop - struct.id.clock));
    }
    return writes;
  }

  /**
   * Resolves an item of the update. Iterative (an offline session can chain hundreds of items
   * through their origins), with a cycle check: a forged update can make items refer to each other.
   */
  ofUpdateItem(start: Y.Item): Resolution {
    const stack: Y.Item[] = [start];
    const onStack = new Set<Y.Item>(stack);
    while (stack.length > 0) {
      const item = stack.at(-1)!;
      if (this.cache.has(item)) {
        stack.pop();
        onStack.delete(item);
        continue;
      }
      const step = this.step(item);
      if (step instanceof Y.Item) {
        if (onStack.has(step)) {
          for (const waiting of stack) this.cache.set(waiting, UNRESOLVED);
          break;
        }
        stack.push(step);
        onStack.add(step);
        continue;
      }
      this.cache.set(item, step);
      stack.pop();
      onStack.delete(item);
    }
    return this.cache.get(start) ?? UNRESOLVED;
  }

  /** One item's resolution from what is known, or the update item it still waits for. */
  private step(item: Y.Item): Resolution | Y.Item {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { path: [parent, item.parentSub], collected: false };
    if (parent instanceof Y.ID) {
      const found = this.lookup(parent);
      if (found instanceof Y.Item) return found;
      return found.path.length === 0 ? found : { path: [...found.path, item.parentSub], collected: false };
    }
    // No parent written: Yjs discards the item when its left (else right) neighbour is garbage
    // collected, and otherwise takes the neighbour's parent and, for a map entry, its key.
    const neighbour = item.origin ?? item.rightOrigin;
    if (!neighbour) return UNRESOLVED;
    return this.lookup(neighbour);
  }

  /** The resolution of the struct holding `id`, or the update item still to resolve. */
  private lookup(id: Y.ID): Resolution | Y.Item {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const struct = Y.getItem(this.doc.store, id);
      return struct instanceof Y.Item ? this.ofDocItem(struct) : COLLECTED;
    }
    const struct = this.findInUpdate(id);
    if (struct instanceof Y.Item) return this.cache.get(struct) ?? struct;
    return struct instanceof Y.GC ? COLLECTED : UNRESOLVED;
  }

  /** The update's struct containing `id` (binary search; an id may point inside a run of characters). */
  private findInUpdate(id: Y.ID): Y.Item | Y.GC | Y.Skip | null {
    const list = this.byClient.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const struct = list[mid]!;
      if (id.clock < struct.id.clock) hi = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) lo = mid + 1;
      else return struct;
    }
    return null;
  }

  /** Path of an integrated item: walk up through the types that contain it. */
  private ofDocItem(item: Y.Item): Resolution {
    const cached = this.cache.get(item);
    if (cached) return cached;
    const path: (string | null)[] = [];
    let current: Y.Item | null = item;
    let resolution: Resolution = UNRESOLVED;
    for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
      path.unshift(current.parentSub);
      const parent: Y.AbstractType<unknown> | Y.ID | null = current.parent;
      if (!(parent instanceof Y.AbstractType)) {
        resolution = COLLECTED; // its parent was garbage-collected
        break;
      }
      if (parent._item === null) {
        path.unshift(Y.findRootTypeKey(parent));
        resolution = { path, collected: false };
        break;
      }
      current = parent._item;
    }
    this.cache.set(item, resolution);
    return resolution;
  }
}
