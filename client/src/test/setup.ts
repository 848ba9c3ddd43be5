/** Vitest setup: IndexedDB in memory, English UI, a fresh store and storage for every test. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { initI18n } from '../i18n/i18n';
import { ensureParticipantId } from '../identity/participant-id';
import { resetAppStore } from '../store/app-store';

initI18n('en');

beforeEach(async () => {
  window.localStorage.clear();
  resetAppStore();
  // The participant id is derived from the secret (Web Crypto, asynchronous), as in the app.
  await ensureParticipantId();
});

afterEach(() => {
  cleanup();
});
