/**
 * Copying board content between documents, for snapshots, imports and copies.
 *
 * - `replaceBoardContent(target, source)` makes the content of one live document equal to another's
 *   in one transaction (rolling a board back to a snapshot, or filling a fresh copy). Items keep
 *   their ids; only what differs is written, so peers see the smallest change.
 * - `writeBoardContent(doc, content)` writes plain content (a parsed, validated import file) into
 *   an empty document, preserving ids, order, clusters and dots.
 *
 * Both are schema modules: they know the root names (schema-keys.ts) and nothing else touches them.
 */
import * as Y from 'yjs';
import { KIND_COLOURS, isNoteKind, type Language, type NoteKind } from './vocabulary.js';
import { TEMPLATES, type TemplateId } from './templates.js';
import { MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, MAX_NOTE_TEXT_CHARS, MAX_TITLE_CHARS } from './limits.js';
import { updateSettings, type SettingsPatch } from './facilitation.js';
import { AREA, CLUSTER, META, NOTE_FIELD, ROOT, keyBetween, rootMap } from './schema-keys.js';
import { SCHEMA_VERSION } from './board-schema.js';
import type { Vote } from './votes.js';

/** Roots that hold a board's content (everything but the facilitator's settings). */
export const CONTENT_ROOTS = [ROOT.meta, ROOT.areas, ROOT.notes, ROOT.clusters, ROOT.votes] as const;

export interface ReplaceContentOptions {
  /** Also make the `settings` root equal (default: the target keeps its own settings). */
  settings?: boolean;
}

/**
 * Makes meta, areas, notes, clusters and votes of `target` (and its settings, when asked) equal to
 * those of `source`, in one transaction with `origin`: what `source` lacks is deleted, what differs
 * is overwritten field by field (a note keeps its id and its Y.Map), what is missing is added with
 * the same id. Afterwards `readBoard`, `readAllVotes` (and `readSettings`) of both agree.
 * @example
 *   replaceBoardContent(room.doc, snapshotDoc, SERVER_ORIGIN); // roll back, relayed as one update
 */
export function replaceBoardContent(target: Y.Doc, source: Y.Doc, origin?: unknown, options: ReplaceContentOptions = {}): void {
  target.transact(() => {
    for (const name of [ROOT.meta, ROOT.areas, ROOT.notes, ROOT.clusters]) syncMap(rootMap(target, name), rootMap(source, name));
    syncArray(target.getArray(ROOT.votes), source.getArray(ROOT.votes));
    if (options.settings) syncMap(rootMap(target, ROOT.settings), rootMap(source, ROOT.settings));
  }, origin);
}

function syncMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
  source.forEach((value, key) => {
    const current = target.get(key);
    if (target.has(key) && sameValue(current, value)) return;
    if (current instanceof Y.Map && value instanceof Y.Map) syncMap(current, value);
    else if (current instanceof Y.Array && value instanceof Y.Array) syncArray(current, value);
    else if (current instanceof Y.Text && value instanceof Y.Text) replaceText(current, value.toString());
    else target.set(key, copyValue(value));
  });
}

/** Keeps the common prefix, replaces the rest: dots are only ever appended or taken back. */
function syncArray(target: Y.Array<unknown>, source: Y.Array<unknown>): void {
  const current = target.toArray();
  const wanted = source.toArray();
  let common = 0;
  while (common < current.length && common < wanted.length && sameValue(current[common], wanted[common])) common++;
  if (current.length > common) target.delete(common, current.length - common);
  if (wanted.length > common) target.insert(common, wanted.slice(common).map(copyValue));
}

function replaceText(text: Y.Text, next: string): void {
  if (text.length > 0) text.delete(0, text.length);
  if (next) text.insert(0, next);
}

/** Deep equality that also compares the Yjs type of each value (a Y.Text is not a string). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Y.Text || b instanceof Y.Text) return a instanceof Y.Text && b instanceof Y.Text && a.toString() === b.toString();
  if (a instanceof Y.Map || b instanceof Y.Map) {
    if (!(a instanceof Y.Map && b instanceof Y.Map) || a.size !== b.size) return false;
    for (const [key, value] of a.entries()) if (!b.has(key) || !sameValue(value, b.get(key))) return false;
    return true;
  }
  if (a instanceof Y.Array || b instanceof Y.Array) {
    if (!(a instanceof Y.Array && b instanceof Y.Array) || a.length !== b.length) return false;
    const left = a.toArray();
    const right = b.toArray();
    return left.every((value, i) => sameValue(value, right[i]));
  }
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) return false; // a type this schema does not use
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A fresh copy of a value for another document (a Yjs type can belong to one document only). */
function copyValue(value: unknown): unknown {
  if (value instanceof Y.Text) return new Y.Text(value.toString());
  if (value instanceof Y.Map) {
    const map = new Y.Map<unknown>();
    value.forEach((v, k) => map.set(k, copyValue(v)));
    return map;
  }
  if (value instanceof Y.Array) {
    const array = new Y.Array<unknown>();
    array.push(value.toArray().map(copyValue));
    return array;
  }
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value;
}

// ---------------------------------------------------------------------------------------------
// Plain content (import)

/** One note of plain content. */
export interface ContentNote {
  id: string;
  text: string;
  kind: NoteKind;
  /** Null or empty: the kind's own colour. */
  colour?: string | null;
  authorId: string;
  authorName: string;
  group: string | null;
  /** Ms since epoch. */
  createdAt: number;
}

/** One area of plain content: its notes in the order they show, and its clusters. */
export interface ContentArea {
  id: string;
  title: string;
  description: string;
  /** In board order (a cluster's notes where the cluster shows). */
  notes: ContentNote[];
  clusters: { id: string; title: string; noteIds: string[] }[];
}

/** A whole board as plain data (what an export file holds, once validated). */
export interface BoardContent {
  meta: { title: string; template: TemplateId; language: Language; createdAt: number };
  areas: ContentArea[];
  /** Every dot, in the order given. */
  votes: Vote[];
  /** Settings to set; must already be valid (see validateSettingsPatch). */
  settings?: SettingsPatch;
}

/**
 * Writes plain content into an empty document in one transaction, keeping ids and order. It
 * repairs instead of throwing: a note or cluster id seen before is skipped, cluster members that
 * are not notes of the area are ignored, an empty title becomes the template's title, and texts
 * are cut at the shared limits. Empty clusters go to the end of their area.
 * @example
 *   const doc = new Y.Doc();
 *   writeBoardContent(doc, contentFromFile(file));
 */
export function writeBoardContent(doc: Y.Doc, content: BoardContent, origin?: unknown): void {
  doc.transact(() => {
    const meta = rootMap(doc, ROOT.meta);
    const { template, language } = content.meta;
    meta.set(META.schemaVersion, SCHEMA_VERSION);
    meta.set(META.title, cut(content.meta.title.trim(), MAX_TITLE_CHARS) || TEMPLATES[template].title[language]);
    meta.set(META.template, template);
    meta.set(META.language, language);
    meta.set(META.createdAt, content.meta.createdAt);
    const seen: Seen = { areas: new Set(), notes: new Set(), clusters: new Set() };
    let areaPosition: string | null = null;
    for (const area of content.areas) {
      if (seen.areas.has(area.id)) continue;
      seen.areas.add(area.id);
      areaPosition = keyBetween(areaPosition, null);
      const map = new Y.Map<unknown>();
      map.set(AREA.title, cut(area.title, MAX_TITLE_CHARS));
      map.set(AREA.description, cut(area.description, MAX_DESCRIPTION_CHARS));
      map.set(AREA.position, areaPosition);
      rootMap(doc, ROOT.areas).set(area.id, map);
      writeAreaItems(doc, area, seen);
    }
    if (content.votes.length > 0) doc.getArray(ROOT.votes).push(content.votes.map((v) => ({ participantId: v.participantId, noteId: v.noteId })));
    if (content.settings) updateSettings(doc, content.settings);
  }, origin);
}

/** Ids written so far, per root: a repeated id is skipped. */
interface Seen {
  areas: Set<string>;
  notes: Set<string>;
  clusters: Set<string>;
}

type ContentCluster = ContentArea['clusters'][number];

/** Loose notes and clusters of one area, top-level positions in the order the notes show. */
function writeAreaItems(doc: Y.Doc, area: ContentArea, seen: Seen): void {
  const notesById = new Map<string, ContentNote>();
  for (const note of area.notes) if (!notesById.has(note.id)) notesById.set(note.id, note);
  const clusterOf = new Map<string, ContentCluster>();
  const clusters: ContentCluster[] = [];
  for (const cluster of area.clusters) {
    if (seen.clusters.has(cluster.id)) continue;
    seen.clusters.add(cluster.id);
    clusters.push(cluster);
  }
  for (const cluster of clusters) {
    for (const noteId of cluster.noteIds) if (notesById.has(noteId) && !clusterOf.has(noteId)) clusterOf.set(noteId, cluster);
  }
  const placed = new Set<string>();
  let position: string | null = null;
  const placeCluster = (cluster: ContentCluster): void => {
    placed.add(cluster.id);
    position = keyBetween(position, null);
    const map = new Y.Map<unknown>();
    map.set(CLUSTER.title, cut(cluster.title, MAX_TITLE_CHARS));
    map.set(CLUSTER.areaId, area.id);
    map.set(CLUSTER.position, position);
    rootMap(doc, ROOT.clusters).set(cluster.id, map);
    let memberPosition: string | null = null;
    for (const noteId of cluster.noteIds) {
      const note = notesById.get(noteId);
      if (!note || clusterOf.get(noteId) !== cluster || seen.notes.has(noteId)) continue;
      memberPosition = keyBetween(memberPosition, null);
      writeNote(doc, note, area.id, memberPosition, cluster.id);
      seen.notes.add(noteId);
    }
  };
  for (const note of area.notes) {
    const cluster = clusterOf.get(note.id);
    if (cluster) {
      if (!placed.has(cluster.id)) placeCluster(cluster);
    } else if (!seen.notes.has(note.id)) {
      position = keyBetween(position, null);
      writeNote(doc, note, area.id, position, null);
      seen.notes.add(note.id);
    }
  }
  for (const cluster of clusters) if (!placed.has(cluster.id)) placeCluster(cluster);
}

function writeNote(doc: Y.Doc, note: ContentNote, areaId: string, position: string, clusterId: string | null): void {
  const kind: NoteKind = isNoteKind(note.kind) ? note.kind : 'idea';
  const map = new Y.Map<unknown>();
  map.set(NOTE_FIELD.text, new Y.Text(cut(note.text, MAX_NOTE_TEXT_CHARS)));
  map.set(NOTE_FIELD.areaId, areaId);
  map.set(NOTE_FIELD.kind, kind);
  if (note.colour && note.colour !== KIND_COLOURS[kind]) map.set(NOTE_FIELD.colour, note.colour);
  map.set(NOTE_FIELD.authorId, note.authorId);
  map.set(NOTE_FIELD.authorName, cut(note.authorName, MAX_NAME_CHARS));
  if (note.group) map.set(NOTE_FIELD.group, cut(note.group, MAX_NAME_CHARS));
  map.set(NOTE_FIELD.createdAt, note.createdAt);
  map.set(NOTE_FIELD.position, position);
  if (clusterId) map.set(NOTE_FIELD.clusterId, clusterId);
  rootMap(doc, ROOT.notes).set(note.id, map);
}

function cut(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}
