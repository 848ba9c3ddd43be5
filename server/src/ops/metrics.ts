/**
 * Prometheus metrics of one server instance, served as text on `GET /metrics`.
 *
 * Every server has its own prom-client Registry (never the global default), so tests that run
 * several servers in one process do not clash. Process-wide metrics (heap, event-loop delay, GC,
 * CPU) come from prom-client's `collectDefaultMetrics`, collected once per process into a registry
 * of their own and appended to every server's output.
 *
 * Hot path: the relay calls `frameIn` / `frameOut` / `updateReceived` for every message. Those only
 * add to plain numbers that the counters read at scrape time, so a broadcast to a thousand sockets
 * costs a thousand integer additions, not a thousand prom-client calls. No label carries a board
 * id, connection id or anything else unbounded.
 *
 * @example
 *   const metrics = new Metrics();
 *   metrics.countLoadedBoards(() => registry.loadedCount);
 *   reply.type(metrics.contentType).send(await metrics.render());
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CLOSE } from '@verksted/shared';

/** Why the server refused a message or a connection (the `reason` label of `verksted_rejections_total`). */
export const REJECTION_REASONS = [
  // Close codes sent for cause (names from CLOSE in shared/protocol.ts).
  'badMessage',
  'tooLarge',
  'rateLimited',
  'tooManyConnections',
  'forbidden',
  'awarenessForeign',
  'missingDependencies',
  'boardFull',
  'boardNotFound',
  'loadFailed',
  // Refusals that keep the socket open.
  /** The write policy refused an update from our own client (MESSAGE_REFUSED). */
  'writeRefused',
  /** An update arrived while the board's storage was failing (it stays with its sender). */
  'storageFailing',
  /** ws reported a protocol violation other than an oversized frame. */
  'protocolError',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Why a board was deleted (the `cause` label of `verksted_boards_deleted_total`). */
export type DeletionCause = 'facilitator' | 'retention';

const REJECTION_BY_CLOSE_CODE: ReadonlyMap<number, RejectionReason> = new Map(
  (Object.entries(CLOSE) as [string, number][])
    .filter((entry): entry is [RejectionReason, number] => (REJECTION_REASONS as readonly string[]).includes(entry[0]))
    .map(([name, code]) => [code, name]),
);

/** Seconds; log appends are one write + one fdatasync, usually well under 10 ms on a local disk. */
const APPEND_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Seconds; loading reads a snapshot and replays the log. */
const LOAD_BUCKETS_S = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The process-wide registry with prom-client's default metrics, created on first use. */
let processRegistry: Registry | null = null;
function defaultMetricsRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** What the relay and the persistence hooks report to. All methods are cheap and never throw. */
export interface RelayMetrics {
  frameIn(bytes: number): void;
  frameOut(bytes: number): void;
  updateReceived(): void;
  updatesRelayed(count: number): void;
  connectionOpened(role: 'facilitator' | 'participant'): void;
  connectionClosed(role: 'facilitator' | 'participant'): void;
  /** The server closed a socket with `code`; codes that are not a rejection (restarting, boardDeleted) are ignored. */
  closedWith(code: number): void;
  rejected(reason: RejectionReason): void;
  /** One group append (write + fsync) took `seconds`. */
  logAppended(seconds: number): void;
  logAppendFailed(): void;
  compacted(ok: boolean): void;
  boardLoaded(seconds: number): void;
}

/** The metrics of one server. */
export class Metrics implements RelayMetrics {
  readonly registry = new Registry();
  readonly contentType = this.registry.contentType;

  /** Plain numbers on the hot path; the metrics below read them when scraped. */
  private readonly counts = {
    bytesIn: 0,
    bytesOut: 0,
    updatesReceived: 0,
    updatesRelayed: 0,
    facilitators: 0,
    participants: 0,
    loadedBoards: (): number => 0,
  };

  private readonly rejections: Counter<'reason'>;
  private readonly appendSeconds: Histogram;
  private readonly appendFailures: Counter;
  private readonly compactions: Counter<'result'>;
  private readonly loadSeconds: Histogram;
  private readonly deletions: Counter<'cause'>;

  constructor() {
    const registers = [this.registry];
    // prom-client calls `collect` with the metric as `this`, so the counts are captured here.
    const counts = this.counts;
    new Gauge({
      name: 'verksted_boards_loaded',
      help: 'Boards in memory (loading, live or draining); drops to 0 once every board is unloaded',
      registers,
      collect() {
        this.set(counts.loadedBoards());
      },
    });
    new Gauge({
      name: 'verksted_connections',
      help: 'Open websocket connections attached to a board, by role',
      labelNames: ['role'] as const,
      registers,
      collect() {
        this.set({ role: 'facilitator' }, counts.facilitators);
        this.set({ role: 'participant' }, counts.participants);
      },
    });
    const total = (name: string, help: string, read: () => number): void => {
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    };
    total('verksted_updates_received_total', 'Document updates received from clients', () => counts.updatesReceived);
    total(
      'verksted_updates_relayed_total',
      'Updates made durable and relayed to the board (counted once per update, not per recipient)',
      () => counts.updatesRelayed,
    );
    total('verksted_received_bytes_total', 'Websocket payload bytes received', () => counts.bytesIn);
    total('verksted_sent_bytes_total', 'Websocket payload bytes sent (per recipient)', () => counts.bytesOut);
    this.rejections = new Counter({
      name: 'verksted_rejections_total',
      help: 'Messages or connections the server refused, by reason (close code name, writeRefused, storageFailing, protocolError)',
      labelNames: ['reason'] as const,
      registers,
    });
    for (const reason of REJECTION_REASONS) this.rejections.inc({ reason }, 0);
    this.appendSeconds = new Histogram({
      name: 'verksted_log_append_duration_seconds',
      help: 'Group appends to a board log (write + fdatasync); _count is the number of appends',
      buckets: APPEND_BUCKETS_S,
      registers,
    });
    this.appendFailures = new Counter({
      name: 'verksted_log_append_failures_total',
      help: 'Group appends that failed (the board turns read-only and retries)',
      registers,
    });
    this.compactions = new Counter({
      name: 'verksted_compactions_total',
      help: 'Log compactions (snapshot replaced, log emptied), by result',
      labelNames: ['result'] as const,
      registers,
    });
    this.compactions.inc({ result: 'ok' }, 0);
    this.compactions.inc({ result: 'failed' }, 0);
    this.loadSeconds = new Histogram({
      name: 'verksted_board_load_duration_seconds',
      help: 'Time to load a board from disk into memory',
      buckets: LOAD_BUCKETS_S,
      registers,
    });
    this.deletions = new Counter({
      name: 'verksted_boards_deleted_total',
      help: 'Boards deleted, by cause (facilitator request or retention)',
      labelNames: ['cause'] as const,
      registers,
    });
    this.deletions.inc({ cause: 'facilitator' }, 0);
    this.deletions.inc({ cause: 'retention' }, 0);
  }

  /** Where `verksted_boards_loaded` reads its value (the room registry, once it exists). */
  countLoadedBoards(read: () => number): void {
    this.counts.loadedBoards = read;
  }

  frameIn(bytes: number): void {
    this.counts.bytesIn += bytes;
  }

  frameOut(bytes: number): void {
    this.counts.bytesOut += bytes;
  }

  updateReceived(): void {
    this.counts.updatesReceived++;
  }

  updatesRelayed(count: number): void {
    this.counts.updatesRelayed += count;
  }

  connectionOpened(role: 'facilitator' | 'participant'): void {
    if (role === 'facilitator') this.counts.facilitators++;
    else this.counts.participants++;
  }

  connectionClosed(role: 'facilitator' | 'participant'): void {
    if (role === 'facilitator') this.counts.facilitators--;
    else this.counts.participants--;
  }

  closedWith(code: number): void {
    const reason = REJECTION_BY_CLOSE_CODE.get(code);
    if (reason) this.rejections.inc({ reason });
  }

  rejected(reason: RejectionReason): void {
    this.rejections.inc({ reason });
  }

  logAppended(seconds: number): void {
    this.appendSeconds.observe(seconds);
  }

  logAppendFailed(): void {
    this.appendFailures.inc();
  }

  compacted(ok: boolean): void {
    this.compactions.inc({ result: ok ? 'ok' : 'failed' });
  }

  boardLoaded(seconds: number): void {
    this.loadSeconds.observe(seconds);
  }

  boardDeleted(cause: DeletionCause): void {
    this.deletions.inc({ cause });
  }

  /** The Prometheus text exposition of this server's metrics followed by the process-wide ones. */
  async render(): Promise<string> {
    const [own, process] = await Promise.all([this.registry.metrics(), defaultMetricsRegistry().metrics()]);
    return `${own.trimEnd()}\n${process}`;
  }
}
