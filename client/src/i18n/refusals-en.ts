/**
 * English strings of the `refusals` namespace: why the server refused a change (see
 * `sync/refusal-reason.ts`). Loaded only when a change is refused. Each completes the sentence
 * “That change could not be saved: …”. `refusals-nb.ts` must have the same keys.
 */
import type { Widen } from './en';

export const refusalsEn = {
  reason: {
    settings: 'only the facilitator controls can change the settings',
    unresolvable: 'it writes to an unknown place',
    locked: 'the board is locked',
    meta: 'only the facilitator can change the board',
    areas: 'only the facilitator can change areas',
    unknownRoot: 'it writes to an unknown part of the board',
    addNote: 'adding notes is not open now',
    editNote: 'editing notes is not open now',
    moveNote: 'moving notes is not open now',
    clustering: 'grouping is not open now',
    voting: 'voting is not open now',
    forgedAuthor: 'a new note must have you as its author',
    fixedField: 'a note’s author and time cannot change',
    unknownField: 'it writes to an unknown part of a note',
    replaceNote: 'a note cannot be replaced',
    othersNote: 'you can only edit your own notes',
    moveOthers: 'you can only move others’ notes while grouping',
    deleteOthers: 'you can only delete your own notes',
    voteUnidentified: 'voting needs a participant id',
    voteAsOther: 'you can only vote as yourself',
    unvoteOthers: 'you can only take back your own dots',
    notAVote: 'it writes something that is not a dot',
    noteTooLong: 'the note’s text would be longer than the limit',
  },
} as const;

export type RefusalMessages = Widen<typeof refusalsEn>;
