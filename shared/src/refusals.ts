/**
 * Why the server refuses a participant's change: the short English reason it sends in
 * MESSAGE_REFUSED (and as a close reason to clients that did not opt in). The client matches these
 * to show a translated reason, so both sides read them from here.
 */
export const REFUSAL = {
  settings: 'settings are changed through the facilitator controls only',
  unresolvable: 'the update writes to an unknown place',
  locked: 'the board is locked',
  meta: 'only the facilitator can change the board',
  areas: 'only the facilitator can change areas',
  unknownRoot: 'the update writes to an unknown part of the board',
  addNote: 'adding notes is not open',
  editNote: 'editing notes is not open',
  moveNote: 'moving notes is not open',
  clustering: 'grouping is not open',
  voting: 'voting is not open',
  forgedAuthor: 'a new note must have you as its author',
  fixedField: 'a note’s author and creation time cannot change',
  unknownField: 'the update writes to an unknown note field',
  replaceNote: 'a note cannot be replaced',
  othersNote: 'you can only edit your own notes',
  moveOthers: 'you can only move others’ notes while grouping',
  deleteOthers: 'you can only delete your own notes',
  voteUnidentified: 'voting needs a participant id',
  voteAsOther: 'you can only vote as yourself',
  unvoteOthers: 'you can only take back your own votes',
  notAVote: 'the update writes something that is not a vote',
  noteTooLong: 'a note’s text would be longer than the limit',
} as const;

export type RefusalKind = keyof typeof REFUSAL;
