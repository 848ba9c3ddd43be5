/**
 * The snapshots of one live room: taking them (only ever with content that is on disk), pruning
 * old automatic ones, and rolling the board back to one. Room section 7 owns one of these; it
 * reaches the room only through `SnapshotHost`, so the room's invariants stay in Room.ts.
 *
 * Consistency: a snapshot's state is encoded synchronously, at the moment it is taken, together
 * with the writer's `appliedSeq`; it is stored only once every update up to that seq is durable,
 * so a snapshot never holds something a crash could take out of the board's log.
 */
import * as Y from 'yjs';
import { countNotes, isSecretPhase, readSettings, replaceBoardContent } from '@verksted/shared';
import type { BoardStore } from '../persistence/board-store.js';
import type { Logger } from '../logger.js';
import { SNAPSHOT_REASON, newSnapshotId, type SnapshotMeta, type SnapshotReason } from '../persistence/snapshot-meta.js';

/** Why a snapshot operation was refused; `code` is stable (routes map it to an HTTP status). */
export class SnapshotError extends Error {
  constructor(
    readonly code: 'not-found' | 'secret-phase' | 'read-only' | 'unavailable' | 'too-many',
    message: string,
  ) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** What RoomSnapshots needs from its room. */
export interface SnapshotHost {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly store: BoardStore;
  readonly log: Logger;
  readonly now: () => number;
  /** Most snapshots kept per board; older automatic ones are removed beyond it. */
  readonly maxSnapshots: number;
  isLive(): boolean;
  /** False while the board cannot store writes. */
  isWritable(): boolean;
  /** Seq of the last update applied to the document. */
  appliedSeq(): number;
  /** Resolves once every update up to `seq` is on disk. */
  whenDurable(seq: number): Promise<void>;
  /** Runs `write` as a server write: logged, then relayed like any update. */
  serverWrite(write: (origin: unknown) => void): void;
}

/** What a rollback did: the snapshot now live, and the one holding the state it replaced. */
export interface RollbackResult {
  restored: SnapshotMeta;
  safety: SnapshotMeta;
}

interface Captured {
  meta: SnapshotMeta;
  state: Uint8Array;
  seq: number;
}

/** Automatic snapshots, the ones pruning may remove. */
const AUTOMATIC: ReadonlySet<SnapshotReason> = new Set([SNAPSHOT_REASON.phase, SNAPSHOT_REASON.lock]);
/** Safety snapshots taken before giving up on waiting for a quiet moment (see rollback). */
const ROLLBACK_ATTEMPTS = 3;

/** Snapshot operations of one room. */
export class RoomSnapshots {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly host: SnapshotHost) {}

  /**
   * Takes a snapshot of the board as it is now (synchronously) and stores it once its content is
   * durable. Resolves with its metadata when stored.
   */
  take(reason: SnapshotReason, label = ''): Promise<SnapshotMeta> {
    let captured: Captured;
    try {
      captured = this.capture(reason, label);
    } catch (err) {
      return Promise.reject(err); // one way to fail, so callers need only a .catch
    }
    return this.store(captured);
  }

  /** A facilitator's snapshot: refused when the board already holds the most it may keep of them. */
  async takeManual(label: string): Promise<SnapshotMeta> {
    const existing = await this.host.store.listSnapshots(this.host.boardId);
    if (existing.filter((s) => !AUTOMATIC.has(s.reason)).length >= this.host.maxSnapshots) {
      throw new SnapshotError('too-many', `a board keeps at most ${this.host.maxSnapshots} saved snapshots`);
    }
    return this.take(SNAPSHOT_REASON.manual, label);
  }

  /**
   * Rolls the live board back to snapshot `snapshotId`: first the current state is saved as a
   * 'rollback' snapshot, then the content (title, areas, notes, clusters, dots) becomes the
   * snapshot's in one server write. Settings stay as they are now. Refused during a secret phase,
   * because the restored content would reach every participant.
   */
  async rollback(snapshotId: string): Promise<RollbackResult> {
    const stored = await this.host.store.readSnapshot(this.host.boardId, snapshotId);
    if (!stored) throw new SnapshotError('not-found', 'no snapshot with that id');
    const source = docOf(stored.state);
    try {
      for (let attempt = 1; ; attempt++) {
        this.assertCanRollback();
        const seq = this.host.appliedSeq();
        const safety = this.capture(SNAPSHOT_REASON.rollback, '');
        if (attempt === ROLLBACK_ATTEMPTS) {
          // The board never stayed quiet while the safety snapshot was written: roll back in the
          // same tick as the capture, and undo it should storing the safety snapshot fail.
          this.replaceContent(source);
          try {
            await this.store(safety);
          } catch (err) {
            if (this.host.isLive()) this.replaceContent(docOf(safety.state));
            throw err;
          }
          return { restored: stored.meta, safety: safety.meta };
        }
        await this.store(safety);
        if (this.host.appliedSeq() === seq) {
          this.assertCanRollback();
          this.replaceContent(source);
          return { restored: stored.meta, safety: safety.meta };
        }
        // Someone wrote while the safety snapshot was stored; it lacks that write. Take it again.
        this.host.store.deleteSnapshot(this.host.boardId, safety.meta.id).catch((err: unknown) => {
          this.host.log.warn({ err, snapshotId: safety.meta.id }, 'could not remove a superseded safety snapshot');
        });
      }
    } finally {
      source.destroy();
    }
  }

  /** Resolves once every snapshot being stored is stored (or failed); the room awaits it on unload. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private capture(reason: SnapshotReason, label: string): Captured {
    if (!this.host.isLive()) throw new SnapshotError('unavailable', 'the board is not loaded');
    const { doc } = this.host;
    const settings = readSettings(doc);
    return {
      meta: {
        id: newSnapshotId(),
        createdAt: this.host.now(),
        label,
        reason,
        phase: settings.phase,
        noteCount: countNotes(doc),
        secret: isSecretPhase(settings),
      },
      state: Y.encodeStateAsUpdate(doc),
      seq: this.host.appliedSeq(),
    };
  }

  private store(captured: Captured): Promise<SnapshotMeta> {
    const { host } = this;
    const saving = (async () => {
      await host.whenDurable(captured.seq);
      await host.store.saveSnapshot(host.boardId, captured.meta, captured.state);
      host.log.info({ snapshotId: captured.meta.id, reason: captured.meta.reason, bytes: captured.state.byteLength }, 'snapshot taken');
      if (AUTOMATIC.has(captured.meta.reason)) await this.prune();
      return captured.meta;
    })();
    this.pending.add(saving);
    void saving.then(
      () => this.pending.delete(saving),
      () => this.pending.delete(saving),
    );
    return saving;
  }

  /** Removes the oldest automatic snapshots while the board keeps more than it may. */
  private async prune(): Promise<void> {
    const { host } = this;
    const all = await host.store.listSnapshots(host.boardId);
    let excess = all.length - host.maxSnapshots;
    for (const meta of all) {
      if (excess <= 0) break;
      if (!AUTOMATIC.has(meta.reason)) continue;
      if (await host.store.deleteSnapshot(host.boardId, meta.id)) excess--;
    }
  }

  private assertCanRollback(): void {
    if (!this.host.isLive()) throw new SnapshotError('unavailable', 'the board is not loaded');
    if (!this.host.isWritable()) throw new SnapshotError('read-only', 'the board cannot store changes right now');
    if (isSecretPhase(readSettings(this.host.doc))) {
      throw new SnapshotError('secret-phase', 'end the private brainstorm or reveal the votes before rolling back');
    }
  }

  private replaceContent(source: Y.Doc): void {
    this.host.serverWrite((origin) => replaceBoardContent(this.host.doc, source, origin));
  }
}

/** A document holding a stored state. */
export function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}
