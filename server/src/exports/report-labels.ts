/**
 * Words of the reports, in the board's language (bokmål or English). Stakeholder group ids get
 * their names; a facilitator's own group labels are shown as they are.
 */
import type { Language, NoteKind, Phase, StakeholderGroup } from '@verksted/shared';

/** The words one report language needs. */
export interface ReportLabels {
  kinds: Readonly<Record<NoteKind, string>>;
  phases: Readonly<Record<Phase, string>>;
  groups: Readonly<Record<StakeholderGroup, string>>;
  noGroup: string;
  exported: string;
  snapshot: string;
  phase: string;
  notes: string;
  votes: string;
  /** Lower case, after a number: "1 stemme", "2 stemmer". */
  voteCount: (n: number) => string;
  votesPerParticipant: string;
  cluster: string;
  anonymous: string;
  byGroup: string;
  group: string;
  votesByGroup: string;
  noNotes: string;
  workshops: string;
  workshop: string;
  unmatchedAreas: string;
  author: string;
  created: string;
  area: string;
  kind: string;
  text: string;
}

const NB: ReportLabels = {
  kinds: { experience: 'Erfaring', need: 'Behov', idea: 'Idé', goal: 'Mål' },
  phases: { brainstorm: 'Idémyldring', share: 'Deling', cluster: 'Gruppering', vote: 'Stemming', results: 'Resultater' },
  groups: {
    employees: 'Ansatte',
    managers: 'Ledere',
    politicians: 'Politikere',
    business: 'Næringsliv',
    voluntary: 'Frivillighet',
    research: 'Forskning og utdanning',
    citizens: 'Innbyggere',
  },
  noGroup: 'Ingen gruppe',
  exported: 'Eksportert',
  snapshot: 'Øyeblikksbilde',
  phase: 'Fase',
  notes: 'Lapper',
  votes: 'Stemmer',
  voteCount: (n) => `${n} ${n === 1 ? 'stemme' : 'stemmer'}`,
  votesPerParticipant: 'stemmer per deltaker',
  cluster: 'Gruppe',
  anonymous: 'Anonym tavle: forfattere vises ikke.',
  byGroup: 'Lapper per interessentgruppe',
  group: 'Interessentgruppe',
  votesByGroup: 'stemmer per gruppe',
  noNotes: 'Ingen lapper.',
  workshops: 'Verksteder',
  workshop: 'Verksted',
  unmatchedAreas: 'Områder som bare finnes i ett verksted',
  author: 'Forfatter',
  created: 'Opprettet',
  area: 'Område',
  kind: 'Type',
  text: 'Tekst',
};

const EN: ReportLabels = {
  kinds: { experience: 'Experience', need: 'Need', idea: 'Idea', goal: 'Goal' },
  phases: { brainstorm: 'Brainstorm', share: 'Share', cluster: 'Cluster', vote: 'Vote', results: 'Results' },
  groups: {
    employees: 'Employees',
    managers: 'Managers',
    politicians: 'Politicians',
    business: 'Business',
    voluntary: 'Voluntary sector',
    research: 'Research and education',
    citizens: 'Citizens',
  },
  noGroup: 'No group',
  exported: 'Exported',
  snapshot: 'Snapshot',
  phase: 'Phase',
  notes: 'Notes',
  votes: 'Votes',
  voteCount: (n) => `${n} ${n === 1 ? 'vote' : 'votes'}`,
  votesPerParticipant: 'votes per participant',
  cluster: 'Group',
  anonymous: 'Anonymous board: authors are not shown.',
  byGroup: 'Notes per stakeholder group',
  group: 'Stakeholder group',
  votesByGroup: 'votes by group',
  noNotes: 'No notes.',
  workshops: 'Workshops',
  workshop: 'Workshop',
  unmatchedAreas: 'Areas found in one workshop only',
  author: 'Author',
  created: 'Created',
  area: 'Area',
  kind: 'Kind',
  text: 'Text',
};

/** The labels of a language. */
export function labelsFor(language: Language): ReportLabels {
  return language === 'en' ? EN : NB;
}

/** The display name of a stakeholder group (an id of STAKEHOLDER_GROUPS, a custom label, or none). */
export function groupName(labels: ReportLabels, group: string | null): string {
  if (group === null) return labels.noGroup;
  return Object.hasOwn(labels.groups, group) ? labels.groups[group as StakeholderGroup] : group;
}
