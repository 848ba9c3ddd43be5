/**
 * Schemas of the facilitator routes.
 *
 * The PATCH body is checked with zod, not with Fastify's JSON schema: Fastify's Ajv runs with
 * `removeAdditional` and `coerceTypes`, which silently drop unknown properties (even inside a
 * `oneOf`, where it strips the `seconds` of a timer action) and turn "true" into true. A
 * facilitator's typo must be a 400, not a silent partial change.
 */
import { z } from 'zod';
import {
  MAX_NAME_CHARS,
  MAX_STAKEHOLDER_GROUPS,
  MAX_TIMER_MS,
  MAX_TITLE_CHARS,
  MAX_VOTE_BUDGET,
  PHASES,
  type BoardSettings,
  type SettingsPatch,
  type TimerAction,
} from '@verksted/shared';

/** Longest timer, in seconds (4 hours). */
const MAX_TIMER_SECONDS = MAX_TIMER_MS / 1000;
/** Area ids are short random strings; anything longer is not one. */
const MAX_AREA_ID_CHARS = 64;

const timerAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('set'), seconds: z.number().positive().max(MAX_TIMER_SECONDS) }),
  z.strictObject({ action: z.literal('start') }),
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('reset') }),
  z.strictObject({ action: z.literal('add'), seconds: z.number().min(-MAX_TIMER_SECONDS).max(MAX_TIMER_SECONDS) }),
]);

/** `PATCH /api/boards/:id`: any of these, at least one. */
export const settingsChangeBody = z
  .strictObject({
    title: z.string().min(1).max(MAX_TITLE_CHARS),
    phase: z.enum(PHASES),
    locked: z.boolean(),
    anonymous: z.boolean(),
    votesRevealed: z.boolean(),
    participantDownloads: z.boolean(),
    voteBudget: z.number().int().min(1).max(MAX_VOTE_BUDGET),
    focusAreaId: z.string().min(1).max(MAX_AREA_ID_CHARS).nullable(),
    stakeholderGroups: z.array(z.string().min(1).max(MAX_NAME_CHARS)).max(MAX_STAKEHOLDER_GROUPS),
    timer: timerAction,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one setting to change' });

/** What the facilitator asks the room to change: a timer action, not a timer state; never the counts. */
export type SettingsChange = Omit<SettingsPatch, 'timer' | 'brainstormCounts'> & { title?: string; timer?: TimerAction };

// Compile-time check that the body's type is what Room.changeSettings takes.
const bodyFitsRoom = (body: z.output<typeof settingsChangeBody>): SettingsChange => body;
void bodyFitsRoom;

/** The first problem of a failed parse, as one line: `voteBudget: Too small: expected number to be >=1`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid body';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;

/** Error bodies of the facilitator routes, for serialisation. */
export const facilitatorErrorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  429: errorBody,
  503: errorBody,
} as const;

/** `PATCH` answer. */
export interface SettingsChangeResponse {
  settings: BoardSettings;
  title: string;
}

/** `GET /api/boards/:id/facilitator` answer: what the facilitator view needs, once its key is known good. */
export interface FacilitatorBoardResponse extends SettingsChangeResponse {
  id: string;
  joinCode: string;
  /**
   * When retention deletes the board if nobody opens it again (ms since epoch), counted from now
   * since the board is open; null when the server keeps boards forever (RETENTION_DAYS=0).
   */
  expiresAt: number | null;
}
