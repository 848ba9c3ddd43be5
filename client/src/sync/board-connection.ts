/**
 * One open board: its Y.Doc, the websocket provider, the IndexedDB copy on this device, and
 * the connection/save status they produce. `openBoardConnection` creates it; `destroy()` ends it.
 *
 * Sections: status bookkeeping → provider setup (custom message types) → local persistence →
 * browser online/offline → destroy.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import {
  CLIENT_PARAM,
  CLIENT_PARAM_VALUE,
  CLOSE,
  FINAL_CLOSE_CODES,
  KEY_PARAM,
  MESSAGE_BOARD_STATUS,
  MESSAGE_REFUSED,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  PARTICIPANT_PARAM,
  type BoardStatus,
} from '@verksted/shared';
import { LOCAL_DB_PREFIX, websocketBaseUrl } from '../config';
import { log } from '../log';
import type { ConnectionProblem, ConnectionState, ConnectionStatus, Role } from './connection-slice';
import {
  INITIAL_SAVE_TRACKER,
  deriveSaveStatus,
  reduceSaveTracker,
  shouldRequestSave,
  type SaveEvent,
} from './save-status';

/** Who a device is on the board: the two roles, and the read-only projector (not counted). */
export type PresenceRole = Role | 'projector';

/** What each client publishes in awareness. */
export interface PresenceState {
  name: string;
  group: string | null;
  role: PresenceRole;
  participantId: string;
  colour: string;
}

export interface BoardConnection {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  setPresence(state: PresenceState): void;
  /**
   * Ends the connection. With `clearLocalCopy` the board's copy on this device (IndexedDB) is
   * deleted too; the promise resolves once it is gone, so a new connection starts clean.
   */
  destroy(options?: { clearLocalCopy?: boolean }): Promise<void>;
}

export interface BoardConnectionOptions {
  facilitatorKey: string | null;
  /** The device's participant secret, sent as `p`; null connects as an unidentified reader (projector). */
  participantSecret: string | null;
  /**
   * The server refused an update from this client (MESSAGE_REFUSED). The local document now
   * differs from the server's; the owner should destroy this connection with `clearLocalCopy`
   * and open a fresh one. Called outside the message handler, at most once per connection.
   */
  onRefused?(reason: string): void;
  /** Receives connection/save status changes (normally the store's `setConnectionState`). */
  report(patch: Partial<ConnectionState>): void;
  /** Websocket base URL; defaults to `ws(s)://<this origin>/ws`. */
  serverUrl?: string;
  /** Keep a copy in IndexedDB (default true). */
  persistLocally?: boolean;
  WebSocketPolyfill?: typeof WebSocket;
}

/** Sync message subtype "step 1" (y-protocols): the peer asks for what it is missing. */
const SYNC_STEP_1 = 0;

const PROBLEM_BY_CLOSE_CODE: ReadonlyMap<number, ConnectionProblem> = new Map([
  [CLOSE.boardFull, 'board-full'],
  [CLOSE.tooManyConnections, 'too-many-connections'],
  [CLOSE.rateLimited, 'rate-limited'],
  [CLOSE.loadFailed, 'load-failed'],
]);

function parseBoardStatus(json: string): BoardStatus | null {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object') return null;
    const { writable, reason, role, serverTime } = value as Record<string, unknown>;
    if (typeof writable !== 'boolean') return null;
    return {
      writable,
      ...(reason === 'storage-failed' ? { reason } : {}),
      role: role === 'facilitator' ? 'facilitator' : 'participant',
      ...(typeof serverTime === 'number' && Number.isFinite(serverTime) ? { serverTime } : {}),
    };
  } catch {
    // A malformed status from the server: ignored, the previous status stays.
    return null;
  }
}

/**
 * Opens a board: creates the doc, loads the local copy and connects.
 * @example
 *   const connection = openBoardConnection(boardId, { facilitatorKey, report: store.setConnectionState });
 *   addNote(connection.doc, {...}, LOCAL_ORIGIN);
 *   connection.destroy();
 */
export function openBoardConnection(boardId: string, options: BoardConnectionOptions): BoardConnection {
  const { report } = options;
  const doc = new Y.Doc();

  // --- Status bookkeeping ----------------------------------------------------------------
  let tracker = INITIAL_SAVE_TRACKER;
  let saveSeq = 0;
  let requestScheduled = false;
  let droppedSinceSync = false;
  let notFound = false;
  let deleted = false;
  let browserOffline = false;
  let destroyed = false;
  let reported: Partial<ConnectionState> = {};

  function reportChanges(patch: Partial<ConnectionState>): void {
    const changed: Partial<ConnectionState> = {};
    let any = false;
    for (const key of Object.keys(patch) as (keyof ConnectionState)[]) {
      if (reported[key] !== patch[key]) {
        (changed as Record<string, unknown>)[key] = patch[key];
        any = true;
      }
    }
    if (!any || destroyed) return;
    reported = { ...reported, ...changed };
    report(changed);
  }

  function connectionStatus(): ConnectionStatus {
    if (deleted) return 'deleted';
    if (notFound) return 'not-found';
    if (provider.wsconnected && provider.synced) return 'connected';
    if (droppedSinceSync || browserOffline) return 'offline';
    return 'connecting';
  }

  function refreshStatus(): void {
    reportChanges({ connection: connectionStatus(), saveStatus: deriveSaveStatus(tracker) });
  }

  function dispatch(event: SaveEvent): void {
    tracker = reduceSaveTracker(tracker, event);
    refreshStatus();
    if (shouldRequestSave(tracker)) scheduleSaveRequest();
  }

  // Coalesced per tick, and queued after the provider has sent the update itself (its doc
  // listener was registered first), so the request really comes after the change on the wire.
  function scheduleSaveRequest(): void {
    if (requestScheduled) return;
    requestScheduled = true;
    queueMicrotask(() => {
      requestScheduled = false;
      const ws = provider.ws;
      if (destroyed || !shouldRequestSave(tracker) || !ws || ws.readyState !== ws.OPEN) return;
      saveSeq += 1;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SAVED);
      encoding.writeVarUint(encoder, saveSeq);
      ws.send(encoding.toUint8Array(encoder));
      dispatch({ type: 'request-sent', seq: saveSeq });
    });
  }

  // --- Provider --------------------------------------------------------------------------
  const params: Record<string, string> = { [CLIENT_PARAM]: CLIENT_PARAM_VALUE };
  if (options.participantSecret) params[PARTICIPANT_PARAM] = options.participantSecret;
  if (options.facilitatorKey) params[KEY_PARAM] = options.facilitatorKey;
  const provider = new WebsocketProvider(options.serverUrl ?? websocketBaseUrl(), boardId, doc, {
    connect: false,
    params,
    // The stock default gives up on every 44xx code; only "board not found" is final for us.
    shouldReconnect: (event) => !FINAL_CLOSE_CODES.has(event.code),
    // No cross-tab BroadcastChannel: tabs of one browser hold different roles (a facilitator's
    // board and the projector), and the channel would hand the facilitator's document, secret
    // brainstorm notes included, to the projector tab and relay one tab's presence as the other's.
    // IndexedDB already shares offline edits between tabs.
    disableBc: true,
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  });

  const handleSyncMessage = provider.messageHandlers[MESSAGE_SYNC];
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
    const isStep1 = decoding.hasContent(decoder) && decoding.peekVarUint(decoder) === SYNC_STEP_1;
    handleSyncMessage?.(encoder, decoder, p, emitSynced, messageType);
    // Our answer to the server's step 1 carries whatever we changed while offline, so it is a
    // local change that needs its own save confirmation.
    if (isStep1 && emitSynced) dispatch({ type: 'local-change' });
  };
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    dispatch({ type: 'ack', seq: decoding.readVarUint(decoder) });
  };
  provider.messageHandlers[MESSAGE_BOARD_STATUS] = (_encoder, decoder) => {
    const status = parseBoardStatus(decoding.readVarString(decoder));
    if (!status) return;
    const becameWritable = !tracker.writable && status.writable;
    reportChanges({
      writable: status.writable,
      serverRole: status.role,
      // The server's clock minus ours, measured on receipt (the message is a few ms old at
      // most): every timer is shown on the server's clock, so all devices agree.
      ...(status.serverTime !== undefined ? { clockOffsetMs: status.serverTime - Date.now() } : {}),
    });
    dispatch({ type: 'writable', writable: status.writable });
    if (becameWritable && tracker.unsaved) {
      // Edits the server refused while it could not save are still in our doc; a fresh
      // connection re-runs the sync exchange and sends them again. Not from inside the handler.
      setTimeout(() => {
        if (destroyed || notFound) return;
        provider.disconnect();
        provider.connect();
      }, 0);
    }
  };

  let refused = false;
  provider.messageHandlers[MESSAGE_REFUSED] = (_encoder, decoder) => {
    const reason = decoding.hasContent(decoder) ? decoding.readVarString(decoder) : '';
    log.warn('sync', 'update refused by the server', { boardId, reason });
    if (refused) return;
    refused = true;
    // Not from inside the message handler: the owner destroys this provider in response.
    setTimeout(() => {
      if (!destroyed) options.onRefused?.(reason);
    }, 0);
  };

  provider.on('status', ({ status }) => {
    log.debug('sync', 'status', { boardId, status });
    dispatch({ type: 'connection', connected: status === 'connected' });
  });
  provider.on('sync', (synced) => {
    if (synced) {
      droppedSinceSync = false;
      reportChanges({ contentReady: true, problem: null });
    }
    dispatch({ type: 'synced', synced });
  });
  provider.on('connection-close', (event) => {
    droppedSinceSync = true;
    const problem = event ? PROBLEM_BY_CLOSE_CODE.get(event.code) : undefined;
    if (problem) reportChanges({ problem });
    log.debug('sync', 'connection closed', { boardId, code: event?.code });
    refreshStatus();
  });
  provider.on('closed', ({ code }) => {
    if (!FINAL_CLOSE_CODES.has(code)) return;
    notFound = true;
    deleted = code === CLOSE.boardDeleted;
    provider.disconnect();
    refreshStatus();
  });

  const handleDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin !== provider) dispatch({ type: 'local-change' });
  };
  doc.on('update', handleDocUpdate);

  // --- Local persistence -----------------------------------------------------------------
  let persistence: IndexeddbPersistence | null = null;
  if (options.persistLocally !== false && typeof indexedDB !== 'undefined') {
    persistence = new IndexeddbPersistence(LOCAL_DB_PREFIX + boardId, doc);
    persistence.whenSynced.then(
      () => reportChanges({ contentReady: true }),
      (error: unknown) => log.warn('sync', 'local copy could not be loaded', { boardId, error: String(error) }),
    );
  }

  // --- Browser online/offline ------------------------------------------------------------
  // The socket may hang for up to 30 s after the network goes; the browser knows sooner.
  const handleOffline = (): void => {
    browserOffline = true;
    if (!notFound) provider.disconnect();
    refreshStatus();
  };
  const handleOnline = (): void => {
    browserOffline = false;
    if (!notFound) provider.connect();
    refreshStatus();
  };
  window.addEventListener('offline', handleOffline);
  window.addEventListener('online', handleOnline);

  refreshStatus();
  provider.connect();

  return {
    boardId,
    doc,
    awareness: provider.awareness,
    setPresence(state) {
      provider.awareness.setLocalState(state);
    },
    async destroy(destroyOptions = {}) {
      if (destroyed) return;
      destroyed = true;
      window.removeEventListener('offline', handleOffline);
      window.removeEventListener('online', handleOnline);
      doc.off('update', handleDocUpdate);
      provider.destroy();
      provider.awareness.destroy();
      const closed = persistence?.destroy();
      doc.destroy();
      try {
        await closed;
        if (destroyOptions.clearLocalCopy && persistence) await clearDocument(LOCAL_DB_PREFIX + boardId);
      } catch (error) {
        log.warn('sync', 'local copy could not be cleared', { boardId, error: String(error) });
      }
    },
  };
}
