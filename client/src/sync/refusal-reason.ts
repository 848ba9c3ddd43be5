/**
 * Why the server refused a change (MESSAGE_REFUSED carries a short English reason). People read
 * a translated reason instead: the server's reasons are matched here and translated through the
 * `refusals` namespace, loaded only when a change is refused. An unknown reason is not shown
 * (the banner then says only that the change could not be saved).
 *
 * The strings mirror `REFUSAL` in server/src/policy/write-policy.ts. TODO(server): send a stable
 * reason code instead of English, so this table can go.
 */
export const REFUSAL_REASONS = {
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

export type RefusalReason = keyof typeof REFUSAL_REASONS;

const BY_TEXT: ReadonlyMap<string, RefusalReason> = new Map(
  (Object.entries(REFUSAL_REASONS) as [RefusalReason, string][]).map(([key, text]) => [text, key]),
);

/** The known reason a refusal message stands for, or null. */
export function refusalReason(message: string): RefusalReason | null {
  return BY_TEXT.get(message.trim()) ?? null;
}
