/**
 * Who may write what: the server's check of every client update before the room applies it.
 *
 * The rules are those of shared/permissions.ts (`participantMay`), which the client uses to show
 * only what will be accepted, applied here to the paths an update writes (update-paths.ts):
 * - nobody writes the `settings` root over the websocket; the server does, for the facilitator's
 *   HTTP API (it needs the server's clock and must be validated);
 * - the facilitator may write everything else;
 * - a participant writes nothing on a locked board, never `meta` or `areas`; adds notes and edits,
 *   moves and deletes their own while the phase allows; moves anyone's note and edits clusters in
 *   the cluster phase; gives and takes back their own dots in the vote phase.
 *
 * A note is a participant's own when its `authorId` is their participant id, or when this
 * connection created it (unidentified participants have no id; the room remembers their notes).
 *
 * @example
 *   const verdict = checkWrite(room.doc, decoded, { role: 'participant', participantId }, readSettings(room.doc), own);
 *   if (!verdict.ok) refuse(verdict.reason);
 *   else for (const id of verdict.createdNoteIds) own.add(id);
 */
import type * as Y from 'yjs';
import {
  MAX_NOTE_TEXT_CHARS,
  NOTE_FIELD,
  NOTE_PLACEMENT_FIELDS,
  REFUSAL,
  ROOT,
  notesMap,
  participantMay,
  readNote,
  type BoardSettings,
  type ParticipantAction,
} from '@verksted/shared';
import type { DecodedUpdate } from '../relay/update-check.js';
import { listUpdateWrites, type UpdateWrite } from './update-paths.js';

/** Who sent an update. */
export interface WriteActor {
  role: 'facilitator' | 'participant';
  /** The participant id derived from the `p` parameter; null = unidentified (no `p` param). */
  participantId: string | null;
}

export type WriteVerdict = { ok: true; createdNoteIds: string[] } | { ok: false; reason: string };

/** Why a write is refused (shared with the client, which shows its own translated message). */
export { REFUSAL };

/** Content limits the policy enforces on every writer, the facilitator included. */
export interface WriteLimits {
  /** Longest note text, in UTF-16 code units (`String.length`); see config MAX_NOTE_TEXT_CHARS. */
  maxNoteTextChars: number;
}

const DEFAULT_WRITE_LIMITS: WriteLimits = { maxNoteTextChars: MAX_NOTE_TEXT_CHARS };

const refuse = (reason: string): WriteVerdict => ({ ok: false, reason });

/** Note fields whose value is fixed at creation. */
const FIXED_NOTE_FIELDS: ReadonlySet<string> = new Set([NOTE_FIELD.authorId, NOTE_FIELD.createdAt]);
const KNOWN_NOTE_FIELDS: ReadonlySet<string> = new Set(Object.values(NOTE_FIELD));

/**
 * Decides whether `actor` may apply `decoded` to `doc` (before it is applied). `ownNoteIds`: notes
 * this connection created in earlier accepted updates. On success, `createdNoteIds` lists the notes
 * this update creates, for the caller to add to `ownNoteIds`.
 */
export function checkWrite(
  doc: Y.Doc,
  decoded: DecodedUpdate,
  actor: WriteActor,
  settings: BoardSettings,
  ownNoteIds: ReadonlySet<string>,
  limits: WriteLimits = DEFAULT_WRITE_LIMITS,
): WriteVerdict {
  // Writes into garbage-collected content are dropped by Yjs: nothing to check.
  const writes = listUpdateWrites(doc, decoded).filter((w) => !w.collected);
  if (writes.length === 0) return { ok: true, createdNoteIds: [] };

  const notes = notesMap(doc);
  const created = new Set<string>();
  const deleted = new Set<string>();
  for (const write of writes) {
    const [root, noteId] = write.path;
    if (root !== ROOT.notes || write.path.length !== 2 || typeof noteId !== 'string') continue;
    if (write.kind === 'delete') deleted.add(noteId);
    else if (!notes.has(noteId)) created.add(noteId);
  }

  for (const write of writes) {
    if (write.path.length === 0) return refuse(REFUSAL.unresolvable);
    if (write.path[0] === ROOT.settings) return refuse(REFUSAL.settings);
  }
  if (exceedsNoteTextLimit(doc, writes, limits.maxNoteTextChars)) return refuse(REFUSAL.noteTooLong);
  if (actor.role === 'facilitator') return { ok: true, createdNoteIds: [...created] };
  if (settings.locked) return refuse(REFUSAL.locked);

  const ownership = new Map<string, boolean>(); // a sync step 2 can write to one note many times
  const context: ParticipantContext = {
    actor,
    settings,
    created,
    deleted,
    isOwn(noteId) {
      let own = ownership.get(noteId);
      if (own === undefined) {
        own =
          created.has(noteId) ||
          ownNoteIds.has(noteId) ||
          (actor.participantId !== null && readNote(doc, noteId)?.authorId === actor.participantId);
        ownership.set(noteId, own);
      }
      return own;
    },
  };
  for (const write of writes) {
    const reason = checkParticipantWrite(write, context);
    if (reason !== null) return refuse(reason);
  }
  return { ok: true, createdNoteIds: [...created] };
}

interface ParticipantContext {
  actor: WriteActor;
  settings: BoardSettings;
  /** Notes this update creates. */
  created: ReadonlySet<string>;
  /** Notes this update deletes. */
  deleted: ReadonlySet<string>;
  isOwn(noteId: string): boolean;
}

/** Why a participant may not make `write`, or null when they may. */
function checkParticipantWrite(write: UpdateWrite, context: ParticipantContext): string | null {
  const may = (action: ParticipantAction): boolean => participantMay(context.settings, action);
  const root = write.path[0];
  switch (root) {
    case ROOT.meta:
      return REFUSAL.meta;
    case ROOT.areas:
      return REFUSAL.areas;
    case ROOT.clusters:
      return may('cluster') ? null : REFUSAL.clustering;
    case ROOT.votes:
      return may('vote') ? checkVoteWrite(write, context.actor) : REFUSAL.voting;
    case ROOT.notes:
      return checkNoteWrite(write, context, may);
    default:
      return REFUSAL.unknownRoot;
  }
}

function checkNoteWrite(write: UpdateWrite, context: ParticipantContext, may: (action: ParticipantAction) => boolean): string | null {
  const noteId = write.path[1];
  if (typeof noteId !== 'string') return REFUSAL.unknownRoot;
  const own = context.isOwn(noteId);

  if (write.path.length === 2) {
    // The note's map itself.
    if (write.kind === 'delete') {
      if (!own) return REFUSAL.deleteOthers;
      return may('edit-own-note') ? null : REFUSAL.editNote;
    }
    if (!context.created.has(noteId)) return REFUSAL.replaceNote;
    return may('add-note') ? null : REFUSAL.addNote;
  }

  const field = write.path[2];
  if (context.created.has(noteId)) {
    // Covered by add-note (checked on the note's map), except who it claims to be by.
    if (field === NOTE_FIELD.authorId && write.kind === 'insert' && context.actor.participantId !== null) {
      const values = write.values ?? [];
      if (values.length === 0 || values.some((v) => v !== context.actor.participantId)) return REFUSAL.forgedAuthor;
    }
    return null;
  }
  // The note's own contents go with it when it is deleted; the delete of the note is what is checked.
  if (write.kind === 'delete' && context.deleted.has(noteId)) return null;

  if (typeof field !== 'string' || !KNOWN_NOTE_FIELDS.has(field)) return REFUSAL.unknownField;
  if (NOTE_PLACEMENT_FIELDS.has(field) && write.path.length === 3) {
    if (own && may('move-own-note')) return null;
    if (may('cluster')) return null;
    return own ? REFUSAL.moveNote : REFUSAL.moveOthers;
  }
  if (!own) return REFUSAL.othersNote;
  if (FIXED_NOTE_FIELDS.has(field)) return REFUSAL.fixedField;
  return may('edit-own-note') ? null : REFUSAL.editNote;
}

function checkVoteWrite(write: UpdateWrite, actor: WriteActor): string | null {
  // A deleted-content insert holds nothing and changes no vote.
  if (write.kind === 'insert' && write.content === 'deleted') return null;
  if (write.path.length !== 2 || write.path[1] !== null || (write.content !== 'any' && write.content !== 'json')) {
    return REFUSAL.notAVote;
  }
  if (actor.participantId === null) return REFUSAL.voteUnidentified;
  const values = write.values ?? [];
  const mine = values.length > 0 && values.every((v) => participantOf(v) === actor.participantId);
  if (mine) return null;
  return write.kind === 'insert' ? REFUSAL.voteAsOther : REFUSAL.unvoteOthers;
}

function participantOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>).participantId : undefined;
}

/**
 * True when the update would leave some note's text longer than `max`: its current length plus the
 * characters the update inserts into it, minus those it deletes. A note or text the update creates
 * or replaces starts from zero and only its inserts count (an upper bound: the deletes may be of the
 * old text). A text written as a plain string value is measured as it is.
 */
function exceedsNoteTextLimit(doc: Y.Doc, writes: readonly UpdateWrite[], max: number): boolean {
  const fresh = new Set<string>();
  const textWrites: UpdateWrite[] = [];
  for (const write of writes) {
    const [root, noteId, field] = write.path;
    if (root !== ROOT.notes || typeof noteId !== 'string') continue;
    if (write.path.length === 2) {
      if (write.kind === 'insert') fresh.add(noteId);
    } else if (field === NOTE_FIELD.text && write.path.length === 3) {
      if (write.kind !== 'insert') continue;
      fresh.add(noteId);
      if ((write.values ?? []).some((value) => typeof value === 'string' && value.length > max)) return true;
    } else if (field === NOTE_FIELD.text && write.path.length === 4 && write.content === 'string') {
      textWrites.push(write);
    }
  }
  const change = new Map<string, number>();
  for (const write of textWrites) {
    const noteId = write.path[1] as string;
    if (write.kind === 'delete' && fresh.has(noteId)) continue;
    change.set(noteId, (change.get(noteId) ?? 0) + (write.kind === 'insert' ? write.length : -write.length));
  }
  for (const [noteId, delta] of change) {
    if (delta <= 0) continue;
    const current = fresh.has(noteId) ? 0 : (readNote(doc, noteId)?.text.length ?? 0);
    if (current + delta > max) return true;
  }
  return false;
}
