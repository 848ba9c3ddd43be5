/**
 * Limits both sides know about. The server can raise or lower the operational ones through env
 * (see server/src/config.ts); these are the defaults and the hard content rules.
 */

/** Longest note text, in characters. The client stops typing there; the server refuses longer. */
export const MAX_NOTE_TEXT_CHARS = 1000;
/** Longest board, area and group title, in characters. */
export const MAX_TITLE_CHARS = 120;
/** Longest area description, in characters. */
export const MAX_DESCRIPTION_CHARS = 500;
/** Longest display name, in characters. */
export const MAX_NAME_CHARS = 60;
/** Most areas on one board. */
export const MAX_AREAS = 24;

/** Default largest websocket message, in bytes. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
/** Default largest board document (encoded state), in bytes. */
export const DEFAULT_MAX_BOARD_BYTES = 16 * 1024 * 1024;
/** Default most notes on one board. */
export const DEFAULT_MAX_NOTES_PER_BOARD = 5000;
