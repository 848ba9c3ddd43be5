/**
 * Validation of an imported `verksted.board` file, before anything is created. Three steps, each
 * naming the first problem it finds: the JSON's shape (nesting depth, array and object sizes, so
 * that a hostile file costs little to refuse), the format and version, then every field with zod
 * (strict types, no unknown keys, the shared length limits, unique ids).
 *
 * @example
 *   const checked = parseImport(request.body, { maxNotes: config.MAX_NOTES_PER_BOARD });
 *   if (!checked.ok) throw new InvalidValueError(checked.problem);
 *   writeBoardContent(doc, checked.content);
 */
import { z } from 'zod';
import {
  LANGUAGES,
  MAX_AREAS,
  MAX_DESCRIPTION_CHARS,
  MAX_NAME_CHARS,
  MAX_NOTE_TEXT_CHARS,
  MAX_STAKEHOLDER_GROUPS,
  MAX_TITLE_CHARS,
  MAX_VOTE_BUDGET,
  NOTE_KINDS,
  PHASES,
  TEMPLATE_IDS,
  type BoardContent,
  type SettingsPatch,
} from '@verksted/shared';
import { snapshotMetaSchema } from '../persistence/snapshot-meta.js';
import { EXPORT_FORMAT, EXPORT_VERSION } from './board-export.js';

/** Deepest nesting of arrays and objects a file may have (a valid file has 6). */
export const MAX_IMPORT_DEPTH = 8;
/** Most dots an imported file may carry. */
export const MAX_IMPORT_DOTS = 50_000;
/** Most keys of one object (a valid file has at most 12). */
const MAX_OBJECT_KEYS = 32;
/** Ids of areas, notes, clusters, participants. */
const MAX_ID_CHARS = 64;

/** Result of parseImport. */
export type ImportCheck = { ok: true; content: BoardContent } | { ok: false; problem: string };

/**
 * True when the JSON text nests arrays and objects deeper than `maxDepth`. A linear scan of the raw
 * text, meant to run before JSON.parse: parsing millions of nested brackets takes seconds of CPU.
 */
export function isNestedDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Walks the parsed JSON without recursion and names the first place that is nested too deep or
 * holds too many items; null when the shape is acceptable.
 */
export function checkJsonShape(value: unknown, maxArrayItems: number): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 1, path: '' }];
  while (stack.length > 0) {
    const { value: node, depth, path } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_IMPORT_DEPTH) return `${path || 'the file'}: nested deeper than ${MAX_IMPORT_DEPTH} levels`;
    if (Array.isArray(node)) {
      if (node.length > maxArrayItems) return `${path || 'the file'}: more than ${maxArrayItems} items`;
      node.forEach((item, i) => {
        if (typeof item === 'object' && item !== null) stack.push({ value: item, depth: depth + 1, path: `${path}[${i}]` });
      });
    } else {
      let keys = 0;
      // Counted with an early exit: listing the keys of a huge object first would cost seconds.
      for (const key in node) {
        if (++keys > MAX_OBJECT_KEYS) return `${path || 'the file'}: more than ${MAX_OBJECT_KEYS} keys`;
        const item = (node as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) stack.push({ value: item, depth: depth + 1, path: path ? `${path}.${key.slice(0, 40)}` : key.slice(0, 40) });
      }
    }
  }
  return null;
}

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id: 1 to 64 letters, digits, - or _');
const timestamp = z.number().int().min(0).max(8.64e15);
const colour = z.union([z.literal(''), z.string().regex(/^#[0-9A-Fa-f]{3,8}$/, 'must be a colour like #ffd8a8')]);

function fileSchema(maxNotes: number) {
  const note = z.strictObject({
    id,
    text: z.string().max(MAX_NOTE_TEXT_CHARS),
    kind: z.enum(NOTE_KINDS),
    colour: colour.optional(),
    authorId: z.string().max(MAX_ID_CHARS),
    authorName: z.string().max(MAX_NAME_CHARS),
    group: z.string().max(MAX_NAME_CHARS).nullable(),
    createdAt: timestamp,
    clusterId: id.nullable().optional(),
    votes: z.number().int().min(0).optional(),
  });
  const cluster = z.strictObject({
    id,
    title: z.string().max(MAX_TITLE_CHARS),
    noteIds: z.array(id).max(maxNotes),
    votes: z.number().int().min(0).optional(),
  });
  const area = z.strictObject({
    id,
    title: z.string().max(MAX_TITLE_CHARS),
    description: z.string().max(MAX_DESCRIPTION_CHARS),
    notes: z.array(note).max(maxNotes),
    clusters: z.array(cluster).max(maxNotes).optional(),
  });
  const settings = z
    .strictObject({
      phase: z.enum(PHASES),
      voteBudget: z.number().int().min(1).max(MAX_VOTE_BUDGET),
      votesRevealed: z.boolean(),
      anonymous: z.boolean(),
      stakeholderGroups: z.array(z.string().trim().min(1).max(MAX_NAME_CHARS)).max(MAX_STAKEHOLDER_GROUPS),
      participantDownloads: z.boolean(),
    })
    .partial();
  const dot = z.strictObject({
    participantId: z.string().min(1).max(MAX_ID_CHARS),
    noteId: id,
    group: z.string().max(MAX_NAME_CHARS).nullable().optional(),
  });
  return z
    .strictObject({
      format: z.literal(EXPORT_FORMAT),
      version: z.literal(EXPORT_VERSION),
      exportedAt: z.string().max(64),
      board: z.strictObject({
        id: z.string().max(MAX_ID_CHARS),
        title: z.string().max(MAX_TITLE_CHARS),
        template: z.enum(TEMPLATE_IDS),
        language: z.enum(LANGUAGES),
        createdAt: timestamp,
      }),
      settings: settings.optional(),
      view: z.enum(['facilitator', 'participant']).optional(),
      snapshot: snapshotMetaSchema.optional(),
      areas: z.array(area).max(MAX_AREAS),
      dots: z.array(dot).max(MAX_IMPORT_DOTS).optional(),
    })
    .superRefine((file, ctx) => {
      const seen = { area: new Set<string>(), note: new Set<string>(), cluster: new Set<string>() };
      let notes = 0;
      const once = (kind: keyof typeof seen, value: string, path: (string | number)[]): void => {
        if (seen[kind].has(value)) ctx.addIssue({ code: 'custom', path, message: `duplicate ${kind} id` });
        seen[kind].add(value);
      };
      file.areas.forEach((a, i) => {
        once('area', a.id, ['areas', i, 'id']);
        a.notes.forEach((n, j) => once('note', n.id, ['areas', i, 'notes', j, 'id']));
        a.clusters?.forEach((c, j) => once('cluster', c.id, ['areas', i, 'clusters', j, 'id']));
        notes += a.notes.length;
      });
      if (notes > maxNotes) ctx.addIssue({ code: 'custom', path: ['areas'], message: `more than ${maxNotes} notes in all` });
    });
}

type ImportFile = z.output<ReturnType<typeof fileSchema>>;

/** The first issue of a failed parse as one line: `areas.0.notes.3.text: Too big: …`. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid file';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** Checks an untrusted, parsed JSON body; on success its content, ready for writeBoardContent. */
export function parseImport(body: unknown, limits: { maxNotes: number }): ImportCheck {
  const shapeProblem = checkJsonShape(body, Math.max(limits.maxNotes, MAX_IMPORT_DOTS));
  if (shapeProblem) return { ok: false, problem: shapeProblem };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, problem: 'the file must be a JSON object' };
  const { format, version } = body as Record<string, unknown>;
  if (format !== EXPORT_FORMAT) return { ok: false, problem: `format: not a ${EXPORT_FORMAT} file` };
  if (version !== EXPORT_VERSION) {
    return { ok: false, problem: `version: ${JSON.stringify(version)?.slice(0, 20)} is not supported (this server reads version ${EXPORT_VERSION})` };
  }
  const parsed = fileSchema(limits.maxNotes).safeParse(body);
  if (!parsed.success) return { ok: false, problem: describeIssue(parsed.error) };
  return { ok: true, content: toContent(parsed.data) };
}

function toContent(file: ImportFile): BoardContent {
  const settings: SettingsPatch = { ...file.settings };
  return {
    meta: { title: file.board.title, template: file.board.template, language: file.board.language, createdAt: file.board.createdAt },
    areas: file.areas.map((area) => ({
      id: area.id,
      title: area.title,
      description: area.description,
      notes: area.notes.map((note) => ({
        id: note.id,
        text: note.text,
        kind: note.kind,
        colour: note.colour ?? null,
        authorId: note.authorId,
        authorName: note.authorName,
        group: note.group,
        createdAt: note.createdAt,
      })),
      clusters: (area.clusters ?? []).map((c) => ({ id: c.id, title: c.title, noteIds: c.noteIds })),
    })),
    votes: (file.dots ?? []).map((dot) => ({ participantId: dot.participantId, noteId: dot.noteId })),
    settings: Object.keys(settings).length > 0 ? settings : undefined,
  };
}
