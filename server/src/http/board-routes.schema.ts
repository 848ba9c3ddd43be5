/** JSON schemas of the board routes: every body and param is validated before a handler runs. */
import { BOARD_ID_PATTERN, LANGUAGES, MAX_TITLE_CHARS, TEMPLATE_IDS } from '@verksted/shared';

const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;

export const boardIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: BOARD_ID_PATTERN.source } },
} as const;

export const joinCodeParams = {
  type: 'object',
  required: ['code'],
  properties: { code: { type: 'string', minLength: 1, maxLength: 20 } },
} as const;

export const createBoardBody = {
  type: 'object',
  required: ['title', 'template'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', maxLength: MAX_TITLE_CHARS },
    template: { type: 'string', enum: [...TEMPLATE_IDS] },
    language: { type: 'string', enum: [...LANGUAGES] },
  },
} as const;

export const createdBoardResponse = {
  type: 'object',
  required: ['id', 'joinCode', 'facilitatorKey', 'title', 'template'],
  properties: {
    id: { type: 'string' },
    joinCode: { type: 'string' },
    facilitatorKey: { type: 'string' },
    title: { type: 'string' },
    template: { type: 'string' },
  },
} as const;

/** The public summary. The response schema is also the guard that no secret field ever leaks. */
export const boardSummaryResponse = {
  type: 'object',
  required: ['id', 'title', 'template', 'language', 'createdAt', 'joinCode', 'areaCount', 'noteCount', 'online'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    template: { type: 'string' },
    language: { type: 'string' },
    createdAt: { type: 'number' },
    joinCode: { type: 'string' },
    areaCount: { type: 'integer' },
    noteCount: { type: 'integer' },
    online: { type: 'integer' },
  },
} as const;

export const joinResponse = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string' } },
} as const;

export const errorResponses = { 400: errorBody, 404: errorBody, 429: errorBody, 503: errorBody } as const;
