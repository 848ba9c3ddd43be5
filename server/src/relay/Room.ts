/**
 * A room: the server's live, in-memory board. One Y.Doc, its awareness, its connections, and a
 * BoardWriter that makes every change durable before anyone else sees it.
 *
 * Sections:
 *   1. Lifecycle   loading → live → draining → unloaded (or loading → failed)
 *   2. Connections attach / detach, holds and the idle timer
 *   3. Messages    per-frame dispatch; one bad frame closes only its own socket
 *   4. Sync        step-1 replies (durable state only), client updates (checked, then applied)
 *   5. Durability  relaying durable groups, MESSAGE_SAVED, board status on storage failure
 *   6. Facilitation settings from the HTTP API, secret phases (withholding), brainstorm counts
 *   7. Snapshots   saved versions (at phase changes, on lock, on request) and rollback (RoomSnapshots.ts)
 *
 * Invariant: no byte of document content leaves the server before it is on disk. Client updates
 * are applied to the doc at once (so later updates can be checked against them) but are relayed,
 * and step-1 replies that include them are sent, only after their group's append resolved.
 *
 * @example
 *   const room = new Room({ boardId, store, logger, config, now: Date.now, onUnloaded });
 *   room.retain();
 *   await room.load();
 *   room.attach(clientSocket, 'participant');
 */
import * as Y from 'yjs';
import {
  CLOSE,
  applyTimerAction,
  isSecretPhase,
  readMeta,
  readNoteIdsByArea,
  readSettings,
  setBoardTitle,
  updateSettings,
  validateSettingsPatch,
  type BoardSettings,
  type BoardStatus,
  type SettingsPatch,
  type TimerAction,
} from '@verksted/shared';
import { BoardStoreErrorCode, type BoardRecord, type BoardStore } from '../persistence/board-store.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { RelayMetrics } from '../ops/metrics.js';
import { RelayError } from '../errors.js';
import { BoardWriter, type PendingUpdate } from './BoardWriter.js';
import { SecretKeeper, replayRecords } from './SecretKeeper.js';
import { encodeRelease, encodeWithheld, isEmptyUpdate } from './room-records.js';
import { checkWrite } from '../policy/write-policy.js';
import { AwarenessRelay } from './AwarenessRelay.js';
import { DurableReplies } from './DurableReplies.js';
import { ClientSocket } from './ClientSocket.js';
import { decodeClientMessage, encodeBoardStatus, encodeRefused, encodeSaved, encodeSyncStep1, encodeSyncStep2, encodeUpdate, isEmptyStateVector } from './messages.js';
import { assertUpdateAdmissible } from './update-check.js';
import { RoomSnapshots, type RollbackResult } from './RoomSnapshots.js';
import { SNAPSHOT_REASON, type SnapshotMeta } from '../persistence/snapshot-meta.js';

/** A facilitator's change: settings, the board title, or a timer action (the room computes the timer from its clock). */
export type SettingsChange = Omit<SettingsPatch, 'timer' | 'brainstormCounts'> & { title?: string; timer?: TimerAction };

/** Where a room is in its life. */
export const ROOM_STATE = { loading: 'loading', live: 'live', draining: 'draining', unloaded: 'unloaded', failed: 'failed' } as const;
export type RoomState = (typeof ROOM_STATE)[keyof typeof ROOM_STATE];

/** Transaction origin of updates replayed from disk: they are already durable. */
const LOAD_ORIGIN = Symbol('load');
/** Transaction origin of the server's own writes (facilitator settings, brainstorm counts). */
export const SERVER_ORIGIN = Symbol('server');
/** How long after a withheld note change the brainstorm counts are recomputed. */
const COUNTS_DEBOUNCE_MS = 250;

export interface RoomOptions {
  boardId: string;
  store: BoardStore;
  logger: Logger;
  config: Pick<Config, 'IDLE_UNLOAD_MS' | 'COMPACT_AFTER_BYTES' | 'MAX_BOARD_BYTES' | 'MAX_NOTES_PER_BOARD' | 'MAX_SNAPSHOTS_PER_BOARD' | 'MAX_NOTE_TEXT_CHARS'>;
  now: () => number;
  /** Called once after the room reached `unloaded`. */
  onUnloaded: (room: Room) => void;
  /** Backoff of append retries (tests shorten it). */
  retryMinMs?: number;
  retryMaxMs?: number;
  metrics?: RelayMetrics;
}

/** One live board. */
export class Room {
  readonly boardId: string;
  readonly doc = new Y.Doc();
  readonly log: Logger;
  private stateValue: RoomState = ROOM_STATE.loading;
  private recordValue: BoardRecord | null = null;
  private writer: BoardWriter<ClientSocket | null> | null = null;
  private awareness: AwarenessRelay | null = null;
  private readonly connections = new Set<ClientSocket>();
  private holds = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private unloading: Promise<void> | null = null;
  /** Cached step-2 frame with the whole document, for joiners with an empty state vector. */
  private fullStateFrame: Uint8Array | null = null;
  /** The same for participants while a secret phase keeps some content from them. */
  private publicStateFrame: Uint8Array | null = null;
  /** Participants' writes kept from other participants during a secret phase. */
  private secret = new SecretKeeper();
  private countsTimer: NodeJS.Timeout | null = null;
  /** The "last opened" record update started at load. */
  private touching: Promise<void> = Promise.resolve();
  /** Encoded size at the last full encode plus every update since: cheap upper bound of the doc size. */
  private approxBytes = 0;
  /** Step-1 replies and MESSAGE_SAVED answers waiting for the disk. */
  private readonly replies = new DurableReplies();

  constructor(private readonly options: RoomOptions) {
    this.boardId = options.boardId;
    this.log = options.logger.child({ boardId: options.boardId });
  }

  // 1. Lifecycle ------------------------------------------------------------------------------

  get state(): RoomState {
    return this.stateValue;
  }

  /** The board's record (after load). */
  get record(): BoardRecord {
    if (!this.recordValue) throw new Error('room is not loaded');
    return this.recordValue;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Reads the board from the store. Throws a RelayError (boardNotFound / loadFailed) on failure. */
  async load(): Promise<void> {
    const started = performance.now();
    const { store, boardId } = this.options;
    try {
      const record = await store.readRecord(boardId);
      if (!record) throw new RelayError(CLOSE.boardNotFound, 'board not found');
      const opened = await store.open(boardId);
      let bytes = 0;
      try {
        for (const update of opened.updates) bytes += update.length;
        this.secret = replayRecords(this.doc, opened.updates, LOAD_ORIGIN);
      } catch (err) {
        await opened.log.close();
        throw err;
      }
      if (opened.discardedBytes > 0) this.log.warn({ discardedBytes: opened.discardedBytes }, 'cut a corrupt log tail');
      if (this.doc.store.pendingStructs || this.doc.store.pendingDs) this.log.warn('stored updates have missing dependencies');
      this.recordValue = record;
      this.approxBytes = bytes;
      this.writer = new BoardWriter<ClientSocket | null>({
        boardId,
        log: opened.log,
        logger: this.log,
        compactAfterBytes: this.options.config.COMPACT_AFTER_BYTES,
        encodeState: () => this.secret.encodeState(this.doc),
        onDurable: (group) => this.handleDurable(group),
        onWritableChange: () => this.broadcastStatus(),
        retryMinMs: this.options.retryMinMs,
        retryMaxMs: this.options.retryMaxMs,
        metrics: this.options.metrics,
      });
      this.awareness = new AwarenessRelay(this.doc, (frame) => this.broadcast(frame));
      this.doc.on('update', (update: Uint8Array, origin: unknown) => this.handleDocUpdate(update, origin));
      this.stateValue = ROOM_STATE.live;
      this.reconcileSecretPhase();
      this.options.metrics?.boardLoaded((performance.now() - started) / 1000);
      this.log.info({ ms: Math.round(performance.now() - started), updates: opened.updates.length, bytes }, 'board loaded');
      // Not awaited (a join must not wait for it), but unload waits, so no write outlives the room.
      this.touching = store.touch(boardId, this.options.now()).catch((err: unknown) => this.log.warn({ err }, 'touch failed'));
      if (this.holds === 0) this.scheduleIdleUnload();
    } catch (err) {
      this.stateValue = ROOM_STATE.failed;
      this.doc.destroy();
      if (err instanceof RelayError) throw err;
      if ((err as { code?: unknown }).code === BoardStoreErrorCode.notFound) throw new RelayError(CLOSE.boardNotFound, 'board not found');
      this.log.error({ err }, 'board could not be loaded');
      throw new RelayError(CLOSE.loadFailed, 'board could not be loaded');
    }
  }

  /**
   * Draining → unloaded: waits for every pending write (retrying through storage failures),
   * compacts a non-empty log, closes it. Idempotent; resolves when unloaded.
   */
  unload(): Promise<void> {
    if (this.unloading) return this.unloading;
    this.stateValue = ROOM_STATE.draining;
    this.clearIdleTimer();
    this.unloading = (async () => {
      try {
        await this.touching;
        await this.writer?.close();
      } catch (err) {
        this.log.error({ err }, 'closing the log failed');
      }
      // Snapshots being stored wait for the writer (flushed just above); let them finish.
      await this.snapshotsValue?.settled();
      this.awareness?.destroy();
      if (this.countsTimer) clearTimeout(this.countsTimer);
      this.secret.destroy();
      this.doc.destroy();
      this.stateValue = ROOM_STATE.unloaded;
      this.log.info('board unloaded');
      this.options.onUnloaded(this);
    })();
    return this.unloading;
  }

  /** Resolves once the room is unloaded (use while it is draining). */
  whenUnloaded(): Promise<void> {
    return this.unloading ?? Promise.resolve();
  }

  /** Closes every connection with `code`, then unloads (graceful shutdown). */
  shutdown(code: (typeof CLOSE)['restarting' | 'boardDeleted'], reason: string): Promise<void> {
    for (const conn of this.connections) conn.close(code, reason);
    return this.unload();
  }

  // 2. Connections ----------------------------------------------------------------------------

  /** Keeps the room loaded (one per connection or HTTP reader). */
  retain(): void {
    this.holds++;
    this.clearIdleTimer();
  }

  /** Undoes `retain`; the last release starts the idle timer. */
  release(): void {
    this.holds--;
    if (this.holds === 0 && this.stateValue === ROOM_STATE.live) this.scheduleIdleUnload();
  }

  /** Adds a connection to the live room (already retained for it) and starts serving it. */
  attach(conn: ClientSocket): void {
    this.connections.add(conn);
    this.options.metrics?.connectionOpened(conn.role);
    conn.onClose(() => this.detach(conn));
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness!.encodeAllStates();
    if (states) conn.send(states);
    if (conn.optedIn) conn.send(this.statusFrame(conn));
    conn.log.debug({ role: conn.role, connections: this.connections.size }, 'connection attached');
    conn.setHandler((frame) => this.handleFrame(conn, frame));
  }

  private detach(conn: ClientSocket): void {
    if (!this.connections.delete(conn)) return;
    this.options.metrics?.connectionClosed(conn.role);
    const clientId = conn.awarenessClientId;
    // Another connection may speak for the same client (a reconnect overlapping the old socket).
    if (clientId !== null && this.stateValue === ROOM_STATE.live && ![...this.connections].some((c) => c.awarenessClientId === clientId)) {
      this.awareness!.removeClient(clientId);
    }
    this.replies.drop(conn);
    this.release();
  }

  private scheduleIdleUnload(): void {
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.holds === 0 && this.stateValue === ROOM_STATE.live) void this.unload();
    }, this.options.config.IDLE_UNLOAD_MS);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private broadcast(frame: Uint8Array): void {
    for (const conn of this.connections) conn.send(frame);
  }

  // 3. Messages -------------------------------------------------------------------------------

  private handleFrame(conn: ClientSocket, frame: Uint8Array): void {
    if (this.stateValue !== ROOM_STATE.live) return;
    try {
      const message = decodeClientMessage(frame, conn.optedIn);
      switch (message.type) {
        case 'sync-step1':
          this.replyToSyncStep1(conn, message.stateVector);
          break;
        case 'update':
          this.applyClientUpdate(conn, message.update);
          break;
        case 'awareness':
          this.awareness!.apply(conn, message.update, message.entries);
          break;
        case 'query-awareness': {
          const states = this.awareness!.encodeAllStates();
          if (states) conn.send(states);
          break;
        }
        case 'saved':
          this.answerSaved(conn, message.seq);
          break;
      }
    } catch (err) {
      if (err instanceof RelayError) {
        conn.log.warn({ code: err.closeCode, reason: err.message }, 'closing connection');
        conn.close(err.closeCode, err.message);
      } else {
        conn.log.error({ err }, 'message handling failed');
        conn.close(CLOSE.badMessage, 'message could not be processed');
      }
    }
  }

  // 4. Sync -----------------------------------------------------------------------------------

  private replyToSyncStep1(conn: ClientSocket, stateVector: Uint8Array): void {
    const publicDoc = conn.role === 'participant' ? this.secret.publicDoc : null;
    const source = publicDoc ?? this.doc;
    let frame: Uint8Array;
    if (isEmptyStateVector(stateVector)) {
      frame = publicDoc ? (this.publicStateFrame ??= encodeSyncStep2(Y.encodeStateAsUpdate(publicDoc))) : (this.fullStateFrame ??= this.encodeFullState());
    } else {
      let diff: Uint8Array;
      try {
        diff = Y.encodeStateAsUpdate(source, stateVector);
      } catch {
        throw new RelayError(CLOSE.badMessage, 'undecodable state vector');
      }
      frame = encodeSyncStep2(diff);
    }
    // The reply contains every update applied so far; it may leave once they are all on disk.
    this.replies.send(conn, frame, this.writer!.appliedSeq, this.writer!.durableSeq);
    // During a secret phase a participant also gets back what they wrote themselves.
    const own = publicDoc ? this.secret.withheldFor(conn.actorKey) : null;
    if (own) this.replies.send(conn, encodeUpdate(own), this.writer!.appliedSeq, this.writer!.durableSeq);
  }

  private encodeFullState(): Uint8Array {
    const update = Y.encodeStateAsUpdate(this.doc);
    this.approxBytes = update.length;
    return encodeSyncStep2(update);
  }

  private applyClientUpdate(conn: ClientSocket, update: Uint8Array): void {
    this.options.metrics?.updateReceived();
    if (!this.writer!.writable) {
      this.options.metrics?.rejected('storageFailing');
      // Refused, not applied: the sender keeps it and sends it again after the re-sync on recovery.
      conn.log.debug('update dropped while storage is failing');
      if (conn.optedIn) conn.send(this.statusFrame(conn));
      return;
    }
    // No structs, no deletes: nothing to store (and the log reserves that prefix, see room-records).
    if (isEmptyUpdate(update)) return;
    const decoded = assertUpdateAdmissible(this.doc, update, this.options.config.MAX_NOTES_PER_BOARD, conn.log);
    const verdict = checkWrite(
      this.doc,
      decoded,
      { role: conn.role, participantId: conn.participantId },
      readSettings(this.doc),
      conn.ownNoteIds,
      { maxNoteTextChars: this.options.config.MAX_NOTE_TEXT_CHARS },
    );
    if (!verdict.ok) {
      conn.log.info({ reason: verdict.reason }, 'write refused');
      if (conn.optedIn) this.options.metrics?.rejected('writeRefused');
      // Our client drops its copy and syncs again; any other client is told by the close.
      if (conn.optedIn) conn.send(encodeRefused(verdict.reason));
      else throw new RelayError(CLOSE.forbidden, verdict.reason);
      return;
    }
    if (this.approxBytes + update.length > this.options.config.MAX_BOARD_BYTES) {
      this.fullStateFrame = this.encodeFullState(); // measures exactly, and the frame is useful anyway
      if (this.approxBytes + update.length > this.options.config.MAX_BOARD_BYTES) {
        throw new RelayError(CLOSE.boardFull, 'the board is too large');
      }
    }
    Y.applyUpdate(this.doc, update, conn);
    const store = this.doc.store;
    if (store.pendingStructs || store.pendingDs) {
      // Safety net for what the check cannot see (e.g. a dependency cycle inside one update). The
      // integrated part is consistent and stays; the pending rest must not linger in the doc.
      store.pendingStructs = null;
      store.pendingDs = null;
      throw new RelayError(CLOSE.missingDependencies, 'update depends on changes the server does not have');
    }
    for (const id of verdict.createdNoteIds) conn.ownNoteIds.add(id);
  }

  /**
   * Every applied change goes to the writer, tagged with who may receive it: during a secret
   * phase a participant's write is withheld from the other participants.
   */
  private handleDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    this.fullStateFrame = null;
    this.approxBytes += update.length;
    const conn = origin instanceof ClientSocket ? origin : null;
    let seq: number;
    if (!this.secret.active) {
      seq = this.writer!.enqueue(update, conn);
    } else if (conn && conn.role === 'participant') {
      this.secret.remember(conn.actorKey, update);
      seq = this.writer!.enqueue(update, conn, encodeWithheld(conn.actorKey, update), conn.actorKey);
      this.scheduleBrainstormCounts();
    } else {
      const audience = this.secret.admitPublic(update);
      if (audience === 'all') {
        this.publicStateFrame = null;
        seq = this.writer!.enqueue(update, conn);
      } else {
        seq = this.writer!.enqueue(update, conn, encodeWithheld(audience, update), audience);
      }
    }
    if (conn) conn.lastSeq = seq;
  }

  // 5. Durability -----------------------------------------------------------------------------

  private answerSaved(conn: ClientSocket, requestSeq: number): void {
    this.replies.send(conn, encodeSaved(requestSeq), conn.lastSeq, this.writer!.durableSeq);
  }

  private handleDurable(group: readonly PendingUpdate<ClientSocket | null>[]): void {
    this.options.metrics?.updatesRelayed(group.length);
    // Answers first, so a joiner gets its step 2 before relays that build on it.
    this.replies.release(this.writer!.durableSeq);
    if (group.every((p) => p.audience === 'all')) {
      const first = group[0]!;
      const single = group.every((p) => p.origin === first.origin);
      // Encoded once per group; every recipient gets the same buffer.
      const frame = encodeUpdate(group.length === 1 ? first.update : Y.mergeUpdates(group.map((p) => p.update)));
      for (const conn of this.connections) {
        if (!(single && conn === first.origin)) conn.send(frame);
      }
      return;
    }
    this.relayMixedGroup(group);
  }

  /**
   * A group with withheld entries or a release: facilitators get every entry; a participant the
   * public ones and their own; a release (what participants have not seen yet) goes to participants.
   * One frame per distinct audience, built once.
   */
  private relayMixedGroup(group: readonly PendingUpdate<ClientSocket | null>[]): void {
    const merge = (entries: readonly PendingUpdate<ClientSocket | null>[]): Uint8Array | null =>
      entries.length === 0 ? null : encodeUpdate(entries.length === 1 ? entries[0]!.update : Y.mergeUpdates(entries.map((p) => p.update)));
    const content = group.filter((p) => p.audience !== 'release');
    const releases = group.filter((p) => p.audience === 'release' && p.update.length > 0);
    const facilitatorFrame = merge(content);
    const releaseFrame = merge(releases);
    const participantFrames = new Map<string, Uint8Array | null>();
    for (const conn of this.connections) {
      if (conn.role === 'facilitator') {
        if (facilitatorFrame) conn.send(facilitatorFrame);
        continue;
      }
      const key = conn.actorKey;
      if (!participantFrames.has(key)) {
        participantFrames.set(key, merge(content.filter((p) => p.audience === 'all' || p.audience === key)));
      }
      const frame = participantFrames.get(key);
      if (frame) conn.send(frame);
      if (releaseFrame) conn.send(releaseFrame);
    }
  }

  // 6. Facilitation ---------------------------------------------------------------------------

  /**
   * Applies a facilitator's change (from the HTTP API) as a server write: validated, logged, then
   * relayed like any update. Starting or ending a secret phase starts or ends withholding.
   * Throws BoardInputError (shared) on bad values, RelayError when the board cannot store writes.
   */
  changeSettings(patch: SettingsChange): { settings: BoardSettings; title: string } {
    if (!this.writer!.writable) throw new RelayError(CLOSE.loadFailed, 'the board cannot store changes right now');
    const { title, timer: timerAction, ...rest } = patch;
    const before = readSettings(this.doc);
    const settingsPatch: SettingsPatch = { ...rest };
    if (timerAction) settingsPatch.timer = applyTimerAction(before.timer, timerAction, this.options.now());
    validateSettingsPatch(settingsPatch);
    this.doc.transact(() => {
      if (title !== undefined) setBoardTitle(this.doc, title, SERVER_ORIGIN);
      updateSettings(this.doc, settingsPatch, SERVER_ORIGIN);
    }, SERVER_ORIGIN);
    this.reconcileSecretPhase();
    this.snapshotAfterChange(before);
    return { settings: readSettings(this.doc), title: readMeta(this.doc).title };
  }

  /**
   * Makes withholding follow the phase: begins it when a secret phase starts; when one ends,
   * releases everything withheld to the participants (logged first, like every write).
   */
  private reconcileSecretPhase(): void {
    const secret = isSecretPhase(readSettings(this.doc));
    if (secret && !this.secret.active) {
      this.secret.begin(this.doc);
      this.publicStateFrame = null;
      this.scheduleBrainstormCounts();
    } else if (!secret && this.secret.active) {
      const released = this.secret.end(this.doc);
      this.publicStateFrame = null;
      this.writer!.enqueue(released ?? new Uint8Array(), null, encodeRelease(), 'release');
    }
  }

  /** During the brainstorm, keeps the per-area note counts (all the projector shows) up to date. */
  private scheduleBrainstormCounts(): void {
    if (this.countsTimer) return;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = null;
      if (this.stateValue !== ROOM_STATE.live || !this.writer!.writable) return;
      const settings = readSettings(this.doc);
      if (settings.phase !== 'brainstorm') return;
      const counts: Record<string, number> = {};
      for (const [areaId, ids] of readNoteIdsByArea(this.doc)) counts[areaId] = ids.length;
      if (JSON.stringify(counts) !== JSON.stringify(settings.brainstormCounts)) {
        updateSettings(this.doc, { brainstormCounts: counts }, SERVER_ORIGIN);
      }
    }, COUNTS_DEBOUNCE_MS);
    this.countsTimer.unref();
  }

  /** What participants may see right now (the whole document outside secret phases). */
  get participantView(): Y.Doc {
    return this.secret.publicDoc ?? this.doc;
  }

  private statusFrame(conn: ClientSocket): Uint8Array {
    const writable = this.writer?.writable ?? true;
    const serverTime = this.options.now();
    const status: BoardStatus = writable
      ? { writable, role: conn.role, serverTime }
      : { writable, reason: 'storage-failed', role: conn.role, serverTime };
    return encodeBoardStatus(status);
  }

  private broadcastStatus(): void {
    const writable = this.writer!.writable;
    const frames = new Map<string, Uint8Array>();
    for (const conn of this.connections) {
      if (!conn.optedIn) continue;
      let frame = frames.get(conn.role);
      if (!frame) frames.set(conn.role, (frame = this.statusFrame(conn)));
      conn.send(frame);
    }
    if (writable) {
      // Updates refused while storage failed are still with their senders: ask everyone for them.
      this.broadcast(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    }
  }

  // 7. Snapshots ------------------------------------------------------------------------------

  /**
   * Saves a snapshot of the board as it is at this moment (facilitator's request: `reason` 'manual').
   * Resolves with its metadata once it is on disk; only content already durable goes into it.
   * Throws SnapshotError ('too-many' for manual ones past MAX_SNAPSHOTS_PER_BOARD, 'unavailable').
   */
  takeSnapshot(label: string): Promise<SnapshotMeta> {
    return this.snapshots.takeManual(label);
  }

  /**
   * Rolls the board back to a snapshot: saves the current state as a 'rollback' snapshot first,
   * then makes the content (title, areas, notes, clusters, dots) equal to the snapshot's as one
   * server write, relayed like any write. Settings (phase, lock, budget...) stay as they are.
   * Throws SnapshotError ('not-found', 'secret-phase', 'read-only', 'unavailable').
   */
  rollbackTo(snapshotId: string): Promise<RollbackResult> {
    return this.snapshots.rollback(snapshotId);
  }

  private snapshotsValue: RoomSnapshots | null = null;

  private get snapshots(): RoomSnapshots {
    this.snapshotsValue ??= new RoomSnapshots({
      boardId: this.boardId,
      doc: this.doc,
      store: this.options.store,
      log: this.log,
      now: this.options.now,
      maxSnapshots: this.options.config.MAX_SNAPSHOTS_PER_BOARD,
      isLive: () => this.stateValue === ROOM_STATE.live,
      isWritable: () => this.writer?.writable ?? false,
      appliedSeq: () => this.writer!.appliedSeq,
      whenDurable: (seq) => this.writer!.whenDurable(seq),
      serverWrite: (write) => write(SERVER_ORIGIN),
    });
    return this.snapshotsValue;
  }

  /** After a facilitator's change: a snapshot when the phase changed or the board was locked. */
  private snapshotAfterChange(before: BoardSettings): void {
    const after = readSettings(this.doc);
    const reason = after.phase !== before.phase ? SNAPSHOT_REASON.phase : after.locked && !before.locked ? SNAPSHOT_REASON.lock : null;
    if (!reason) return;
    this.snapshots.take(reason).catch((err: unknown) => {
      // The change itself stands; a missing automatic snapshot is worth an error line, not a failed request.
      this.log.error({ err, reason }, 'automatic snapshot failed');
    });
  }
}
