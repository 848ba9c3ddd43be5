/**
 * Serves the built client (CLIENT_DIST) and the single-page-app fallback: a GET for a path that is
 * not the API, the websocket or a file gets index.html, so deep links like /b/<id> work. Everything
 * else that no route serves gets a JSON 404. Without a client build the server runs API-only.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { notFoundBody } from '../errors.js';
import { stripQuery } from '../logger.js';

/** Paths that never fall back to the client. */
function isServerPath(urlPath: string): boolean {
  return urlPath.startsWith('/api/') || urlPath === '/api' || urlPath.startsWith('/ws/') || urlPath === '/ws' || urlPath === '/healthz';
}

async function clientHostingPlugin(app: FastifyInstance): Promise<void> {
  const root = app.verksted.config.CLIENT_DIST;
  const hasClient = existsSync(path.join(root, 'index.html'));
  if (hasClient) {
    await app.register(fastifyStatic, {
      root,
      wildcard: true,
      setHeaders(reply, filePath) {
        // Vite puts content-hashed files under assets/: cache them forever, revalidate the rest.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.log.warn({ clientDist: root }, 'client build not found; serving the API only');
  }

  app.setNotFoundHandler((request, reply) => {
    const urlPath = stripQuery(request.url);
    if (hasClient && (request.method === 'GET' || request.method === 'HEAD') && !isServerPath(urlPath)) {
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply.code(404).send(notFoundBody());
  });
}

/** Root-level plugin (not encapsulated), so its not-found handler covers every path. */
export const clientHosting = fp(clientHostingPlugin, { name: 'verksted-client-hosting' });
