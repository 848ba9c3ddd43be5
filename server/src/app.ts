/**
 * The composition root: builds a Fastify instance with every plugin registered. Never listens;
 * `main.ts` does, and tests call `listen({ port: 0 })` or `inject` themselves.
 */
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppContext } from './app-context.js';
import type { Config } from './config.js';
import type { BoardStore } from './persistence/board-store.js';
import { FileBoardStore } from './persistence/file-board-store.js';
import { BoardDirectory } from './boards/board-directory.js';
import { RoomRegistry } from './relay/room-registry.js';
import { relayPlugin } from './relay/relay-plugin.js';
import { boardRoutes } from './http/board-routes.js';
import { facilitatorRoutes } from './http/facilitator-routes.js';
import { exportRoutes } from './http/export-routes.js';
import { snapshotRoutes } from './http/snapshot-routes.js';
import { importRoutes } from './http/import-routes.js';
import { rollupRoutes } from './http/rollup-routes.js';
import { healthRoutes } from './http/health-routes.js';
import { clientHosting } from './http/client-hosting.js';
import { securityHeaders } from './http/security-headers.js';
import { adminRoutes } from './http/admin-routes.js';
import { FacilitatorAuth } from './http/facilitator-auth.js';
import { Metrics } from './ops/metrics.js';
import { RetentionSweeper } from './ops/retention.js';
import { opsPlugin } from './ops/ops-plugin.js';
import { loggerOptions } from './logger.js';
import { ERROR_CODES, sendError } from './errors.js';

/** Largest HTTP request body (board creation is a few hundred bytes). */
const BODY_LIMIT_BYTES = 64 * 1024;

/** `frameworkErrors` handler: a 400 (or 500) in our error format; the URL is not echoed (its query may hold a key). */
function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  request.log.info({ code: error.code }, 'request refused before routing');
  if ((error.statusCode ?? 500) < 500) void reply.code(400).send({ error: ERROR_CODES.validationFailed, message: 'The URL is not valid' });
  else void reply.code(500).send({ error: ERROR_CODES.internal, message: 'Internal server error' });
}

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
    // A wrong type or an unknown field is a 400, not silently coerced ("42" for 42, ["x"] for "x")
    // or dropped, which Fastify's default Ajv options would do.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    // Errors Fastify raises before any route runs (a path with broken percent-encoding): the same
    // `{ error, message }` as every other error, without echoing the URL.
    frameworkErrors: sendFrameworkError,
  });
  const now = deps.now ?? Date.now;
  const store = deps.store ?? new FileBoardStore({ dataDir: config.DATA_DIR, log: app.log.child({ module: 'store' }) });
  const metrics = new Metrics();
  const registry = new RoomRegistry({
    store,
    logger: app.log,
    config,
    now,
    retryMinMs: deps.appendRetryMs?.min,
    retryMaxMs: deps.appendRetryMs?.max,
    metrics,
  });
  metrics.countLoadedBoards(() => registry.loadedCount);
  const directory = new BoardDirectory(store, app.log, now);
  await directory.init();
  const facilitatorAuth = new FacilitatorAuth(config.FACILITATOR_AUTH_FAILURES_PER_IP_PER_MINUTE, now);
  const retention = new RetentionSweeper({ store, registry, directory, metrics, logger: app.log, retentionDays: config.RETENTION_DAYS, now });
  const context: AppContext = { config, store, registry, directory, now, metrics, facilitatorAuth, retention };
  app.decorate('verksted', context);

  app.setErrorHandler(sendError);
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, not the URL: no ids, no query.
    request.log.debug({ method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });

  // First, so that every route and the not-found handler get the headers (CSP, no CORS).
  await app.register(securityHeaders);
  await app.register(relayPlugin);
  await app.register(healthRoutes);
  await app.register(boardRoutes);
  await app.register(facilitatorRoutes);
  await app.register(exportRoutes);
  await app.register(snapshotRoutes);
  await app.register(importRoutes);
  await app.register(rollupRoutes);
  await app.register(adminRoutes);
  await app.register(opsPlugin);
  await app.register(clientHosting);
  return app;
}
