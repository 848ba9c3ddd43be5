/** Vitest setup: IndexedDB in memory, English UI, a fresh store and storage for every test. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { initI18n } from '../i18n/i18n';
import { resetAppStore } from '../store/app-store';

initI18n('en');

beforeEach(() => {
  window.localStorage.clear();
  resetAppStore();
});

afterEach(() => {
  cleanup();
});
