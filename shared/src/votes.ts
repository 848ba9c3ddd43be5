/**
 * Dot voting. A participant's dots live in their own private document (root `votes`, one note id
 * per dot, in the order given), so nobody else receives them. The server counts every ballot,
 * taking only each participant's first `budget` dots whatever a modified client stored, and
 * writes the tallies into the board document when the facilitator reveals them.
 */
import * as Y from 'yjs';
import { ROOT, num, rootMap } from './schema-keys.js';
import type { BoardView, Note } from './board-schema.js';

function votesArray(privateDoc: Y.Doc): Y.Array<unknown> {
  return privateDoc.getArray(ROOT.votes);
}

/** One participant's dots: a note id per dot, earliest first. */
export function readVotes(privateDoc: Y.Doc): string[] {
  return votesArray(privateDoc)
    .toArray()
    .filter((v): v is string => typeof v === 'string');
}

/**
 * Gives a dot to a note, if the budget allows. Returns false (and changes nothing) when all
 * `budget` dots are used.
 */
export function addVote(privateDoc: Y.Doc, noteId: string, budget: number, origin?: unknown): boolean {
  if (readVotes(privateDoc).length >= budget) return false;
  privateDoc.transact(() => votesArray(privateDoc).push([noteId]), origin);
  return true;
}

/** Takes back the latest dot given to a note. Returns false if the note had none. */
export function removeVote(privateDoc: Y.Doc, noteId: string, origin?: unknown): boolean {
  const votes = votesArray(privateDoc).toArray();
  const index = votes.lastIndexOf(noteId);
  if (index < 0) return false;
  privateDoc.transact(() => votesArray(privateDoc).delete(index, 1), origin);
  return true;
}

export function observeVotes(privateDoc: Y.Doc, callback: () => void): () => void {
  const votes = votesArray(privateDoc);
  const handler = (): void => callback();
  votes.observe(handler);
  return () => votes.unobserve(handler);
}

/** Dots per note over all ballots, each ballot counted up to `budget` dots (earliest first). */
export function tallyVotes(ballots: Iterable<readonly string[]>, budget: number): Map<string, number> {
  const tallies = new Map<string, number>();
  for (const ballot of ballots) {
    for (const noteId of ballot.slice(0, Math.max(0, budget))) tallies.set(noteId, (tallies.get(noteId) ?? 0) + 1);
  }
  return tallies;
}

function talliesMap(doc: Y.Doc): Y.Map<unknown> {
  return rootMap(doc, ROOT.tallies);
}

/** Replaces the revealed tallies on the board (server only), touching only counts that changed. */
export function writeTallies(doc: Y.Doc, tallies: ReadonlyMap<string, number>, origin?: unknown): void {
  const map = talliesMap(doc);
  doc.transact(() => {
    for (const key of [...map.keys()]) if (!tallies.has(key)) map.delete(key);
    for (const [noteId, count] of tallies) if (map.get(noteId) !== count) map.set(noteId, count);
  }, origin);
}

/** Revealed tallies (empty until the facilitator reveals the votes). */
export function readTallies(doc: Y.Doc): Map<string, number> {
  const tallies = new Map<string, number>();
  talliesMap(doc).forEach((count, noteId) => tallies.set(noteId, num(count)));
  return tallies;
}

export function observeTallies(doc: Y.Doc, callback: () => void): () => void {
  const map = talliesMap(doc);
  const handler = (): void => callback();
  map.observe(handler);
  return () => map.unobserve(handler);
}

export type RankedItem =
  | { type: 'note'; id: string; votes: number; note: Note }
  | { type: 'cluster'; id: string; title: string; votes: number; notes: Note[] };

export interface RankedArea {
  areaId: string;
  title: string;
  items: RankedItem[];
}

/**
 * Each area's notes and clusters ranked by votes (a cluster counts its notes' votes together),
 * most first; ties keep board order.
 */
export function rankBoard(board: BoardView, tallies: ReadonlyMap<string, number>): RankedArea[] {
  return board.areas.map((area) => {
    const byId = new Map(area.notes.map((n) => [n.id, n]));
    const clustered = new Set(area.clusters.flatMap((c) => c.noteIds));
    const items: RankedItem[] = [];
    for (const cluster of area.clusters) {
      const notes = cluster.noteIds.map((id) => byId.get(id)).filter((n): n is Note => n !== undefined);
      const votes = notes.reduce((sum, n) => sum + (tallies.get(n.id) ?? 0), 0);
      items.push({ type: 'cluster', id: cluster.id, title: cluster.title, votes, notes });
    }
    for (const note of area.notes) {
      if (!clustered.has(note.id)) items.push({ type: 'note', id: note.id, votes: tallies.get(note.id) ?? 0, note });
    }
    const order = new Map(area.notes.map((n, i) => [n.id, i]));
    const firstIndex = (item: RankedItem): number =>
      item.type === 'note' ? order.get(item.id) ?? 0 : Math.min(...item.notes.map((n) => order.get(n.id) ?? 0), Infinity);
    items.sort((a, b) => b.votes - a.votes || firstIndex(a) - firstIndex(b));
    return { areaId: area.id, title: area.title, items };
  });
}
