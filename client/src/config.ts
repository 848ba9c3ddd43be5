/**
 * Client configuration and timing constants in one place. The client has no required `VITE_*`
 * variables: it talks to the server that served it (same origin), so one build works anywhere.
 */

/** Path of the websocket endpoint; the provider appends `/:boardId`. */
export const WS_PATH = '/ws';

/** The websocket base URL for the page's own origin, e.g. `wss://verksted.example.no/ws`. */
export function websocketBaseUrl(origin: string = window.location.origin): string {
  return origin.replace(/^http/, 'ws') + WS_PATH;
}

/** Prefix of the IndexedDB database that keeps a board on this device (`verksted-<boardId>`). */
export const LOCAL_DB_PREFIX = 'verksted-';

/** Below this width (CSS px) the board shows one area at a time with tabs. */
export const NARROW_LAYOUT_MAX_WIDTH_PX = 699;

/**
 * A board with this many notes or more draws only the notes near the screen (CSS
 * content-visibility; see board.css): big boards stay quick to drag on, small ones are drawn whole.
 */
export const MANY_NOTES = 100;

/** Mouse: how far the pointer must move before a drag starts, so a click still edits. */
export const POINTER_ACTIVATION_DISTANCE_PX = 6;
/** Touch: how long to press before a drag starts, so a swipe still scrolls. */
export const TOUCH_ACTIVATION_DELAY_MS = 250;
/** Touch: how far the finger may move during the press before the drag is abandoned. */
export const TOUCH_ACTIVATION_TOLERANCE_PX = 8;

/** New notes from others arriving within this window are announced together. */
export const ANNOUNCE_BATCH_MS = 2000;
/** How long "Copied" stays on a copy button. */
export const COPY_FEEDBACK_MS = 2000;

/** How often a running timer redraws (ms); below a second, so the seconds never skip. */
export const TIMER_TICK_MS = 250;

/**
 * After a phase change or lock the server takes a snapshot; the snapshot list is fetched again
 * at once and once more after this delay (ms), in case the snapshot was not listed yet.
 */
export const SNAPSHOT_REFRESH_DELAY_MS = 1500;
