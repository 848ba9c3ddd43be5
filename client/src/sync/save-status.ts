/**
 * The honest "Saved" indicator as a pure state machine.
 *
 * The server acknowledges a save request `[MESSAGE_SAVED, seq]` once everything the connection
 * sent before the request is on disk. So local changes are saved when the latest request has
 * been acknowledged and nothing changed locally after that request was sent. While there is no
 * connection, local changes are kept on this device (IndexedDB) and sync when it returns.
 */

export const SAVE_STATUSES = ['saved', 'saving', 'offline', 'not-writable'] as const;
/**
 * `saved`: every local change is on the server's disk. `saving`: sent, waiting for the disk.
 * `offline`: unsaved changes and no connection; kept on this device. `not-writable`: the server
 * cannot save right now; kept on this device.
 */
export type SaveStatus = (typeof SAVE_STATUSES)[number];

export interface SaveTracker {
  connected: boolean;
  synced: boolean;
  writable: boolean;
  /** Local changes exist that the server has not confirmed are on disk. */
  unsaved: boolean;
  /**
   * The latest save request (if any) does not cover everything: a local change came after it,
   * or the connection was re-established and the new connection has not been asked yet.
   */
  needsRequest: boolean;
  /** Sequence number of the latest save request sent; 0 = none yet. */
  requestedSeq: number;
}

export type SaveEvent =
  | { type: 'local-change' }
  | { type: 'request-sent'; seq: number }
  | { type: 'ack'; seq: number }
  | { type: 'connection'; connected: boolean }
  | { type: 'synced'; synced: boolean }
  | { type: 'writable'; writable: boolean };

export const INITIAL_SAVE_TRACKER: SaveTracker = {
  connected: false,
  synced: false,
  writable: true,
  unsaved: false,
  needsRequest: false,
  requestedSeq: 0,
};

export function reduceSaveTracker(state: SaveTracker, event: SaveEvent): SaveTracker {
  switch (event.type) {
    case 'local-change':
      return { ...state, unsaved: true, needsRequest: true };
    case 'request-sent':
      return { ...state, requestedSeq: event.seq, needsRequest: false };
    case 'ack':
      // An ack for an older request says nothing about what was sent after it.
      if (event.seq < state.requestedSeq || state.needsRequest) return state;
      return { ...state, unsaved: false };
    case 'connection':
      return event.connected ? { ...state, connected: true } : { ...state, connected: false, synced: false };
    case 'synced':
      // Every (re)sync asks again: requests sent on an earlier connection will never be answered.
      return { ...state, synced: event.synced, needsRequest: state.needsRequest || (event.synced && state.unsaved) };
    case 'writable':
      return { ...state, writable: event.writable };
  }
}

/** Whether a save request should be sent now (connected, synced, and something to confirm). */
export function shouldRequestSave(state: SaveTracker): boolean {
  return state.connected && state.synced && state.unsaved && state.needsRequest;
}

export function deriveSaveStatus(state: SaveTracker): SaveStatus {
  if (!state.unsaved) return 'saved';
  if (!state.writable) return 'not-writable';
  if (state.connected && state.synced) return 'saving';
  return 'offline';
}
