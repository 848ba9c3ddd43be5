/**
 * Dot voting. Every dot is one entry `{ participantId, noteId }` appended to the board document's
 * `votes` array, so a participant's dots keep the order they were given in. While the votes are
 * secret (vote phase, not yet revealed) the server relays each participant's entries to nobody but
 * that participant and the facilitator. Counting takes each participant's earliest `budget` dots
 * only, whatever a modified client stored, so the budget holds for counts, ranking and exports.
 */
import * as Y from 'yjs';
import { ROOT, str } from './schema-keys.js';
import type { BoardView, Note } from './board-schema.js';

/** One dot as stored. */
export interface Vote {
  participantId: string;
  noteId: string;
}

function votesArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray(ROOT.votes);
}

function toVote(value: unknown): Vote | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  const participantId = str(raw.participantId);
  const noteId = str(raw.noteId);
  return participantId && noteId ? { participantId, noteId } : null;
}

/** Every dot on the board this document knows, in order. */
export function readAllVotes(doc: Y.Doc): Vote[] {
  return votesArray(doc)
    .toArray()
    .map(toVote)
    .filter((v): v is Vote => v !== null);
}

/** Dots per participant, each list earliest first. */
export function readBallots(doc: Y.Doc): Map<string, string[]> {
  const ballots = new Map<string, string[]>();
  for (const vote of readAllVotes(doc)) {
    const ballot = ballots.get(vote.participantId);
    if (ballot) ballot.push(vote.noteId);
    else ballots.set(vote.participantId, [vote.noteId]);
  }
  return ballots;
}

/** One participant's dots: a note id per dot, earliest first. */
export function readBallot(doc: Y.Doc, participantId: string): string[] {
  return readBallots(doc).get(participantId) ?? [];
}

/**
 * Gives a dot to a note, if the budget allows. Returns false (and changes nothing) when all
 * `budget` dots are used.
 */
export function addVote(doc: Y.Doc, participantId: string, noteId: string, budget: number, origin?: unknown): boolean {
  if (readBallot(doc, participantId).length >= budget) return false;
  doc.transact(() => votesArray(doc).push([{ participantId, noteId }]), origin);
  return true;
}

/** Takes back the participant's latest dot on a note. Returns false if there was none. */
export function removeVote(doc: Y.Doc, participantId: string, noteId: string, origin?: unknown): boolean {
  const entries = votesArray(doc).toArray();
  for (let i = entries.length - 1; i >= 0; i--) {
    const vote = toVote(entries[i]);
    if (vote && vote.participantId === participantId && vote.noteId === noteId) {
      doc.transact(() => votesArray(doc).delete(i, 1), origin);
      return true;
    }
  }
  return false;
}

export function observeVotes(doc: Y.Doc, callback: () => void): () => void {
  const votes = votesArray(doc);
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

/** The board's tallies as everyone who can see the votes counts them. */
export function readTallies(doc: Y.Doc, budget: number): Map<string, number> {
  return tallyVotes(readBallots(doc).values(), budget);
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
