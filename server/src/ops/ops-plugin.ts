/**
 * Operations endpoints and background work:
 *   GET /metrics   Prometheus text format (this server's metrics, then the process's)
 *   GET /readyz    200 when the data directory takes a durable write and the server is not
 *                  shutting down, else 503 with the reason (GET /healthz, "alive", is in http/)
 * and the retention sweep (at start, then hourly; stopped on close).
 *
 * /metrics has no board ids, names or content, only counts, so it needs no key; still, keep it
 * off the public internet at the reverse proxy if the numbers are nobody else's business.
 */
import type { FastifyInstance } from 'fastify';
import { ReadinessProbe } from './readiness.js';

const readyResponse = {
  type: 'object',
  required: ['ok'],
  properties: { ok: { type: 'boolean' }, reason: { type: 'string' } },
} as const;

/** Registers /metrics, /readyz and the retention lifecycle. Needs `app.verksted`. */
export async function opsPlugin(app: FastifyInstance): Promise<void> {
  const { config, metrics, retention } = app.verksted;
  // Real time, not the injectable clock: the probe cache must expire even under a frozen test clock.
  const readiness = new ReadinessProbe({ dataDir: config.DATA_DIR, now: () => performance.now() });

  app.addHook('onReady', async () => retention.start());
  app.addHook('preClose', async () => readiness.markShuttingDown());
  app.addHook('onClose', async () => retention.stop());

  app.get('/metrics', async (_request, reply) => {
    const text = await metrics.render();
    return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(text);
  });

  app.get('/readyz', { schema: { response: { 200: readyResponse, 503: readyResponse } } }, async (_request, reply) => {
    const result = await readiness.check();
    void reply.header('cache-control', 'no-store');
    if (result.ready) return { ok: true };
    return reply.code(503).send({ ok: false, reason: result.reason });
  });
}
