/**
 * The `verksted.board` export (version 1): a board's document as plain, re-importable JSON. It is
 * also the model the Markdown and CSV reports and the roll-up are rendered from.
 *
 * Version 1 is a public contract: fields are only ever added. Added since the first version:
 * `settings`, `view`, `snapshot`, `dots`, per area `clusters`, per note `clusterId` and `votes`.
 */
import type * as Y from 'yjs';
import {
  readAllVotes,
  readBoard,
  readSettings,
  readTallies,
  type Language,
  type NoteKind,
  type Phase,
  type TemplateId,
} from '@verksted/shared';
import type { SnapshotMeta } from '../persistence/snapshot-meta.js';

export const EXPORT_FORMAT = 'verksted.board';
export const EXPORT_VERSION = 1;

/** Who a download was made for: the facilitator sees everything; a participant what they may see. */
export type ExportView = 'facilitator' | 'participant';

export interface ExportedNote {
  id: string;
  text: string;
  kind: NoteKind;
  colour: string;
  /** '' when authors are hidden (anonymous board, downloaded by a participant). */
  authorId: string;
  /** '' when authors are hidden. */
  authorName: string;
  /** The author's stakeholder group, or null. */
  group: string | null;
  /** Ms since epoch. */
  createdAt: number;
  /** The cluster the note is in, or null. */
  clusterId: string | null;
  /** Dots on the note, each participant's counted up to the vote budget. */
  votes: number;
}

export interface ExportedCluster {
  id: string;
  title: string;
  /** In order. */
  noteIds: string[];
  /** Sum of its notes' votes. */
  votes: number;
}

export interface ExportedArea {
  id: string;
  title: string;
  description: string;
  /** In board order (a cluster's notes where the cluster shows). */
  notes: ExportedNote[];
  clusters: ExportedCluster[];
}

/** The facilitator's settings that belong to the content. */
export interface ExportedSettings {
  phase: Phase;
  voteBudget: number;
  votesRevealed: boolean;
  anonymous: boolean;
  stakeholderGroups: string[];
  participantDownloads: boolean;
}

/** One dot, in the order given. */
export interface ExportedDot {
  /** The voter's participant id; `voter-<n>` when authors are hidden. */
  participantId: string;
  noteId: string;
  /** The voter's stakeholder group as given on their notes; null if unknown. */
  group: string | null;
}

/** The whole file. `exportedAt` is an ISO 8601 timestamp; `createdAt` values are ms since epoch. */
export interface BoardExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  board: { id: string; title: string; template: TemplateId; language: Language; createdAt: number };
  settings: ExportedSettings;
  view: ExportView;
  /** Present when the file is a snapshot's. */
  snapshot?: SnapshotMeta;
  areas: ExportedArea[];
  dots: ExportedDot[];
}

/** What to export and for whom. */
export interface ExportInput {
  boardId: string;
  /** The document the requester may see: the full one, or the room's participant view. */
  doc: Y.Doc;
  /** Ms since epoch. */
  exportedAt: number;
  view: ExportView;
  /** Leave authors out (an anonymous board downloaded by a participant). */
  hideAuthors: boolean;
  snapshot?: SnapshotMeta;
}

/**
 * Builds the export of a board's document.
 * @example
 *   const file = exportBoard({ boardId, doc: room.doc, exportedAt: Date.now(), view: 'facilitator', hideAuthors: false });
 */
export function exportBoard(input: ExportInput): BoardExport {
  const { doc, hideAuthors } = input;
  const view = readBoard(doc);
  const settings = readSettings(doc);
  const tallies = readTallies(doc, settings.voteBudget);
  const groupOf = new Map<string, string>();
  for (const area of view.areas) for (const note of area.notes) if (note.group && note.authorId) groupOf.set(note.authorId, note.group);
  const voterNames = new Map<string, string>();
  const dots = readAllVotes(doc).map((vote): ExportedDot => {
    let participantId = vote.participantId;
    if (hideAuthors) {
      participantId = voterNames.get(vote.participantId) ?? `voter-${voterNames.size + 1}`;
      voterNames.set(vote.participantId, participantId);
    }
    return { participantId, noteId: vote.noteId, group: groupOf.get(vote.participantId) ?? null };
  });
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(input.exportedAt).toISOString(),
    board: { id: input.boardId, title: view.title, template: view.template, language: view.language, createdAt: view.createdAt },
    settings: {
      phase: settings.phase,
      voteBudget: settings.voteBudget,
      votesRevealed: settings.votesRevealed,
      anonymous: settings.anonymous,
      stakeholderGroups: settings.stakeholderGroups,
      participantDownloads: settings.participantDownloads,
    },
    view: input.view,
    ...(input.snapshot ? { snapshot: { ...input.snapshot } } : {}),
    areas: view.areas.map((area) => {
      // The cluster a note shows in (a note may still name a cluster that was removed).
      const clusterOf = new Map(area.clusters.flatMap((c) => c.noteIds.map((id) => [id, c.id] as const)));
      return {
        id: area.id,
        title: area.title,
        description: area.description,
        notes: area.notes.map((note) => ({
          id: note.id,
          text: note.text,
          kind: note.kind,
          colour: note.colour,
          authorId: hideAuthors ? '' : note.authorId,
          authorName: hideAuthors ? '' : note.authorName,
          group: note.group,
          createdAt: note.createdAt,
          clusterId: clusterOf.get(note.id) ?? null,
          votes: tallies.get(note.id) ?? 0,
        })),
        clusters: area.clusters.map((cluster) => ({
          id: cluster.id,
          title: cluster.title,
          noteIds: cluster.noteIds,
          votes: cluster.noteIds.reduce((sum, id) => sum + (tallies.get(id) ?? 0), 0),
        })),
      };
    }),
    dots,
  };
}
