/** The workshop's fixed vocabularies: note kinds, phases, stakeholder groups. */

export const NOTE_KINDS = ['experience', 'need', 'idea', 'goal'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export function isNoteKind(value: unknown): value is NoteKind {
  return typeof value === 'string' && (NOTE_KINDS as readonly string[]).includes(value);
}

/**
 * Background colour per kind. Each keeps dark text (#1a1a1a) above 4.5:1 contrast, and the UI
 * always shows the kind as a label as well, so colour is never the only cue.
 */
export const KIND_COLOURS: Readonly<Record<NoteKind, string>> = {
  experience: '#cfe3ff',
  need: '#ffd8a8',
  idea: '#fff3a3',
  goal: '#c9f0c9',
};

export const PHASES = ['brainstorm', 'share', 'cluster', 'vote', 'results'] as const;
export type Phase = (typeof PHASES)[number];

export function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}

export const STAKEHOLDER_GROUPS = [
  'employees',
  'managers',
  'politicians',
  'business',
  'voluntary',
  'research',
  'citizens',
] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
