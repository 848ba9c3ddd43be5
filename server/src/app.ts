/**
 * The composition root: builds a Fastify instance with every plugin registered. Never listens;
 * `main.ts` does, and tests call `listen({ port: 0 })` or `inject` themselves.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.js';
import type { Config } from './config.js';
import type { BoardStore } from './persistence/board-store.js';
import { FileBoardStore } from './persistence/file-board-store.js';
import { BoardDirectory } from './boards/board-directory.js';
import { RoomRegistry } from './relay/room-registry.js';
import { relayPlugin } from './relay/relay-plugin.js';
import { boardRoutes } from './http/board-routes.js';
import { facilitatorRoutes } from './http/facilitator-routes.js';
import { healthRoutes } from './http/health-routes.js';
import { clientHosting } from './http/client-hosting.js';
import { loggerOptions } from './logger.js';
import { sendError } from './errors.js';

/** Largest HTTP request body (board creation is a few hundred bytes). */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Things tests replace. Production passes nothing. */
export interface ServerDeps {
  /** Default: a FileBoardStore in `config.DATA_DIR`. */
  store?: BoardStore;
  /** Default: `Date.now`. */
  now?: () => number;
  /** Backoff of append retries after a storage failure, in ms (default 500 → 5000). */
  appendRetryMs?: { min: number; max: number };
  /** Where log lines go (default stdout); tests read them. */
  logStream?: NodeJS.WritableStream;
}

/**
 * Builds the server: relay, HTTP API, client hosting. The caller listens and closes it; closing
 * flushes every loaded board to disk and closes websockets with 1012 "restarting".
 * @example
 *   const app = await buildServer(loadConfig());
 *   await app.listen({ port: config.PORT, host: config.HOST });
 */
export async function buildServer(config: Config, deps: ServerDeps = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, deps.logStream),
    // Fastify's request lines carry the URL with its query, and a websocket URL carries the facilitator key.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: BODY_LIMIT_BYTES,
  });
  const now = deps.now ?? Date.now;
  const store = deps.store ?? new FileBoardStore({ dataDir: config.DATA_DIR, log: app.log.child({ module: 'store' }) });
  const registry = new RoomRegistry({
    store,
    logger: app.log,
    config,
    now,
    retryMinMs: deps.appendRetryMs?.min,
    retryMaxMs: deps.appendRetryMs?.max,
  });
  const directory = new BoardDirectory(store, app.log, now);
  await directory.init();
  const context: AppContext = { config, store, registry, directory, now };
  app.decorate('verksted', context);

  app.setErrorHandler(sendError);
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, not the URL: no ids, no query.
    request.log.debug({ method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });

  await app.register(relayPlugin);
  await app.register(healthRoutes);
  await app.register(boardRoutes);
  await app.register(facilitatorRoutes);
  await app.register(clientHosting);
  return app;
}
