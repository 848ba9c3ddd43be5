/** Schemas and answer types of the admin routes (board deletion and retention). */
import { facilitatorErrorResponses } from './facilitator-routes.schema.js';

/** `POST /api/boards/:id/extend` answer. */
export interface ExtendResponse {
  /** Now (ms since epoch): the board counts as opened at this moment. */
  lastOpenedAt: number;
  /** When retention deletes the board unless it is opened or extended again (ms); null = kept forever. */
  expiresAt: number | null;
}

export const extendResponse = {
  type: 'object',
  required: ['lastOpenedAt', 'expiresAt'],
  additionalProperties: false,
  properties: {
    lastOpenedAt: { type: 'number' },
    expiresAt: { type: ['number', 'null'] },
  },
} as const;

/** Responses of `DELETE /api/boards/:id`: 204 without a body, or an error. */
export const deleteResponses = { 204: { type: 'null' }, ...facilitatorErrorResponses } as const;

/** Responses of `POST /api/boards/:id/extend`. */
export const extendResponses = { 200: extendResponse, ...facilitatorErrorResponses } as const;
