/**
 * Checks on a client's Yjs update before the room applies it.
 *
 * Yjs keeps an update whose dependencies are missing as "pending" and waits for them forever; a
 * server that stored such an update would re-serve it to every joiner and never integrate it. So
 * the room refuses any update that references a struct or clock it does not have, counting what
 * earlier structs of the same update provide.
 */
import * as Y from 'yjs';
import { CLOSE, ROOT, countNotes } from '@verksted/shared';
import { RelayError } from '../errors.js';
import type { Logger } from '../logger.js';

/** The result of `Y.decodeUpdate`. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Returns why `update` cannot be integrated into `doc` right now, or null when every dependency
 * is present. Rules:
 * - a client's structs must start at or before the clock the document (plus this update) has for it;
 * - an item's origin, right origin and parent id must be known: for another client, below the
 *   clock available for that client; for the item's own client, below the item's own clock;
 * - every delete range must lie within known clocks.
 */
export function findMissingDependency(doc: Y.Doc, decoded: DecodedUpdate): string | null {
  // Pass 1: how far each client's clock reaches with this update's contiguous structs.
  const available = new Map<number, number>();
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id;
    const known = available.get(client) ?? Y.getState(doc.store, client);
    if (struct instanceof Y.Skip) {
      // A hole: later structs of this client start beyond it and are caught below.
      available.set(client, known);
      continue;
    }
    if (clock > known) return `struct ${client}:${clock} starts after known clock ${known}`;
    available.set(client, Math.max(known, clock + struct.length));
  }
  const reach = (client: number): number => available.get(client) ?? Y.getState(doc.store, client);

  // Pass 2: references.
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const self = struct.id;
    const refs: (Y.ID | null)[] = [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null];
    for (const ref of refs) {
      if (ref === null) continue;
      const limit = ref.client === self.client ? self.clock : reach(ref.client);
      if (ref.clock >= limit) return `item ${self.client}:${self.clock} references unknown ${ref.client}:${ref.clock}`;
    }
  }

  // Deletes.
  for (const [client, ranges] of decoded.ds.clients) {
    const limit = reach(client);
    for (const range of ranges) {
      if (range.clock + range.len > limit) return `delete ${client}:${range.clock}+${range.len} beyond known clock ${limit}`;
    }
  }
  return null;
}

/**
 * How many notes the update would add at most: items that set a key of the root `notes` map that
 * the document does not have. (A key set again after a delete is not counted; clients use fresh ids.)
 */
export function countNewNoteKeys(doc: Y.Doc, decoded: DecodedUpdate): number {
  let notes: Y.Map<unknown> | null = null;
  const seen = new Set<string>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) || (struct.parent as unknown) !== ROOT.notes || struct.parentSub === null) continue;
    notes ??= doc.getMap(ROOT.notes);
    if (!notes.has(struct.parentSub)) seen.add(struct.parentSub);
  }
  return seen.size;
}

/**
 * Decodes `update` and throws a RelayError unless it may be applied to `doc`: it must decode (badMessage), have
 * every dependency (missingDependencies) and not add notes past `maxNotes` (boardFull).
 */
export function assertUpdateAdmissible(doc: Y.Doc, update: Uint8Array, maxNotes: number, log: Logger): DecodedUpdate {
  let decoded: DecodedUpdate;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw new RelayError(CLOSE.badMessage, 'undecodable update');
  }
  const missing = findMissingDependency(doc, decoded);
  if (missing !== null) {
    log.warn({ detail: missing }, 'update with missing dependencies');
    throw new RelayError(CLOSE.missingDependencies, 'update depends on changes the server does not have');
  }
  const newNotes = countNewNoteKeys(doc, decoded);
  if (newNotes > 0 && countNotes(doc) + newNotes > maxNotes) {
    throw new RelayError(CLOSE.boardFull, 'the board has too many notes');
  }
  return decoded;
}
