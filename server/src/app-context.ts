/**
 * What every plugin needs, decorated once at the root as `app.verksted` (Fastify decorators on the
 * root are visible in every encapsulated child).
 */
import type { BoardStore } from './persistence/board-store.js';
import type { Config } from './config.js';
import type { RoomRegistry } from './relay/room-registry.js';
import type { BoardDirectory } from './boards/board-directory.js';
import type { Metrics } from './ops/metrics.js';
import type { RetentionSweeper } from './ops/retention.js';
import type { FacilitatorAuth } from './http/facilitator-auth.js';

/** Shared services of one server instance. */
export interface AppContext {
  readonly config: Config;
  readonly store: BoardStore;
  readonly registry: RoomRegistry;
  readonly directory: BoardDirectory;
  /** Clock in ms since epoch (tests may pass a fake). */
  readonly now: () => number;
  /** This server's Prometheus metrics (`GET /metrics`). */
  readonly metrics: Metrics;
  /** Facilitator key checks with one per-address failure limit across all facilitator routes. */
  readonly facilitatorAuth: FacilitatorAuth;
  /** Deletes boards unused for RETENTION_DAYS; started and stopped by the ops plugin. */
  readonly retention: RetentionSweeper;
}

declare module 'fastify' {
  interface FastifyInstance {
    verksted: AppContext;
  }
}
