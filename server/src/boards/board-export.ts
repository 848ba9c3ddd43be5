/** The `verksted.board` export (version 1): a board's document as plain, re-importable JSON. */
import type * as Y from 'yjs';
import { readBoard, type Language, type NoteKind, type TemplateId } from '@verksted/shared';

export const EXPORT_FORMAT = 'verksted.board';
export const EXPORT_VERSION = 1;

export interface ExportedNote {
  id: string;
  text: string;
  kind: NoteKind;
  colour: string;
  authorId: string;
  authorName: string;
  group: string | null;
  /** Ms since epoch. */
  createdAt: number;
}

export interface ExportedArea {
  id: string;
  title: string;
  description: string;
  /** In board order. */
  notes: ExportedNote[];
}

/** The whole file. `exportedAt` is an ISO 8601 timestamp; `createdAt` values are ms since epoch. */
export interface BoardExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  board: { id: string; title: string; template: TemplateId; language: Language; createdAt: number };
  areas: ExportedArea[];
}

/** Builds the export of a board's document. */
export function exportBoard(boardId: string, doc: Y.Doc, exportedAt: number): BoardExport {
  const view = readBoard(doc);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    board: { id: boardId, title: view.title, template: view.template, language: view.language, createdAt: view.createdAt },
    areas: view.areas.map((area) => ({
      id: area.id,
      title: area.title,
      description: area.description,
      notes: area.notes.map((note) => ({
        id: note.id,
        text: note.text,
        kind: note.kind,
        colour: note.colour,
        authorId: note.authorId,
        authorName: note.authorName,
        group: note.group,
        createdAt: note.createdAt,
      })),
    })),
  };
}

const FOLDED: Readonly<Record<string, string>> = { æ: 'ae', ø: 'o', å: 'a', ß: 'ss' };

/**
 * A file-name-safe slug of a title: lower case [a-z0-9-] only, at most 60 characters, never
 * empty. Only this ever reaches a header, never the raw title.
 */
export function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[æøåß]/g, (c) => FOLDED[c] ?? '')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'board';
}

/** `<slug>-<yyyy-mm-dd>.json` (UTC date). */
export function exportFileName(title: string, exportedAt: number): string {
  return `${slugify(title)}-${new Date(exportedAt).toISOString().slice(0, 10)}.json`;
}
