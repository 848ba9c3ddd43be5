/**
 * Import:
 *   POST /api/boards/import     a `verksted.board` JSON file → 201 { id, joinCode, facilitatorKey, title, template }
 *
 * The file is validated completely first (exports/import-schema.ts) and nothing is created unless
 * it is valid: 400 naming the first problem, 413 past MAX_IMPORT_BYTES (this route's own body
 * limit), 429 past BOARDS_PER_IP_PER_HOUR (counted before the body is read, shared with copies of
 * snapshots). The new board keeps the file's ids, order, clusters, dots and settings. Text is
 * stored as text: script in a note stays an inert string.
 */
import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { writeBoardContent } from '@verksted/shared';
import { InvalidValueError } from '../errors.js';
import { MAX_IMPORT_DEPTH, isNestedDeeperThan, parseImport } from '../exports/import-schema.js';
import { createdBoardResponse } from './board-routes.schema.js';
import { enforceCreationLimit } from './room-access.js';
import { snapshotErrorResponses } from './snapshot-routes.schema.js';

/** Registers the import route. Needs `app.verksted` (see app-context.ts). */
export async function importRoutes(app: FastifyInstance): Promise<void> {
  const { config, directory } = app.verksted;
  const parseJson = app.getDefaultJsonParser('error', 'error');

  // This plugin's own JSON parser: refuses deep nesting before JSON.parse spends seconds on it.
  // Otherwise it is Fastify's (which refuses __proto__ and constructor.prototype keys).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (isNestedDeeperThan(body as string, MAX_IMPORT_DEPTH)) {
      done(new InvalidValueError(`Not a valid board file: nested deeper than ${MAX_IMPORT_DEPTH} levels`), undefined);
      return;
    }
    parseJson(request, body as string, done);
  });

  app.post(
    '/api/boards/import',
    {
      bodyLimit: config.MAX_IMPORT_BYTES,
      schema: { response: { 201: createdBoardResponse, ...snapshotErrorResponses } },
      // Counted before the body is read and parsed, so refusing costs next to nothing.
      onRequest: async (request, reply) => enforceCreationLimit(app, request, reply),
    },
    async (request, reply) => {
      const checked = parseImport(request.body, { maxNotes: config.MAX_NOTES_PER_BOARD });
      if (!checked.ok) {
        request.log.info({ problem: checked.problem.slice(0, 200) }, 'import refused');
        throw new InvalidValueError(`Not a valid board file: ${checked.problem}`);
      }
      const doc = new Y.Doc();
      try {
        writeBoardContent(doc, checked.content);
        const bytes = Y.encodeStateAsUpdate(doc).byteLength;
        if (bytes > config.MAX_BOARD_BYTES) throw new InvalidValueError(`Not a valid board file: the board would be larger than ${config.MAX_BOARD_BYTES} bytes`);
        const created = await directory.createFrom(doc, 'import');
        request.log.info({ boardId: created.id, notes: checked.content.areas.reduce((n, a) => n + a.notes.length, 0), bytes }, 'board imported');
        return reply.code(201).send(created);
      } finally {
        doc.destroy();
      }
    },
  );
}
