/**
 * Connection and save status of the open board, written by `board-connection.ts` and rendered
 * by the header indicators and banners. One board is open at a time.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from '../store/app-store';
import type { SaveStatus } from './save-status';

export const CONNECTION_STATUSES = ['connecting', 'connected', 'offline', 'not-found', 'deleted'] as const;
/**
 * `connecting`: first attempt, not synced yet. `connected`: synced with the server.
 * `offline`: the connection dropped or cannot be made; retrying. `not-found`: the server says
 * the board does not exist; no more retries. `deleted`: the facilitator deleted the board while
 * it was open (close code 4410); no more retries.
 */
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export type Role = 'facilitator' | 'participant';

/** Why the server last closed the connection, when the people on the board should know. */
export const CONNECTION_PROBLEMS = ['board-full', 'too-many-connections', 'rate-limited', 'load-failed'] as const;
export type ConnectionProblem = (typeof CONNECTION_PROBLEMS)[number];

export interface ConnectionState {
  connection: ConnectionStatus;
  saveStatus: SaveStatus;
  /** False while the server says it cannot store writes. */
  writable: boolean;
  /** The role the server gave this connection, once it said so. */
  serverRole: Role | null;
  /** Whether this device holds the board's facilitator key. */
  hasFacilitatorKey: boolean;
  /** True once the board content is available (local copy loaded or synced). */
  contentReady: boolean;
  /** Set when the server closed the connection for a reason worth showing; cleared on sync. */
  problem: ConnectionProblem | null;
  /**
   * The server's clock minus this device's (ms), from the latest board status. Timers are shown
   * at `Date.now() + clockOffsetMs`, so every device counts down together.
   */
  clockOffsetMs: number;
}

export interface ConnectionSlice extends ConnectionState {
  setConnectionState(patch: Partial<ConnectionState>): void;
  resetConnection(): void;
}

export const INITIAL_CONNECTION_STATE: ConnectionState = {
  connection: 'connecting',
  saveStatus: 'saved',
  writable: true,
  serverRole: null,
  hasFacilitatorKey: false,
  contentReady: false,
  problem: null,
  clockOffsetMs: 0,
};

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  ...INITIAL_CONNECTION_STATE,
  setConnectionState: (patch) => set(patch),
  resetConnection: () => set(INITIAL_CONNECTION_STATE),
});

/** The role to act in: the server's word once given, else whether we hold the key. */
export function selectIsFacilitator(state: AppState): boolean {
  return state.serverRole !== null ? state.serverRole === 'facilitator' : state.hasFacilitatorKey;
}
