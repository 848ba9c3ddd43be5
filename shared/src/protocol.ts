/**
 * The websocket wire contract on `/ws/:boardId`.
 *
 * It is the standard y-websocket protocol (message type 0 = sync, 1 = awareness, 3 = query
 * awareness), so the stock `y-websocket` provider works unchanged. Our own client opts in to
 * extra message types by connecting with the query parameter `client=verksted`; the server never
 * sends them to anyone else.
 */

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/**
 * Durability acknowledgement (opt-in). Client → server: `[100, varUint seq]` "tell me when
 * everything I sent before this is on disk". Server → client: `[100, varUint seq]` once every
 * update the connection sent before the request has been appended and fsync'd.
 */
export const MESSAGE_SAVED = 100;

/**
 * Board status (opt-in), server → client: `[101, varString json]` with a `BoardStatus`.
 * Sent on connect and whenever it changes.
 */
export const MESSAGE_BOARD_STATUS = 101;

/**
 * A write refused by the server's policy (opt-in), server → client: `[102, varString reason]`.
 * The refused update is neither applied, stored nor relayed; the client should drop its local
 * copy of the board and sync again from the server, or its document would stay different.
 */
export const MESSAGE_REFUSED = 102;

/** Query parameter by which our own client opts in to the extra message types. */
export const CLIENT_PARAM = 'client';
export const CLIENT_PARAM_VALUE = 'verksted';
/** Query parameter carrying the facilitator key (the stock provider's `params: { key }`). */
export const KEY_PARAM = 'key';
/**
 * Query parameter carrying the participant's secret; the server derives the participant id from
 * it (deriveParticipantId). Without it a connection is an unidentified participant.
 */
export const PARTICIPANT_PARAM = 'p';

export interface BoardStatus {
  /** False while the server cannot store writes (disk failure): edits are refused, not lost. */
  writable: boolean;
  /** Why the board is not writable, for the people on it. */
  reason?: 'storage-failed';
  /** The role the server gave this connection. */
  role: 'facilitator' | 'participant';
  /** The server's clock (ms since epoch) when it sent this, so clients can show the same timer. */
  serverTime?: number;
}

/**
 * Close codes (4000–4999 are free for applications). The stock y-websocket client (3.x) treats
 * 4400–4499 as permanent (no reconnect), mirroring HTTP 4xx; codes in 4000–4399 and 4500+ make it
 * reconnect with backoff. Each code below is placed in the range that matches what a client should do.
 */
export const CLOSE = {
  /** The server is shutting down or restarting; reconnect. (1012 is the standard "service restart".) */
  restarting: 1012,
  /** A frame larger than the limit (ws sends 1009 itself when maxPayload is exceeded). */
  tooLarge: 1009,
  /** The board does not exist (or was deleted). Do not reconnect. */
  boardNotFound: 4404,
  /** A frame that is not a valid message: text frame, unknown type, undecodable payload. */
  badMessage: 4400,
  /** An update that depends on changes the server never saw (missing dependencies); a resync fixes it. */
  missingDependencies: 4009,
  /** Awareness for a client id that is not this connection's. */
  awarenessForeign: 4403,
  /** Too many messages per second from this connection; reconnecting later is fine. */
  rateLimited: 4029,
  /** Too many connections (per board or per address); reconnecting later may succeed. */
  tooManyConnections: 4030,
  /** A write this connection may not make (another's note, facilitator-only state, a locked board). */
  forbidden: 4401,
  /** The board could not be loaded from disk; nothing is served rather than something wrong. */
  loadFailed: 4500,
  /** The board document would grow past its size or note limit. */
  boardFull: 4413,
  /** The facilitator deleted the board (or retention expired it); its content is gone. Do not reconnect. */
  boardDeleted: 4410,
} as const;
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** Close codes after which a client should not try again. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([CLOSE.boardNotFound, CLOSE.boardDeleted]);
