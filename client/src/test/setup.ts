/** Vitest setup: IndexedDB in memory, English UI, a fresh store and storage for every test. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { ensureParticipantId } from '../identity/participant-id';
import { resetAppStore } from '../store/app-store';
import { initTestI18n } from './i18n';
import { preloadBoardKit } from '../board/board-kit';

initTestI18n('en');
// The board's drag-and-drop layer is loaded on demand in the app; tests have it from the start.
await preloadBoardKit();

beforeEach(async () => {
  window.localStorage.clear();
  // A test that switched to Norwegian does not leave it on for the next.
  initTestI18n('en');
  resetAppStore();
  // The participant id is derived from the secret (Web Crypto, asynchronous), as in the app.
  await ensureParticipantId();
});

afterEach(() => {
  cleanup();
});
