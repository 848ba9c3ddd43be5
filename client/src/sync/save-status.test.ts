import { describe, expect, it } from 'vitest';
import {
  INITIAL_SAVE_TRACKER,
  deriveSaveStatus,
  reduceSaveTracker,
  shouldRequestSave,
  type SaveEvent,
  type SaveTracker,
} from './save-status';

function run(events: SaveEvent[], from: SaveTracker = INITIAL_SAVE_TRACKER): SaveTracker {
  return events.reduce(reduceSaveTracker, from);
}

const online: SaveEvent[] = [
  { type: 'connection', connected: true },
  { type: 'synced', synced: true },
];

describe('save status', () => {
  it('is saved when nothing was changed locally', () => {
    expect(deriveSaveStatus(run(online))).toBe('saved');
  });

  it('asks the server after a local change and is saving until the ack', () => {
    const changed = run([...online, { type: 'local-change' }]);
    expect(shouldRequestSave(changed)).toBe(true);
    expect(deriveSaveStatus(changed)).toBe('saving');
    const requested = reduceSaveTracker(changed, { type: 'request-sent', seq: 1 });
    expect(shouldRequestSave(requested)).toBe(false);
    expect(deriveSaveStatus(requested)).toBe('saving');
    expect(deriveSaveStatus(reduceSaveTracker(requested, { type: 'ack', seq: 1 }))).toBe('saved');
  });

  it('stays saving when a change came after the request that was acknowledged', () => {
    const state = run([
      ...online,
      { type: 'local-change' },
      { type: 'request-sent', seq: 1 },
      { type: 'local-change' },
      { type: 'ack', seq: 1 },
    ]);
    expect(deriveSaveStatus(state)).toBe('saving');
    expect(shouldRequestSave(state)).toBe(true);
    const done = run([{ type: 'request-sent', seq: 2 }, { type: 'ack', seq: 2 }], state);
    expect(deriveSaveStatus(done)).toBe('saved');
  });

  it('ignores an ack for an older request', () => {
    const state = run([
      ...online,
      { type: 'local-change' },
      { type: 'request-sent', seq: 1 },
      { type: 'local-change' },
      { type: 'request-sent', seq: 2 },
      { type: 'ack', seq: 1 },
    ]);
    expect(deriveSaveStatus(state)).toBe('saving');
    expect(deriveSaveStatus(reduceSaveTracker(state, { type: 'ack', seq: 2 }))).toBe('saved');
  });

  it('keeps changes made offline on the device and does not ask until synced', () => {
    const offline = run([{ type: 'local-change' }]);
    expect(deriveSaveStatus(offline)).toBe('offline');
    expect(shouldRequestSave(offline)).toBe(false);
    const connectedNotSynced = reduceSaveTracker(offline, { type: 'connection', connected: true });
    expect(shouldRequestSave(connectedNotSynced)).toBe(false);
    expect(shouldRequestSave(reduceSaveTracker(connectedNotSynced, { type: 'synced', synced: true }))).toBe(true);
  });

  it('asks again after a reconnect when the last request was never answered', () => {
    const lost = run([
      ...online,
      { type: 'local-change' },
      { type: 'request-sent', seq: 1 },
      { type: 'connection', connected: false },
    ]);
    expect(deriveSaveStatus(lost)).toBe('offline');
    const back = run(online, lost);
    expect(shouldRequestSave(back)).toBe(true);
    expect(deriveSaveStatus(run([{ type: 'request-sent', seq: 2 }, { type: 'ack', seq: 2 }], back))).toBe('saved');
  });

  it('says the server cannot save while it is not writable and there are unsaved changes', () => {
    const state = run([...online, { type: 'writable', writable: false }, { type: 'local-change' }]);
    expect(deriveSaveStatus(state)).toBe('not-writable');
    expect(deriveSaveStatus(run([{ type: 'writable', writable: false }]))).toBe('saved');
  });
});
