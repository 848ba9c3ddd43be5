import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addArea,
  addNote,
  addVote,
  deleteNote,
  groupNotes,
  initBoard,
  moveNote,
  readAreas,
  readSettings,
  removeVote,
  setBoardTitle,
  updateNote,
  updateSettings,
  NOTE_FIELD,
  ROOT,
  type SettingsPatch,
} from '@verksted/shared';
import { REFUSAL, checkWrite, type WriteActor, type WriteVerdict } from './write-policy.js';
import { captureUpdate as capture, forgedCycleUpdate } from '../../test/updates.js';

const FACILITATOR: WriteActor = { role: 'facilitator', participantId: null };
const KARI: WriteActor = { role: 'participant', participantId: 'kari' };
const OLA: WriteActor = { role: 'participant', participantId: 'ola' };
const ANONYMOUS: WriteActor = { role: 'participant', participantId: null };

/**
 * A board as the server holds it (created by the facilitator with initBoard, settings written by
 * the server), one participant's peer synced to it, and a note by "ola".
 */
function setup(settings: SettingsPatch = {}) {
  const server = new Y.Doc();
  initBoard(server, { title: 'Workshop', template: 'retrospective' });
  const areaIds = readAreas(server).map((a) => a.id);
  const olasNote = addNote(server, { areaId: areaIds[0]!, text: 'Olas idé', kind: 'idea', authorId: 'ola', authorName: 'Ola' });
  if (Object.keys(settings).length > 0) updateSettings(server, settings);
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(server));

  /**
   * Checks a change, made on a participant's copy freshly synced from the server, as the server
   * would; applies it to the server when accepted (so a refused change leaves nothing behind).
   */
  function attempt(actor: WriteActor, change: (doc: Y.Doc) => void, ownNoteIds: ReadonlySet<string> = new Set()): WriteVerdict {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    const update = capture(doc, () => change(doc));
    const verdict = checkWrite(server, Y.decodeUpdate(update), actor, readSettings(server), ownNoteIds);
    if (verdict.ok) Y.applyUpdate(server, update);
    return verdict;
  }

  /** The server changes settings, and the peer hears of it. */
  function serverSets(patch: SettingsPatch): void {
    updateSettings(server, patch);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(server, Y.encodeStateVector(peer)));
  }

  const newNote = (doc: Y.Doc, authorId: string): string =>
    addNote(doc, { areaId: areaIds[0]!, text: 'Ny lapp', kind: 'need', authorId, authorName: 'Kari' });

  return { server, peer, areaIds, olasNote, attempt, serverSets, newNote };
}

const refused = (reason: string): WriteVerdict => ({ ok: false, reason });

describe('checkWrite: settings and the facilitator', () => {
  it('refuses a settings write over the websocket, from the facilitator too', () => {
    const { attempt } = setup();
    expect(attempt(FACILITATOR, (doc) => updateSettings(doc, { phase: 'vote' }))).toEqual(refused(REFUSAL.settings));
    expect(attempt(KARI, (doc) => updateSettings(doc, { locked: false }))).toEqual(refused(REFUSAL.settings));
  });

  it('lets the facilitator change the title and areas, edit, move and delete anyone’s notes, also on a locked board', () => {
    const { attempt, olasNote, areaIds } = setup({ locked: true, phase: 'vote' });
    expect(attempt(FACILITATOR, (doc) => setBoardTitle(doc, 'Ny tittel')).ok).toBe(true);
    expect(attempt(FACILITATOR, (doc) => addArea(doc, { title: 'Mer' })).ok).toBe(true);
    expect(attempt(FACILITATOR, (doc) => updateNote(doc, olasNote, { text: 'Rettet' })).ok).toBe(true);
    expect(attempt(FACILITATOR, (doc) => moveNote(doc, olasNote, { areaId: areaIds[1]!, index: 0 })).ok).toBe(true);
    expect(attempt(FACILITATOR, (doc) => deleteNote(doc, olasNote)).ok).toBe(true);
  });

  it('refuses an update whose inserts cannot be placed, from the facilitator too', () => {
    const { server } = setup();
    for (const actor of [FACILITATOR, KARI]) {
      expect(checkWrite(server, Y.decodeUpdate(forgedCycleUpdate()), actor, readSettings(server), new Set())).toEqual(refused(REFUSAL.unresolvable));
    }
  });

  it('reports the notes the facilitator creates', () => {
    const { attempt, newNote } = setup();
    let id = '';
    expect(attempt(FACILITATOR, (doc) => (id = newNote(doc, 'facilitator')))).toEqual({ ok: true, createdNoteIds: [id] });
  });

  it('accepts a sync step 2 that only repeats what the server has, even on a locked board', () => {
    const { server, peer, serverSets } = setup({ phase: 'brainstorm' });
    serverSets({ phase: 'share' });
    serverSets({ locked: true });
    // The stock provider's answer to sync step 1 carries the whole delete set, settings included.
    const step2 = Y.encodeStateAsUpdate(peer, Y.encodeStateVector(server));
    expect(checkWrite(server, Y.decodeUpdate(step2), KARI, readSettings(server), new Set())).toEqual({ ok: true, createdNoteIds: [] });
  });

  it('accepts an edit of a note the server has deleted and collected (Yjs drops it)', () => {
    const { server, peer, newNote } = setup();
    const id = newNote(peer, 'kari');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(server)));
    deleteNote(server, id);
    const offline = capture(peer, () => updateNote(peer, id, { text: 'skrevet offline' }));
    expect(checkWrite(server, Y.decodeUpdate(offline), KARI, readSettings(server), new Set([id]))).toEqual({ ok: true, createdNoteIds: [] });
  });
});

describe('checkWrite: participants', () => {
  it('refuses changes to the board title and to areas', () => {
    const { attempt } = setup();
    expect(attempt(KARI, (doc) => setBoardTitle(doc, 'Min tavle'))).toEqual(refused(REFUSAL.meta));
    expect(attempt(KARI, (doc) => addArea(doc, { title: 'Mitt område' }))).toEqual(refused('only the facilitator can change areas'));
  });

  it('refuses a write to a root the board does not have', () => {
    const { attempt } = setup();
    expect(attempt(KARI, (doc) => doc.getMap('extra').set('x', 1))).toEqual(refused(REFUSAL.unknownRoot));
  });

  it('refuses everything from participants while the board is locked', () => {
    const { attempt, newNote, olasNote } = setup({ locked: true, phase: 'cluster' });
    expect(attempt(KARI, (doc) => newNote(doc, 'kari'))).toEqual(refused('the board is locked'));
    expect(attempt(OLA, (doc) => updateNote(doc, olasNote, { text: 'endret' }))).toEqual(refused('the board is locked'));
    expect(attempt(OLA, (doc) => groupNotes(doc, [olasNote]))).toEqual(refused('the board is locked'));
    expect(attempt(ANONYMOUS, (doc) => newNote(doc, 'x'))).toEqual(refused('the board is locked'));
  });

  describe('notes', () => {
    it('lets a participant add a note as its author and reports it as created', () => {
      const { attempt, newNote } = setup();
      let id = '';
      expect(attempt(KARI, (doc) => (id = newNote(doc, 'kari')))).toEqual({ ok: true, createdNoteIds: [id] });
    });

    it('refuses a new note with someone else’s authorId', () => {
      const { attempt, newNote } = setup();
      expect(attempt(KARI, (doc) => newNote(doc, 'ola'))).toEqual(refused(REFUSAL.forgedAuthor));
    });

    it('lets an unidentified participant add a note with any authorId', () => {
      const { attempt, newNote } = setup();
      expect(attempt(ANONYMOUS, (doc) => newNote(doc, 'local-123')).ok).toBe(true);
    });

    it('refuses new notes outside the phases that allow them', () => {
      const { attempt, newNote } = setup({ phase: 'vote' });
      expect(attempt(KARI, (doc) => newNote(doc, 'kari'))).toEqual(refused(REFUSAL.addNote));
    });

    it('lets a participant edit the text and kind of their own note, also one made on another connection', () => {
      const { attempt, server } = setup();
      const id = addNote(server, { areaId: readAreas(server)[0]!.id, text: 'fra mobilen', kind: 'idea', authorId: 'kari', authorName: 'Kari' });
      expect(attempt(KARI, (doc) => updateNote(doc, id, { text: 'fra laptopen', kind: 'goal' })).ok).toBe(true);
    });

    it('refuses editing the text or kind of another participant’s note', () => {
      const { attempt, olasNote } = setup();
      expect(attempt(KARI, (doc) => updateNote(doc, olasNote, { text: 'Karis versjon' }))).toEqual(refused('you can only edit your own notes'));
      expect(attempt(KARI, (doc) => updateNote(doc, olasNote, { kind: 'goal' }))).toEqual(refused('you can only edit your own notes'));
    });

    it('refuses changing the author of one’s own note after it was created', () => {
      const { attempt, olasNote } = setup();
      expect(attempt(OLA, (doc) => doc.getMap<Y.Map<unknown>>(ROOT.notes).get(olasNote)!.set(NOTE_FIELD.authorId, 'kari'))).toEqual(refused(REFUSAL.fixedField));
    });

    it('refuses edits of own notes once the phase no longer allows them', () => {
      const { attempt, olasNote } = setup({ phase: 'vote' });
      expect(attempt(OLA, (doc) => updateNote(doc, olasNote, { text: 'for sent' }))).toEqual(refused(REFUSAL.editNote));
    });

    it('lets a participant move their own note to another area', () => {
      const { attempt, olasNote, areaIds } = setup();
      expect(attempt(OLA, (doc) => moveNote(doc, olasNote, { areaId: areaIds[1]!, index: 0 })).ok).toBe(true);
    });

    it('lets a participant move another’s note only in the cluster phase', () => {
      const { attempt, olasNote, areaIds, serverSets } = setup({ phase: 'share' });
      const move = (doc: Y.Doc): void => moveNote(doc, olasNote, { areaId: areaIds[1]!, index: 0 });
      expect(attempt(KARI, move)).toEqual(refused(REFUSAL.moveOthers));
      serverSets({ phase: 'cluster' });
      expect(attempt(KARI, move).ok).toBe(true);
    });

    it('refuses editing another’s text even in the cluster phase', () => {
      const { attempt, olasNote } = setup({ phase: 'cluster' });
      expect(attempt(KARI, (doc) => updateNote(doc, olasNote, { text: 'x' }))).toEqual(refused(REFUSAL.othersNote));
    });

    it('lets a participant delete their own note but not another’s', () => {
      const { attempt, olasNote, newNote } = setup();
      let mine = '';
      expect(attempt(KARI, (doc) => (mine = newNote(doc, 'kari'))).ok).toBe(true);
      expect(attempt(KARI, (doc) => deleteNote(doc, olasNote))).toEqual(refused('you can only delete your own notes'));
      expect(attempt(KARI, (doc) => deleteNote(doc, mine)).ok).toBe(true);
    });

    it('refuses replacing another’s note with a new map under the same id', () => {
      const { attempt, olasNote } = setup();
      expect(attempt(KARI, (doc) => doc.getMap(ROOT.notes).set(olasNote, new Y.Map()))).toEqual(refused(REFUSAL.replaceNote));
    });

    it('lets an unidentified participant edit a note it created (ownNoteIds) but not others’', () => {
      const { attempt, olasNote, newNote } = setup();
      let id = '';
      const created = attempt(ANONYMOUS, (doc) => (id = newNote(doc, 'device-1')));
      expect(created).toEqual({ ok: true, createdNoteIds: [id] });
      const own = new Set(created.ok ? created.createdNoteIds : []);
      expect(attempt(ANONYMOUS, (doc) => updateNote(doc, id, { text: 'endret' }), own).ok).toBe(true);
      // Without the room's memory of it, the same edit is someone else's.
      expect(attempt(ANONYMOUS, (doc) => updateNote(doc, id, { text: 'igjen' }))).toEqual(refused(REFUSAL.othersNote));
      expect(attempt(ANONYMOUS, (doc) => updateNote(doc, olasNote, { text: 'endret' }), own)).toEqual(refused(REFUSAL.othersNote));
    });
  });

  describe('clusters', () => {
    it('lets participants group anyone’s notes in the cluster phase only', () => {
      const { attempt, olasNote, serverSets } = setup({ phase: 'share' });
      expect(attempt(KARI, (doc) => groupNotes(doc, [olasNote], { title: 'Data' }))).toEqual(refused(REFUSAL.clustering));
      serverSets({ phase: 'cluster' });
      expect(attempt(KARI, (doc) => groupNotes(doc, [olasNote], { title: 'Data' })).ok).toBe(true);
    });
  });

  describe('votes', () => {
    it('lets a participant give and take back their own dots in the vote phase', () => {
      const { attempt, olasNote } = setup({ phase: 'vote' });
      expect(attempt(KARI, (doc) => addVote(doc, 'kari', olasNote, 5)).ok).toBe(true);
      expect(attempt(KARI, (doc) => removeVote(doc, 'kari', olasNote)).ok).toBe(true);
    });

    it('refuses dots outside the vote phase', () => {
      const { attempt, olasNote } = setup({ phase: 'share' });
      expect(attempt(KARI, (doc) => addVote(doc, 'kari', olasNote, 5))).toEqual(refused('voting is not open'));
    });

    it('refuses a dot in another participant’s name, also hidden in a run of own dots', () => {
      const { attempt, olasNote } = setup({ phase: 'vote' });
      expect(attempt(KARI, (doc) => addVote(doc, 'ola', olasNote, 5))).toEqual(refused(REFUSAL.voteAsOther));
      const run = (doc: Y.Doc): void => {
        doc.getArray(ROOT.votes).push([
          { participantId: 'kari', noteId: olasNote },
          { participantId: 'ola', noteId: olasNote },
        ]);
      };
      expect(attempt(KARI, run)).toEqual(refused(REFUSAL.voteAsOther));
    });

    it('refuses dots from an unidentified participant', () => {
      const { attempt, olasNote } = setup({ phase: 'vote' });
      expect(attempt(ANONYMOUS, (doc) => addVote(doc, '', olasNote, 5))).toEqual(refused(REFUSAL.voteUnidentified));
    });

    it('refuses taking back another participant’s dot', () => {
      const { attempt, olasNote } = setup({ phase: 'vote' });
      expect(attempt(OLA, (doc) => addVote(doc, 'ola', olasNote, 5)).ok).toBe(true);
      expect(attempt(KARI, (doc) => removeVote(doc, 'ola', olasNote))).toEqual(refused(REFUSAL.unvoteOthers));
    });
  });
});
