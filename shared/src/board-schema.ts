/**
 * THE definition of a board's Yjs document and the only code that knows its key names.
 *
 * Shape (schema version 1):
 *   meta:  Y.Map  { schemaVersion, title, template, language, createdAt }
 *   areas: Y.Map<areaId, Y.Map { title, description, position }>
 *   notes: Y.Map<noteId, Y.Map { text: Y.Text, areaId, kind, colour?, authorId, authorName,
 *                               group?, createdAt, position }>
 *
 * Order (of areas, and of notes within an area) is a fractional-index `position` string, sorted
 * with the id as tie-breaker, so concurrent moves never duplicate or lose an item: a move only
 * sets two keys on the item's own map, and the last writer wins per key. Note text is a Y.Text
 * so two people editing the same note merge character-wise.
 *
 * Every write runs in one `doc.transact(fn, origin)`: one undo step, one broadcast.
 * Readers are defensive: the document may come from an untrusted peer, so every field is
 * coerced to its type and a missing one gets a default instead of throwing.
 */
import * as Y from 'yjs';
import { MAX_AREAS, MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, MAX_NOTE_TEXT_CHARS, MAX_TITLE_CHARS } from './limits.js';
import { newItemId } from './ids.js';
import { KIND_COLOURS, isNoteKind, type Language, type NoteKind } from './vocabulary.js';
import { TEMPLATES, isTemplateId, type TemplateId } from './templates.js';
import { existingLiveLayout, freshLayout, liveLayout, type PlacedItem } from './layout-index.js';
import {
  AREA,
  BoardInputError,
  CLUSTER,
  META,
  NOTE_FIELD,
  NOTE_PLACEMENT_FIELDS,
  ROOT,
  byPosition,
  checkLength,
  keyAtIndex,
  keyBetween,
  num,
  rootMap,
  str,
  type YItemMap,
} from './schema-keys.js';

export const SCHEMA_VERSION = 1;

export { ROOT, NOTE_FIELD, BoardInputError } from './schema-keys.js';

/** Fields whose change moves a note (changes which area or cluster it shows in, or its order there). */
const LAYOUT_FIELDS = NOTE_PLACEMENT_FIELDS;

// ---------------------------------------------------------------------------------------------
// Plain read types

export interface BoardMeta {
  schemaVersion: number;
  title: string;
  template: TemplateId;
  language: Language;
  createdAt: number;
}

export interface Area {
  id: string;
  title: string;
  description: string;
  position: string;
}

export interface Note {
  id: string;
  text: string;
  areaId: string;
  kind: NoteKind;
  colour: string;
  authorId: string;
  authorName: string;
  /** Stakeholder group of the author, or null when they gave none. */
  group: string | null;
  /** Milliseconds since epoch. */
  createdAt: number;
  position: string;
  /** The cluster (group of related notes) it is in, or null. */
  clusterId: string | null;
}

export interface AreaWithNotes extends Area {
  /** Every note the area shows, in order (a cluster's notes in place of the cluster). */
  notes: Note[];
  /** The area's clusters in order, with their notes' ids. */
  clusters: { id: string; title: string; noteIds: string[] }[];
}

export interface BoardView extends BoardMeta {
  areas: AreaWithNotes[];
  noteCount: number;
}

// ---------------------------------------------------------------------------------------------
// Internal access to the root types

type YNote = YItemMap;
type YArea = YItemMap;

function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return rootMap(doc, ROOT.meta);
}
function areasMap(doc: Y.Doc): Y.Map<YArea> {
  return rootMap<YArea>(doc, ROOT.areas);
}
/** The notes map; also used by the other schema modules of this package. */
export function notesMap(doc: Y.Doc): Y.Map<YNote> {
  return rootMap<YNote>(doc, ROOT.notes);
}

// ---------------------------------------------------------------------------------------------
// Board

export interface InitBoardInput {
  title: string;
  template: TemplateId;
  language?: Language;
  /** Milliseconds since epoch; defaults to now. */
  createdAt?: number;
}

/**
 * Writes a new board's meta and its template's areas into an empty document.
 * @example
 *   const doc = new Y.Doc();
 *   initBoard(doc, { title: 'Workshop 1', template: 'innovation-strategy', language: 'nb' });
 */
export function initBoard(doc: Y.Doc, input: InitBoardInput, origin?: unknown): void {
  const title = input.title.trim();
  checkLength(title, MAX_TITLE_CHARS, 'Title');
  const language = input.language ?? 'nb';
  const template = TEMPLATES[input.template];
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set(META.schemaVersion, SCHEMA_VERSION);
    meta.set(META.title, title || template.title[language]);
    meta.set(META.template, template.id);
    meta.set(META.language, language);
    meta.set(META.createdAt, input.createdAt ?? Date.now());
    let position: string | null = null;
    for (const area of template.areas) {
      position = keyBetween(position, null);
      writeArea(doc, newItemId(), area.title[language], area.description[language], position);
    }
  }, origin);
}

export function readMeta(doc: Y.Doc): BoardMeta {
  const meta = metaMap(doc);
  const template = meta.get(META.template);
  const language = meta.get(META.language);
  return {
    schemaVersion: num(meta.get(META.schemaVersion), SCHEMA_VERSION),
    title: str(meta.get(META.title)),
    template: isTemplateId(template) ? template : 'blank',
    language: language === 'en' ? 'en' : 'nb',
    createdAt: num(meta.get(META.createdAt)),
  };
}

export function setBoardTitle(doc: Y.Doc, title: string, origin?: unknown): void {
  const trimmed = title.trim();
  if (!trimmed) throw new BoardInputError('empty', 'Title is empty');
  checkLength(trimmed, MAX_TITLE_CHARS, 'Title');
  doc.transact(() => metaMap(doc).set(META.title, trimmed), origin);
}

/** Observes title and other meta changes. Returns the unsubscribe function. */
export function observeMeta(doc: Y.Doc, callback: () => void): () => void {
  const meta = metaMap(doc);
  const handler = (): void => callback();
  meta.observe(handler);
  return () => meta.unobserve(handler);
}

// ---------------------------------------------------------------------------------------------
// Areas

function writeArea(doc: Y.Doc, id: string, title: string, description: string, position: string): void {
  const area = new Y.Map<unknown>();
  area.set(AREA.title, title);
  area.set(AREA.description, description);
  area.set(AREA.position, position);
  areasMap(doc).set(id, area);
}

function toArea(id: string, area: YArea): Area {
  return {
    id,
    title: str(area.get(AREA.title)),
    description: str(area.get(AREA.description)),
    position: str(area.get(AREA.position)),
  };
}

/** Areas in board order. */
export function readAreas(doc: Y.Doc): Area[] {
  const areas: Area[] = [];
  areasMap(doc).forEach((area, id) => {
    if (area instanceof Y.Map) areas.push(toArea(id, area));
  });
  return areas.sort(byPosition);
}

export function hasArea(doc: Y.Doc, areaId: string): boolean {
  return areasMap(doc).get(areaId) instanceof Y.Map;
}

export interface AreaInput {
  title: string;
  description?: string;
  /** Where to insert; defaults to the end. */
  index?: number;
}

/** Adds an area and returns its id. */
export function addArea(doc: Y.Doc, input: AreaInput, origin?: unknown): string {
  const title = input.title.trim();
  const description = (input.description ?? '').trim();
  if (!title) throw new BoardInputError('empty', 'Area title is empty');
  checkLength(title, MAX_TITLE_CHARS, 'Area title');
  checkLength(description, MAX_DESCRIPTION_CHARS, 'Area description');
  const existing = readAreas(doc);
  if (existing.length >= MAX_AREAS) throw new BoardInputError('too-many-areas', `A board has at most ${MAX_AREAS} areas`);
  const id = newItemId();
  const position = keyAtIndex(existing, input.index ?? existing.length);
  doc.transact(() => writeArea(doc, id, title, description, position), origin);
  return id;
}

/** Renames and/or re-describes an area. */
export function updateArea(
  doc: Y.Doc,
  areaId: string,
  patch: { title?: string; description?: string },
  origin?: unknown,
): void {
  const area = areasMap(doc).get(areaId);
  if (!(area instanceof Y.Map)) throw new BoardInputError('unknown-area', `No area ${areaId}`);
  const title = patch.title?.trim();
  const description = patch.description?.trim();
  if (title !== undefined) {
    if (!title) throw new BoardInputError('empty', 'Area title is empty');
    checkLength(title, MAX_TITLE_CHARS, 'Area title');
  }
  if (description !== undefined) checkLength(description, MAX_DESCRIPTION_CHARS, 'Area description');
  doc.transact(() => {
    if (title !== undefined) area.set(AREA.title, title);
    if (description !== undefined) area.set(AREA.description, description);
  }, origin);
}

/** Moves an area to `index` among the other areas (0 = first). */
export function moveArea(doc: Y.Doc, areaId: string, index: number, origin?: unknown): void {
  const area = areasMap(doc).get(areaId);
  if (!(area instanceof Y.Map)) throw new BoardInputError('unknown-area', `No area ${areaId}`);
  const others = readAreas(doc).filter((a) => a.id !== areaId);
  const position = keyAtIndex(others, index);
  doc.transact(() => area.set(AREA.position, position), origin);
}

/**
 * Removes an area. An area with notes is only removed when `moveNotesTo` names another area,
 * and its notes go there (appended), so removing an area never deletes what people wrote.
 */
export function removeArea(doc: Y.Doc, areaId: string, options: { moveNotesTo?: string } = {}, origin?: unknown): void {
  if (!hasArea(doc, areaId)) throw new BoardInputError('unknown-area', `No area ${areaId}`);
  const layout = liveLayout(doc);
  const items = [...layout.items(areaId)];
  const target = options.moveNotesTo;
  if (items.length > 0) {
    if (target === undefined) throw new BoardInputError('area-not-empty', 'The area still has notes');
    if (target === areaId || !hasArea(doc, target)) throw new BoardInputError('unknown-area', `No area ${target}`);
  }
  doc.transact(() => {
    if (target !== undefined) {
      // Loose notes and whole clusters go to the end of the target area, in their order.
      let last = layout.items(target).at(-1)?.position ?? null;
      for (const item of items) {
        last = keyBetween(last, null);
        const map = item.type === 'note' ? notesMap(doc).get(item.id) : clustersMap(doc).get(item.id);
        map?.set(item.type === 'note' ? NOTE_FIELD.areaId : CLUSTER.areaId, target);
        map?.set(item.type === 'note' ? NOTE_FIELD.position : CLUSTER.position, last);
        if (item.type === 'cluster') {
          for (const member of [...layout.members(item.id)]) notesMap(doc).get(member.id)?.set(NOTE_FIELD.areaId, target);
        }
      }
    }
    areasMap(doc).delete(areaId);
  }, origin);
  // Removing an area changes where orphans show: the live layout rebuilds on its next use.
}

/** Observes any change to the areas (added, removed, renamed, reordered). */
export function observeAreas(doc: Y.Doc, callback: () => void): () => void {
  const areas = areasMap(doc);
  const handler = (): void => callback();
  areas.observeDeep(handler);
  return () => areas.unobserveDeep(handler);
}

// ---------------------------------------------------------------------------------------------
// Notes

export interface NoteInput {
  areaId: string;
  text: string;
  kind: NoteKind;
  authorId: string;
  authorName: string;
  group?: string | null;
  /** A colour other than the kind's own; normally left out. */
  colour?: string;
  /** Where in the area; defaults to the end. */
  index?: number;
  /** Milliseconds since epoch; defaults to now. */
  createdAt?: number;
  /** Explicit id, used by import; normally left out. */
  id?: string;
}

function checkNoteText(text: string): void {
  checkLength(text, MAX_NOTE_TEXT_CHARS, 'Note text');
}

function toNote(id: string, note: YNote): Note {
  const kind = note.get(NOTE_FIELD.kind);
  const safeKind: NoteKind = isNoteKind(kind) ? kind : 'idea';
  const text = note.get(NOTE_FIELD.text);
  const group = note.get(NOTE_FIELD.group);
  return {
    id,
    text: text instanceof Y.Text ? text.toString() : str(text),
    areaId: str(note.get(NOTE_FIELD.areaId)),
    kind: safeKind,
    colour: str(note.get(NOTE_FIELD.colour)) || KIND_COLOURS[safeKind],
    authorId: str(note.get(NOTE_FIELD.authorId)),
    authorName: str(note.get(NOTE_FIELD.authorName)),
    group: typeof group === 'string' && group ? group : null,
    createdAt: num(note.get(NOTE_FIELD.createdAt)),
    position: str(note.get(NOTE_FIELD.position)),
    clusterId: str(note.get(NOTE_FIELD.clusterId)) || null,
  };
}

/**
 * Adds a note at the end of an area (or at `index`) and returns its id. Does not lay out the
 * whole board: it uses the document's live layout (layout-index.ts, built by the first write that
 * needs it), so adding many notes in a loop, with or without a surrounding `doc.transact`, stays
 * linear.
 * @example
 *   const id = addNote(doc, { areaId, text: 'Dele data på tvers', kind: 'idea', authorId, authorName: 'Kari' });
 */
export function addNote(doc: Y.Doc, input: NoteInput, origin?: unknown): string {
  if (!hasArea(doc, input.areaId)) throw new BoardInputError('unknown-area', `No area ${input.areaId}`);
  const layout = liveLayout(doc);
  const items = layout.items(input.areaId);
  const id = writeNote(doc, input, keyAtIndex(items, input.index ?? items.length), origin);
  layout.wrote([id]);
  return id;
}

function writeNote(doc: Y.Doc, input: NoteInput, position: string, origin: unknown): string {
  if (!isNoteKind(input.kind)) throw new BoardInputError('bad-kind', `Unknown kind ${String(input.kind)}`);
  checkNoteText(input.text);
  checkLength(input.authorName, MAX_NAME_CHARS, 'Author name');
  const id = input.id ?? newItemId();
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    note.set(NOTE_FIELD.text, new Y.Text(input.text));
    note.set(NOTE_FIELD.areaId, input.areaId);
    note.set(NOTE_FIELD.kind, input.kind);
    if (input.colour) note.set(NOTE_FIELD.colour, input.colour);
    note.set(NOTE_FIELD.authorId, input.authorId);
    note.set(NOTE_FIELD.authorName, input.authorName);
    if (input.group) note.set(NOTE_FIELD.group, input.group);
    note.set(NOTE_FIELD.createdAt, input.createdAt ?? Date.now());
    note.set(NOTE_FIELD.position, position);
    notesMap(doc).set(id, note);
  }, origin);
  return id;
}

export function readNote(doc: Y.Doc, noteId: string): Note | null {
  const note = notesMap(doc).get(noteId);
  return note instanceof Y.Map ? toNote(noteId, note) : null;
}

/** All notes, in no particular order. */
export function readNotes(doc: Y.Doc): Note[] {
  const notes: Note[] = [];
  notesMap(doc).forEach((note, id) => {
    if (note instanceof Y.Map) notes.push(toNote(id, note));
  });
  return notes;
}

export function countNotes(doc: Y.Doc): number {
  return notesMap(doc).size;
}

/**
 * What an area shows, top to bottom: loose notes and clusters (each with its notes), sharing one
 * order. A note in a cluster shows where its cluster is. Notes or clusters whose area no longer
 * exists (removed while someone was offline) show in the first area, so nothing typed ever
 * disappears from view.
 */
export type LayoutItem = { type: 'note'; id: string } | { type: 'cluster'; id: string; noteIds: string[] };

/**
 * Each area's layout, in area order. `live`: read the document's live layout (kept up to date by
 * every transaction, see `layout-index.ts`) instead of laying the board out from scratch: for a
 * reader that reads after every change, such as a client's board view, it saves reading every note
 * and sorting each time. The result is the same either way.
 */
export function readAreaLayout(doc: Y.Doc, options: { live?: boolean } = {}): Map<string, LayoutItem[]> {
  const layout = new Map<string, LayoutItem[]>();
  for (const [areaId, items] of (options.live ? liveLayout(doc) : freshLayout(doc)).snapshot()) {
    layout.set(
      areaId,
      items.map((item): LayoutItem =>
        item.type === 'note' ? { type: 'note', id: item.id } : { type: 'cluster', id: item.id, noteIds: item.notes!.map((n) => n.id) },
      ),
    );
  }
  return layout;
}

/** Note ids per area in the order they show (clusters expanded in place). */
export function readNoteIdsByArea(doc: Y.Doc): Map<string, string[]> {
  const byArea = new Map<string, string[]>();
  for (const [areaId, items] of readAreaLayout(doc)) {
    byArea.set(areaId, items.flatMap((item) => (item.type === 'note' ? [item.id] : item.noteIds)));
  }
  return byArea;
}

/** Notes of one area in the order they show. */
export function readNotesInArea(doc: Y.Doc, areaId: string): Note[] {
  return (readNoteIdsByArea(doc).get(areaId) ?? []).map((id) => readNote(doc, id)).filter((n): n is Note => n !== null);
}

/** The items (of an area or a cluster, from the live layout) other than `exceptId`. */
function itemsExcept(items: readonly PlacedItem[], exceptId: string): PlacedItem[] {
  return items.filter((item) => item.id !== exceptId);
}

export interface NotePatch {
  text?: string;
  kind?: NoteKind;
  colour?: string | null;
}

/** Edits a note. A text change is applied as a minimal splice, so concurrent edits merge. */
export function updateNote(doc: Y.Doc, noteId: string, patch: NotePatch, origin?: unknown): void {
  const note = notesMap(doc).get(noteId);
  if (!(note instanceof Y.Map)) throw new BoardInputError('unknown-note', `No note ${noteId}`);
  if (patch.kind !== undefined && !isNoteKind(patch.kind)) {
    throw new BoardInputError('bad-kind', `Unknown kind ${String(patch.kind)}`);
  }
  if (patch.text !== undefined) checkNoteText(patch.text);
  doc.transact(() => {
    if (patch.text !== undefined) {
      const text = note.get(NOTE_FIELD.text);
      if (text instanceof Y.Text) spliceText(text, patch.text);
      else note.set(NOTE_FIELD.text, new Y.Text(patch.text));
    }
    if (patch.kind !== undefined) note.set(NOTE_FIELD.kind, patch.kind);
    if (patch.colour === null) note.delete(NOTE_FIELD.colour);
    else if (patch.colour !== undefined) note.set(NOTE_FIELD.colour, patch.colour);
  }, origin);
}

/** Replaces the text by deleting and inserting only the part between the common prefix and suffix. */
function spliceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  const max = Math.min(current.length, next.length);
  while (start < max && current[start] === next[start]) start++;
  let end = 0;
  while (end < max - start && current[current.length - 1 - end] === next[next.length - 1 - end]) end++;
  const removed = current.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const inserted = next.slice(start, next.length - end);
  if (inserted) text.insert(start, inserted);
}

/**
 * Moves a note to `index` among the top-level items of `areaId` (0 = first; counted without the
 * note itself), taking it out of any cluster; or, with `clusterId`, to `index` within that cluster.
 * Two people moving the same note at once: the later move wins, the note is never duplicated.
 */
export function moveNote(
  doc: Y.Doc,
  noteId: string,
  target: { areaId: string; index: number; clusterId?: string },
  origin?: unknown,
): void {
  const note = notesMap(doc).get(noteId);
  if (!(note instanceof Y.Map)) throw new BoardInputError('unknown-note', `No note ${noteId}`);
  if (target.clusterId !== undefined) {
    const cluster = clustersMap(doc).get(target.clusterId);
    if (!(cluster instanceof Y.Map)) throw new BoardInputError('unknown-cluster', `No cluster ${target.clusterId}`);
    const layout = liveLayout(doc);
    const position = keyAtIndex(itemsExcept(layout.members(target.clusterId), noteId), target.index);
    const areaId = str(cluster.get(CLUSTER.areaId));
    doc.transact(() => placeNote(note, areaId, position, target.clusterId!), origin);
    layout.wrote([noteId]);
    return;
  }
  if (!hasArea(doc, target.areaId)) throw new BoardInputError('unknown-area', `No area ${target.areaId}`);
  const layout = liveLayout(doc);
  const position = keyAtIndex(itemsExcept(layout.items(target.areaId), noteId), target.index);
  doc.transact(() => placeNote(note, target.areaId, position, null), origin);
  layout.wrote([noteId]);
}

/** Sets only the placement keys that change, so concurrent edits of other keys are untouched. */
function placeNote(note: YNote, areaId: string, position: string, clusterId: string | null): void {
  if (note.get(NOTE_FIELD.areaId) !== areaId) note.set(NOTE_FIELD.areaId, areaId);
  note.set(NOTE_FIELD.position, position);
  if (clusterId === null) {
    if (note.has(NOTE_FIELD.clusterId)) note.delete(NOTE_FIELD.clusterId);
  } else if (note.get(NOTE_FIELD.clusterId) !== clusterId) {
    note.set(NOTE_FIELD.clusterId, clusterId);
  }
}

export function deleteNote(doc: Y.Doc, noteId: string, origin?: unknown): void {
  if (!notesMap(doc).has(noteId)) throw new BoardInputError('unknown-note', `No note ${noteId}`);
  const layout = existingLiveLayout(doc);
  doc.transact(() => notesMap(doc).delete(noteId), origin);
  layout?.wrote([noteId]);
}

/**
 * Observes one note: text, kind, colour, area or position. The callback does not fire for
 * changes to other notes, which is what keeps a remote edit to one note from re-rendering the board.
 */
export function observeNote(doc: Y.Doc, noteId: string, callback: () => void): () => void {
  const note = notesMap(doc).get(noteId);
  if (!(note instanceof Y.Map)) return () => {};
  const handler = (): void => callback();
  note.observeDeep(handler);
  return () => note.unobserveDeep(handler);
}

/**
 * Observes the board's layout: notes added or removed, moved between or within areas, into or out
 * of clusters; clusters added, removed, renamed or moved. Text edits do not fire it.
 */
export function observeNoteLayout(doc: Y.Doc, callback: () => void): () => void {
  const notes = notesMap(doc);
  const clusters = clustersMap(doc);
  const onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const moved = events.some(
      (event) =>
        event.target === notes ||
        (event.target.parent === notes &&
          event instanceof Y.YMapEvent &&
          [...event.keysChanged].some((key) => LAYOUT_FIELDS.has(key))),
    );
    if (moved) callback();
  };
  const onClusters = (): void => callback();
  notes.observeDeep(onNotes);
  clusters.observeDeep(onClusters);
  return () => {
    notes.unobserveDeep(onNotes);
    clusters.unobserveDeep(onClusters);
  };
}

// ---------------------------------------------------------------------------------------------
// Clusters (groups of related notes; "group" in the UI, "cluster" in code so it is not confused
// with a stakeholder group)

export interface Cluster {
  id: string;
  title: string;
  areaId: string;
  position: string;
}

function clustersMap(doc: Y.Doc): Y.Map<YItemMap> {
  return rootMap<YItemMap>(doc, ROOT.clusters);
}

export function readCluster(doc: Y.Doc, clusterId: string): Cluster | null {
  const cluster = clustersMap(doc).get(clusterId);
  if (!(cluster instanceof Y.Map)) return null;
  return {
    id: clusterId,
    title: str(cluster.get(CLUSTER.title)),
    areaId: str(cluster.get(CLUSTER.areaId)),
    position: str(cluster.get(CLUSTER.position)),
  };
}

/** Observes one cluster's own fields (title, area, position). */
export function observeCluster(doc: Y.Doc, clusterId: string, callback: () => void): () => void {
  const cluster = clustersMap(doc).get(clusterId);
  if (!(cluster instanceof Y.Map)) return () => {};
  const handler = (): void => callback();
  cluster.observe(handler);
  return () => cluster.unobserve(handler);
}

/**
 * Groups notes into a new cluster where the first note is, in the given order, and returns the
 * cluster id. Dropping one note on another is `groupNotes(doc, [target, dropped])`.
 */
export function groupNotes(doc: Y.Doc, noteIds: readonly string[], options: { title?: string } = {}, origin?: unknown): string {
  const notes = noteIds.map((id) => {
    const note = notesMap(doc).get(id);
    if (!(note instanceof Y.Map)) throw new BoardInputError('unknown-note', `No note ${id}`);
    return note;
  });
  const first = readNote(doc, noteIds[0] ?? '');
  if (!first) throw new BoardInputError('empty', 'Nothing to group');
  const title = (options.title ?? '').trim();
  checkLength(title, MAX_TITLE_CHARS, 'Group title');
  const areaId = displayedAreaOf(doc, first);
  const id = newItemId();
  const layout = existingLiveLayout(doc);
  doc.transact(() => {
    const cluster = new Y.Map<unknown>();
    cluster.set(CLUSTER.title, title);
    cluster.set(CLUSTER.areaId, areaId);
    cluster.set(CLUSTER.position, first.position || keyBetween(null, null));
    clustersMap(doc).set(id, cluster);
    let position: string | null = null;
    for (const note of notes) {
      position = keyBetween(position, null);
      placeNote(note, areaId, position, id);
    }
  }, origin);
  layout?.wrote(noteIds, [id]);
  return id;
}

/** The area a note shows in: its cluster's, if it is in one. */
function displayedAreaOf(doc: Y.Doc, note: Note): string {
  const cluster = note.clusterId ? readCluster(doc, note.clusterId) : null;
  return cluster ? cluster.areaId : note.areaId;
}

export function renameCluster(doc: Y.Doc, clusterId: string, title: string, origin?: unknown): void {
  const cluster = clustersMap(doc).get(clusterId);
  if (!(cluster instanceof Y.Map)) throw new BoardInputError('unknown-cluster', `No cluster ${clusterId}`);
  const trimmed = title.trim();
  checkLength(trimmed, MAX_TITLE_CHARS, 'Group title');
  doc.transact(() => cluster.set(CLUSTER.title, trimmed), origin);
}

/** Moves a cluster, with all its notes, to `index` among the top-level items of an area. */
export function moveCluster(doc: Y.Doc, clusterId: string, target: { areaId: string; index: number }, origin?: unknown): void {
  const cluster = clustersMap(doc).get(clusterId);
  if (!(cluster instanceof Y.Map)) throw new BoardInputError('unknown-cluster', `No cluster ${clusterId}`);
  if (!hasArea(doc, target.areaId)) throw new BoardInputError('unknown-area', `No area ${target.areaId}`);
  const layout = liveLayout(doc);
  const position = keyAtIndex(itemsExcept(layout.items(target.areaId), clusterId), target.index);
  const members = [...layout.members(clusterId)];
  doc.transact(() => {
    if (cluster.get(CLUSTER.areaId) !== target.areaId) cluster.set(CLUSTER.areaId, target.areaId);
    cluster.set(CLUSTER.position, position);
    for (const member of members) {
      const note = notesMap(doc).get(member.id);
      if (note instanceof Y.Map && note.get(NOTE_FIELD.areaId) !== target.areaId) note.set(NOTE_FIELD.areaId, target.areaId);
    }
  }, origin);
  layout.wrote(
    members.map((m) => m.id),
    [clusterId],
  );
}

/** Dissolves a cluster: its notes become loose notes where the cluster was, in the same order. */
export function ungroupCluster(doc: Y.Doc, clusterId: string, origin?: unknown): void {
  const cluster = readCluster(doc, clusterId);
  if (!cluster) throw new BoardInputError('unknown-cluster', `No cluster ${clusterId}`);
  const layout = liveLayout(doc);
  const items = layout.items(cluster.areaId);
  const at = items.findIndex((item) => item.id === clusterId);
  const next = items[at + 1]?.position ?? null;
  const members = [...layout.members(clusterId)];
  doc.transact(() => {
    let position: string | null = cluster.position || null;
    for (const member of members) {
      const note = notesMap(doc).get(member.id);
      position = keyBetween(position, next);
      if (note instanceof Y.Map) placeNote(note, cluster.areaId, position, null);
    }
    clustersMap(doc).delete(clusterId);
  }, origin);
  layout.wrote(
    members.map((m) => m.id),
    [clusterId],
  );
}

// ---------------------------------------------------------------------------------------------
// Whole board

/**
 * The whole board as a plain object: meta, areas in order, each with its notes in order.
 * @example
 *   const { title, areas } = readBoard(doc);
 *   areas[0].notes[0].text;
 */
export function readBoard(doc: Y.Doc): BoardView {
  const layout = readAreaLayout(doc);
  let noteCount = 0;
  const areas = readAreas(doc).map((area) => {
    const items = layout.get(area.id) ?? [];
    const notes = items
      .flatMap((item) => (item.type === 'note' ? [item.id] : item.noteIds))
      .map((id) => readNote(doc, id))
      .filter((n): n is Note => n !== null);
    const clusters = items.flatMap((item) =>
      item.type === 'cluster' ? [{ id: item.id, title: readCluster(doc, item.id)?.title ?? '', noteIds: item.noteIds }] : [],
    );
    noteCount += notes.length;
    return { ...area, notes, clusters };
  });
  return { ...readMeta(doc), areas, noteCount };
}
