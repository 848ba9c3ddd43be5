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
} as const;
export type TestId = (typeof TEST_IDS)[keyof typeof TEST_IDS];
