/**
 * Where every note and cluster shows: the one definition of a board's layout, and a live copy of it
 * per document so that writes need not lay out the whole board.
 *
 * Rules (see `readAreaLayout`): an area shows its loose notes and its clusters in one order
 * (`byPosition`); a note whose `clusterId` names an existing cluster shows in that cluster, in the
 * cluster's own order, wherever the cluster is; a note or cluster whose area does not exist (removed
 * while someone was offline) shows in the first area.
 *
 * `freshLayout(doc)` computes this from scratch (what the readers use). `liveLayout(doc)` returns a
 * copy kept per document and updated by what changes, so `addNote` at the end of an area costs
 * O(1) amortised instead of O(board) (inserting at an index or moving: a binary search and an
 * array splice within that area):
 *
 * - After each transaction (Yjs `beforeObserverCalls`, before any observer runs) it re-places
 *   every note and cluster the transaction touched (`transaction.changed`), reading their
 *   current state. Re-placing is idempotent, so doing it twice or late is harmless.
 * - A change to the areas (added, removed, reordered) changes where orphans show: the copy is
 *   rebuilt from scratch on next use (areas change rarely).
 * - Inside an open transaction (a caller batching writes in `doc.transact`), the schema's own
 *   writers re-place what they wrote and stamp the transaction; any other write in it since the
 *   stamp (detected by the clocks, the delete set and the changed-key counts) makes the next use
 *   re-place everything the transaction touched so far. So a batch of 5,000 `addNote` calls in one
 *   transaction stays linear.
 *
 * This module only reads the document. It uses Yjs's `_transaction`, `_transactionCleanups` and
 * `_item` (typed, but underscored) to follow transactions that are still open.
 */
import * as Y from 'yjs';
import { AREA, CLUSTER, NOTE_FIELD, NOTE_PLACEMENT_FIELDS, ROOT, byPosition, rootMap, str, type YItemMap } from './schema-keys.js';

/** A top-level item of an area (a loose note or a cluster), or a note in a cluster. */
export interface PlacedItem {
  readonly type: 'note' | 'cluster';
  readonly id: string;
  readonly position: string;
}

interface PlacedCluster extends PlacedItem {
  readonly type: 'cluster';
  readonly members: Bucket;
}

type Entry = PlacedItem | PlacedCluster;

/**
 * Order of a bucket: position, then id, then clusters before notes (a note and a cluster can only
 * share an id in a hand-made document; the from-scratch layout always put the cluster first).
 */
function byPlace(a: PlacedItem, b: PlacedItem): number {
  return byPosition(a, b) || (a.type === b.type ? 0 : a.type === 'cluster' ? -1 : 1);
}

/** Items sorted by `byPlace`, sorted lazily after a bulk fill and kept sorted after that. */
class Bucket {
  private readonly byKey = new Map<string, Entry>();
  private list: Entry[] = [];
  private sorted = false;

  get size(): number {
    return this.byKey.size;
  }

  add(entry: Entry): void {
    this.byKey.set(keyOf(entry), entry);
    if (!this.sorted) return;
    const last = this.list[this.list.length - 1];
    if (last === undefined || byPlace(last, entry) < 0) this.list.push(entry);
    else this.list.splice(this.lowerBound(entry), 0, entry);
  }

  remove(entry: Entry): void {
    if (this.byKey.get(keyOf(entry)) !== entry) return;
    this.byKey.delete(keyOf(entry));
    if (!this.sorted) return;
    const at = this.lowerBound(entry);
    if (this.list[at] === entry) this.list.splice(at, 1);
    else this.sorted = false; // cannot happen; re-sort on next read rather than trust the list
  }

  /** The items in order. Do not modify. */
  items(): readonly Entry[] {
    if (!this.sorted) {
      this.list = [...this.byKey.values()].sort(byPlace);
      this.sorted = true;
    }
    return this.list;
  }

  private lowerBound(entry: Entry): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byPlace(this.list[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function keyOf(entry: Entry): string {
  return entry.type === 'note' ? `n${entry.id}` : `c${entry.id}`;
}

function isCluster(entry: Entry): entry is PlacedCluster {
  return entry.type === 'cluster';
}

const CLUSTER_PLACEMENT_FIELDS: ReadonlySet<string> = new Set([CLUSTER.areaId, CLUSTER.position]);

function hasAny(keys: Set<string | null>, wanted: ReadonlySet<string>): boolean {
  for (const key of keys) if (key !== null && wanted.has(key)) return true;
  return false;
}

/** The layout of one document. */
export class BoardLayout {
  private readonly notesRoot: Y.Map<YItemMap>;
  private readonly clustersRoot: Y.Map<YItemMap>;
  private readonly areasRoot: Y.Map<YItemMap>;

  /** Existing areas in board order, each with its top-level items. */
  private areas = new Map<string, Bucket>();
  private firstArea: Bucket | undefined;
  /** Where each note is: the bucket it shows in (none when the board has no areas), and the cluster it names. */
  private notes = new Map<string, { bucket: Bucket | undefined; entry: PlacedItem; claim: string }>();
  private clusters = new Map<string, { bucket: Bucket | undefined; entry: PlacedCluster }>();
  /** Note ids by the cluster id they name (non-empty ones), whether or not that cluster exists. */
  private claims = new Map<string, Set<string>>();
  private building = false;
  /** Set when only a rebuild gives the right layout (the areas changed). */
  private dirty = false;

  // Following transactions (live copies only).
  private readonly settled = new WeakSet<Y.Transaction>();
  private cleanups: Y.Transaction[] | null = null;
  private scanned = 0;
  private stampedTransaction: Y.Transaction | null = null;
  private stampedMark = '';

  constructor(
    private readonly doc: Y.Doc,
    live: boolean,
  ) {
    this.notesRoot = rootMap<YItemMap>(doc, ROOT.notes);
    this.clustersRoot = rootMap<YItemMap>(doc, ROOT.clusters);
    this.areasRoot = rootMap<YItemMap>(doc, ROOT.areas);
    this.build();
    if (live) {
      doc.on('beforeObserverCalls', (transaction) => this.settle(transaction));
      this.stamp();
    }
  }

  /** Top-level items of an existing area, in order (empty for an area that does not exist). Do not modify. */
  items(areaId: string): readonly PlacedItem[] {
    return this.areas.get(areaId)?.items() ?? [];
  }

  /** Notes of an existing cluster, in order (empty for a cluster that does not exist). Do not modify. */
  members(clusterId: string): readonly PlacedItem[] {
    return this.clusters.get(clusterId)?.entry.members.items() ?? [];
  }

  /** Every existing area in board order, with its items; each cluster with its notes. */
  snapshot(): Map<string, { type: 'note' | 'cluster'; id: string; position: string; notes?: PlacedItem[] }[]> {
    const layout = new Map<string, { type: 'note' | 'cluster'; id: string; position: string; notes?: PlacedItem[] }[]>();
    for (const [areaId, bucket] of this.areas) {
      layout.set(
        areaId,
        bucket.items().map((item) =>
          isCluster(item)
            ? { type: item.type, id: item.id, position: item.position, notes: [...item.members.items()] }
            : { type: item.type, id: item.id, position: item.position },
        ),
      );
    }
    return layout;
  }

  // -------------------------------------------------------------------------------------------
  // Keeping up with the document

  /** Catches up with writes not yet seen: transactions still being cleaned up, and the open one. */
  sync(): void {
    const cleanups = this.doc._transactionCleanups;
    if (cleanups !== this.cleanups || this.scanned > cleanups.length) {
      this.cleanups = cleanups;
      this.scanned = 0;
    }
    const open = this.doc._transaction;
    for (; this.scanned < cleanups.length; this.scanned++) {
      const transaction = cleanups[this.scanned]!;
      if (transaction === open) break;
      this.settle(transaction);
    }
    if (open && (open !== this.stampedTransaction || this.mark(open) !== this.stampedMark)) this.apply(open);
    if (this.dirty) this.build();
    this.stamp();
  }

  /**
   * After the schema's own write, on a layout brought up to date just before it (`liveLayout`,
   * `existingLiveLayout`): re-places what it wrote, which brings the copy up to date again.
   */
  wrote(noteIds: Iterable<string>, clusterIds: Iterable<string> = []): void {
    if (this.dirty) return;
    for (const id of clusterIds) this.touchCluster(id);
    for (const id of noteIds) this.touchNote(id);
    this.stamp();
  }

  /** Remembers the open transaction as seen up to now. */
  private stamp(): void {
    const open = this.doc._transaction;
    this.stampedTransaction = open;
    this.stampedMark = open ? this.mark(open) : '';
  }

  /**
   * Changes whenever anything is written in the open transaction: every insertion advances some
   * client's clock (the local one, or another's when an update is applied inside the transaction),
   * every deletion adds to the transaction's delete set. O(clients that ever wrote to the board).
   */
  private mark(transaction: Y.Transaction): string {
    let clocks = 0;
    for (const client of this.doc.store.clients.keys()) clocks += Y.getState(this.doc.store, client);
    let deletes = 0;
    for (const items of transaction.deleteSet.clients.values()) deletes += items.length;
    const changed: Map<unknown, Set<string | null>> = transaction.changed;
    return [
      clocks,
      deletes,
      changed.size,
      changed.get(this.notesRoot)?.size ?? 0,
      changed.get(this.clustersRoot)?.size ?? 0,
    ].join(':');
  }

  /** Takes in a finished transaction once. */
  private settle(transaction: Y.Transaction): void {
    if (this.settled.has(transaction)) return;
    this.settled.add(transaction);
    this.apply(transaction);
  }

  /** Re-places every note and cluster the transaction touched (so far). */
  private apply(transaction: Y.Transaction): void {
    try {
      for (const [changedType, keys] of transaction.changed) {
        if (this.dirty) return;
        const type: unknown = changedType;
        if (type === this.notesRoot) {
          for (const id of keys) if (id !== null) this.touchNote(id);
        } else if (type === this.clustersRoot) {
          for (const id of keys) if (id !== null) this.touchCluster(id);
        } else if (type === this.areasRoot) {
          this.dirty = true;
        } else {
          const item = changedType._item;
          const id = item?.parentSub;
          if (!item || id === null || id === undefined) continue;
          const parent: unknown = item.parent;
          if (parent === this.notesRoot) {
            if (hasAny(keys, NOTE_PLACEMENT_FIELDS)) this.touchNote(id);
          } else if (parent === this.clustersRoot) {
            if (hasAny(keys, CLUSTER_PLACEMENT_FIELDS)) this.touchCluster(id);
          } else if (parent === this.areasRoot && keys.has(AREA.position)) {
            this.dirty = true;
          }
        }
      }
    } catch {
      this.dirty = true; // never break the caller's transaction; start over on next use
    }
  }

  // -------------------------------------------------------------------------------------------
  // Placing

  private build(): void {
    this.building = true;
    this.dirty = false;
    this.notes = new Map();
    this.clusters = new Map();
    this.claims = new Map();
    const areas: { id: string; position: string }[] = [];
    this.areasRoot.forEach((area, id) => {
      if (area instanceof Y.Map) areas.push({ id, position: str(area.get(AREA.position)) });
    });
    areas.sort(byPosition);
    this.areas = new Map(areas.map((area) => [area.id, new Bucket()]));
    this.firstArea = areas[0] && this.areas.get(areas[0].id);
    this.clustersRoot.forEach((_, id) => this.touchCluster(id));
    this.notesRoot.forEach((_, id) => this.touchNote(id));
    this.building = false;
  }

  private bucketOf(areaId: string): Bucket | undefined {
    return this.areas.get(areaId) ?? this.firstArea;
  }

  private touchNote(id: string): void {
    const note = this.notesRoot.get(id);
    const old = this.notes.get(id);
    if (!(note instanceof Y.Map)) {
      if (old) this.dropNote(id, old);
      return;
    }
    const position = str(note.get(NOTE_FIELD.position));
    const claim = str(note.get(NOTE_FIELD.clusterId));
    const bucket = this.clusters.get(claim)?.entry.members ?? this.bucketOf(str(note.get(NOTE_FIELD.areaId)));
    if (old) {
      if (old.bucket === bucket && old.entry.position === position && old.claim === claim) return;
      this.dropNote(id, old);
    }
    const entry: PlacedItem = { type: 'note', id, position };
    bucket?.add(entry);
    this.notes.set(id, { bucket, entry, claim });
    if (claim) {
      let claimed = this.claims.get(claim);
      if (!claimed) this.claims.set(claim, (claimed = new Set()));
      claimed.add(id);
    }
  }

  private dropNote(id: string, old: { bucket: Bucket | undefined; entry: PlacedItem; claim: string }): void {
    old.bucket?.remove(old.entry);
    this.notes.delete(id);
    const claimed = this.claims.get(old.claim);
    if (claimed) {
      claimed.delete(id);
      if (claimed.size === 0) this.claims.delete(old.claim);
    }
  }

  private touchCluster(id: string): void {
    const cluster = this.clustersRoot.get(id);
    const old = this.clusters.get(id);
    if (id === '' && !this.building && (cluster instanceof Y.Map) !== (old !== undefined)) {
      // Every note without a cluster names '' (not tracked as a claim): start over.
      this.dirty = true;
      return;
    }
    if (!(cluster instanceof Y.Map)) {
      if (!old) return;
      old.bucket?.remove(old.entry);
      this.clusters.delete(id);
      for (const noteId of [...(this.claims.get(id) ?? [])]) this.touchNote(noteId); // loose again
      return;
    }
    const position = str(cluster.get(CLUSTER.position));
    const bucket = this.bucketOf(str(cluster.get(CLUSTER.areaId)));
    if (old) {
      if (old.bucket === bucket && old.entry.position === position) return;
      old.bucket?.remove(old.entry);
      const entry: PlacedCluster = { ...old.entry, position };
      bucket?.add(entry);
      this.clusters.set(id, { bucket, entry });
      return;
    }
    const entry: PlacedCluster = { type: 'cluster', id, position, members: new Bucket() };
    bucket?.add(entry);
    this.clusters.set(id, { bucket, entry });
    for (const noteId of [...(this.claims.get(id) ?? [])]) this.touchNote(noteId); // into the cluster
  }
}

const live = new WeakMap<Y.Doc, BoardLayout>();

/** The document's layout computed from scratch. */
export function freshLayout(doc: Y.Doc): BoardLayout {
  return new BoardLayout(doc, false);
}

/** The document's live layout, up to date with every write so far (created on first use). */
export function liveLayout(doc: Y.Doc): BoardLayout {
  let layout = live.get(doc);
  if (!layout) {
    layout = new BoardLayout(doc, true);
    live.set(doc, layout);
    return layout;
  }
  layout.sync();
  return layout;
}

/**
 * The document's live layout brought up to date, if it has one (for a writer that does not need
 * the layout itself but must report its write with `wrote`).
 */
export function existingLiveLayout(doc: Y.Doc): BoardLayout | undefined {
  const layout = live.get(doc);
  layout?.sync();
  return layout;
}
