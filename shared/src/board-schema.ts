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
import { generateKeyBetween } from 'fractional-indexing';
import { MAX_AREAS, MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, MAX_NOTE_TEXT_CHARS, MAX_TITLE_CHARS } from './limits.js';
import { newItemId } from './ids.js';
import { KIND_COLOURS, isNoteKind, type Language, type NoteKind } from './vocabulary.js';
import { TEMPLATES, isTemplateId, type TemplateId } from './templates.js';

export const SCHEMA_VERSION = 1;

/** Root type names. Exported for the server's write filter, which must know which root an edit touches. */
export const ROOT = {
  meta: 'meta',
  areas: 'areas',
  notes: 'notes',
} as const;

const META = {
  schemaVersion: 'schemaVersion',
  title: 'title',
  template: 'template',
  language: 'language',
  createdAt: 'createdAt',
} as const;

const AREA = { title: 'title', description: 'description', position: 'position' } as const;

export const NOTE_FIELD = {
  text: 'text',
  areaId: 'areaId',
  kind: 'kind',
  colour: 'colour',
  authorId: 'authorId',
  authorName: 'authorName',
  group: 'group',
  createdAt: 'createdAt',
  position: 'position',
} as const;

/** Fields whose change moves a note (changes which area it shows in, or its order there). */
const LAYOUT_FIELDS: ReadonlySet<string> = new Set([NOTE_FIELD.areaId, NOTE_FIELD.position]);

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
}

export interface AreaWithNotes extends Area {
  notes: Note[];
}

export interface BoardView extends BoardMeta {
  areas: AreaWithNotes[];
  noteCount: number;
}

/** Thrown by the write accessors when the input breaks a schema rule. `code` is stable. */
export class BoardInputError extends Error {
  constructor(
    readonly code: 'unknown-area' | 'unknown-note' | 'too-long' | 'bad-kind' | 'too-many-areas' | 'area-not-empty' | 'empty',
    message: string,
  ) {
    super(message);
    this.name = 'BoardInputError';
  }
}

// ---------------------------------------------------------------------------------------------
// Internal access to the root types

type YNote = Y.Map<unknown>;
type YArea = Y.Map<unknown>;

function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.meta);
}
function areasMap(doc: Y.Doc): Y.Map<YArea> {
  return doc.getMap<YArea>(ROOT.areas);
}
function notesMap(doc: Y.Doc): Y.Map<YNote> {
  return doc.getMap<YNote>(ROOT.notes);
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}
function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function checkLength(value: string, max: number, what: string): void {
  if (value.length > max) throw new BoardInputError('too-long', `${what} is longer than ${max} characters`);
}

function byPosition<T extends { id: string; position: string }>(a: T, b: T): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A fractional key strictly after `lo` and, where possible, before `hi`. Positions come from peers,
 * so a malformed one or a tie (two concurrent inserts got the same key) must not throw.
 */
function keyBetween(lo: string | null, hi: string | null): string {
  try {
    if (lo !== null && hi !== null && lo >= hi) return generateKeyBetween(lo, null);
    return generateKeyBetween(lo, hi);
  } catch {
    // A malformed key from a peer: append after a fresh key instead of failing the user's action.
    return generateKeyBetween(null, null) + newItemId();
  }
}

/** Key for inserting at `index` into a list already sorted by position. */
function keyAtIndex(sorted: readonly { position: string }[], index: number): string {
  const i = Math.max(0, Math.min(index, sorted.length));
  return keyBetween(sorted[i - 1]?.position ?? null, sorted[i]?.position ?? null);
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
  const notes = readNotesInArea(doc, areaId);
  const target = options.moveNotesTo;
  if (notes.length > 0) {
    if (target === undefined) throw new BoardInputError('area-not-empty', 'The area still has notes');
    if (target === areaId || !hasArea(doc, target)) throw new BoardInputError('unknown-area', `No area ${target}`);
  }
  doc.transact(() => {
    if (target !== undefined) {
      let last = readNotesInArea(doc, target).at(-1)?.position ?? null;
      for (const note of notes) {
        const map = notesMap(doc).get(note.id);
        last = keyBetween(last, null);
        map?.set(NOTE_FIELD.areaId, target);
        map?.set(NOTE_FIELD.position, last);
      }
    }
    areasMap(doc).delete(areaId);
  }, origin);
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
  };
}

/**
 * Adds a note at the end of an area (or at `index`) and returns its id.
 * @example
 *   const id = addNote(doc, { areaId, text: 'Dele data på tvers', kind: 'idea', authorId, authorName: 'Kari' });
 */
export function addNote(doc: Y.Doc, input: NoteInput, origin?: unknown): string {
  if (!hasArea(doc, input.areaId)) throw new BoardInputError('unknown-area', `No area ${input.areaId}`);
  if (!isNoteKind(input.kind)) throw new BoardInputError('bad-kind', `Unknown kind ${String(input.kind)}`);
  checkNoteText(input.text);
  checkLength(input.authorName, MAX_NAME_CHARS, 'Author name');
  const id = input.id ?? newItemId();
  const inArea = readNotesInArea(doc, input.areaId);
  const position = keyAtIndex(inArea, input.index ?? inArea.length);
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

/** Notes of one area in their order. */
export function readNotesInArea(doc: Y.Doc, areaId: string): Note[] {
  return readNotes(doc)
    .filter((note) => note.areaId === areaId)
    .sort(byPosition);
}

/**
 * Note ids per area, in order. Notes whose area no longer exists (removed while someone was
 * offline) are shown in the first area, so nothing typed ever disappears from view.
 */
export function readNoteIdsByArea(doc: Y.Doc): Map<string, string[]> {
  const areas = readAreas(doc);
  const byArea = new Map<string, { id: string; position: string }[]>(areas.map((a) => [a.id, []]));
  const first = areas[0]?.id;
  notesMap(doc).forEach((note, id) => {
    if (!(note instanceof Y.Map)) return;
    const areaId = str(note.get(NOTE_FIELD.areaId));
    const bucket = byArea.get(areaId) ?? (first !== undefined ? byArea.get(first) : undefined);
    bucket?.push({ id, position: str(note.get(NOTE_FIELD.position)) });
  });
  return new Map([...byArea].map(([areaId, list]) => [areaId, list.sort(byPosition).map((n) => n.id)]));
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
 * Moves a note to `index` within `areaId` (0 = first; counted without the note itself).
 * Two people moving the same note at once: the later move wins, the note is never duplicated.
 */
export function moveNote(doc: Y.Doc, noteId: string, target: { areaId: string; index: number }, origin?: unknown): void {
  const note = notesMap(doc).get(noteId);
  if (!(note instanceof Y.Map)) throw new BoardInputError('unknown-note', `No note ${noteId}`);
  if (!hasArea(doc, target.areaId)) throw new BoardInputError('unknown-area', `No area ${target.areaId}`);
  const others = readNotesInArea(doc, target.areaId).filter((n) => n.id !== noteId);
  const position = keyAtIndex(others, target.index);
  doc.transact(() => {
    if (note.get(NOTE_FIELD.areaId) !== target.areaId) note.set(NOTE_FIELD.areaId, target.areaId);
    note.set(NOTE_FIELD.position, position);
  }, origin);
}

export function deleteNote(doc: Y.Doc, noteId: string, origin?: unknown): void {
  if (!notesMap(doc).has(noteId)) throw new BoardInputError('unknown-note', `No note ${noteId}`);
  doc.transact(() => notesMap(doc).delete(noteId), origin);
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
 * Observes the board's layout: notes added or removed, or moved between or within areas.
 * Text edits do not fire it.
 */
export function observeNoteLayout(doc: Y.Doc, callback: () => void): () => void {
  const notes = notesMap(doc);
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const moved = events.some(
      (event) =>
        event.target === notes ||
        (event.target.parent === notes &&
          event instanceof Y.YMapEvent &&
          [...event.keysChanged].some((key) => LAYOUT_FIELDS.has(key))),
    );
    if (moved) callback();
  };
  notes.observeDeep(handler);
  return () => notes.unobserveDeep(handler);
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
  const byArea = readNoteIdsByArea(doc);
  let noteCount = 0;
  const areas = readAreas(doc).map((area) => {
    const notes = (byArea.get(area.id) ?? []).map((id) => readNote(doc, id)).filter((n): n is Note => n !== null);
    noteCount += notes.length;
    return { ...area, notes };
  });
  return { ...readMeta(doc), areas, noteCount };
}
