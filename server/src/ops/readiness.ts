/**
 * Readiness: can this server take traffic right now? It can when its data directory accepts a
 * durable write (a tiny probe file is written, fsync'd and removed) and it is not shutting down.
 * The disk probe is cached for a second, so a load balancer polling /readyz costs at most one
 * fsync per second, and concurrent checks share one probe.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** How long a probe result is reused. */
export const READINESS_CACHE_MS = 1000;
/** A probe that has not finished by then counts as failed (a hung disk is not ready). */
export const READINESS_PROBE_TIMEOUT_MS = 5000;

/** Why the server is not ready. */
export type NotReadyReason = 'shutting-down' | 'data-dir-not-writable';
export type Readiness = { ready: true } | { ready: false; reason: NotReadyReason };

export interface ReadinessProbeOptions {
  dataDir: string;
  now?: () => number;
  cacheMs?: number;
  timeoutMs?: number;
}

/** Checks the data directory and the shutdown flag. */
export class ReadinessProbe {
  private shuttingDown = false;
  private cached: { at: number; ok: boolean } | null = null;
  private inFlight: Promise<boolean> | null = null;
  private readonly now: () => number;
  /** Unique per probe instance, so two servers on one directory (a mistake) do not trip over each other. */
  private readonly probeFile: string;

  constructor(private readonly options: ReadinessProbeOptions) {
    this.now = options.now ?? Date.now;
    this.probeFile = join(options.dataDir, `.readyz-${process.pid}-${randomBytes(3).toString('hex')}`);
  }

  /** From now on the server reports itself not ready (graceful shutdown has begun). */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async check(): Promise<Readiness> {
    if (this.shuttingDown) return { ready: false, reason: 'shutting-down' };
    const ok = await this.dataDirWritable();
    if (this.shuttingDown) return { ready: false, reason: 'shutting-down' };
    return ok ? { ready: true } : { ready: false, reason: 'data-dir-not-writable' };
  }

  private dataDirWritable(): Promise<boolean> {
    const cached = this.cached;
    if (cached && this.now() - cached.at < (this.options.cacheMs ?? READINESS_CACHE_MS)) return Promise.resolve(cached.ok);
    this.inFlight ??= this.probe().then((ok) => {
      this.cached = { at: this.now(), ok };
      this.inFlight = null;
      return ok;
    });
    return this.inFlight;
  }

  /** Write + fdatasync + unlink of a one-byte file; false on any error or after the timeout. */
  private async probe(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.options.timeoutMs ?? READINESS_PROBE_TIMEOUT_MS);
      timer.unref();
    });
    const attempt = (async () => {
      try {
        // The server creates its data directory on first use anyway; a missing one is not a fault.
        await mkdir(this.options.dataDir, { recursive: true });
        const fh = await open(this.probeFile, 'w');
        try {
          await fh.write(Buffer.from('1'));
          await fh.datasync();
        } finally {
          await fh.close();
        }
        await rm(this.probeFile, { force: true });
        return true;
      } catch {
        // Any failure (read-only file system, ENOSPC, permissions) means "not ready"; the route says so.
        return false;
      }
    })();
    try {
      return await Promise.race([attempt, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
