/**
 * `data-testid` values the client renders and the end-to-end tests select by. Kept here so the
 * two cannot drift apart. Prefer roles and labels in tests; these are for things without a
 * natural accessible name (a note card, an area column).
 */
export const TEST_IDS = {
  boardTitle: 'board-title',
  area: 'area',
  note: 'note',
  noteText: 'note-text',
  addNoteButton: 'add-note',
  noteInput: 'note-input',
  /** The textarea of the inline editor of an existing note (client). */
  noteEditInput: 'note-edit-input',
  connectionStatus: 'connection-status',
  saveStatus: 'save-status',
  onlineCount: 'online-count',
  joinCode: 'join-code',
  participantLink: 'participant-link',
  facilitatorLink: 'facilitator-link',
  areaTabs: 'area-tabs',
  /** The current phase's name in the board header and on the projector (client). */
  phase: 'phase',
  /** The countdown (mm:ss, or "Time is up"), wherever it shows (client). */
  timer: 'timer',
  /** The banner shown while the board is locked (client). */
  lockedBanner: 'locked-banner',
  /** "N of M dots left" in the header during the vote (client). */
  dotsLeft: 'dots-left',
  /** This participant's own dots on one note (client). */
  myDots: 'my-dots',
  /** The total dots on one note, once they are visible (client). */
  noteVotes: 'note-votes',
  /** A group of notes (a cluster) on the board (client). */
  cluster: 'cluster',
  /** "12 notes so far" of an area during the silent brainstorm (client, board and projector). */
  brainstormCount: 'brainstorm-count',
  /** The ranked results of the whole board (client). */
  results: 'results',
  /** One ranked note or group in the results (client). */
  resultItem: 'result-item',
  /** The facilitator's control panel (client). */
  facilitatorPanel: 'facilitator-panel',
  /** The projector view's root (client). */
  projector: 'projector',
  /** Live participant count on the projector (client). */
  participantCount: 'participant-count',
  /** A QR code for the participant link (client, projector and share panel). */
  qrCode: 'qr-code',
  /** "That change could not be saved…; the board was reloaded" (client). */
  refusedNotice: 'refused-notice',
  /** The downloads panel on the board (client). */
  downloadsPanel: 'downloads-panel',
  /** The list of snapshots: facilitator panel section or participants' read-only list (client). */
  snapshotList: 'snapshot-list',
  /** One snapshot in that list; carries `data-snapshot-id` and `data-reason` (client). */
  snapshotItem: 'snapshot-item',
  /** The printable report page's document (client, `/b/:id/report`). */
  report: 'report',
  /** One ranked note or group in the printable report; carries `data-votes` and `data-type` (client). */
  reportItem: 'report-item',
  /** The roll-up overview of several workshops (client, `/rollup`). */
  rollup: 'rollup',
  /** One board to pick on the roll-up page; carries `data-board-id` (client). */
  rollupBoard: 'rollup-board',
  /** One ranked note in the roll-up overview; carries `data-votes` and `data-board-id` (client). */
  rollupItem: 'rollup-item',
  /** "This workshop was deleted" on a board, projector or report page (client). */
  boardDeleted: 'board-deleted',
  /** The notice on the front page after the facilitator deleted a board (client). */
  homeNotice: 'home-notice',
  /** The off-screen drawing of the board that becomes the PNG download (client). */
  boardPicture: 'board-picture',
} as const;
export type TestId = (typeof TEST_IDS)[keyof typeof TEST_IDS];
