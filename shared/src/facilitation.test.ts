import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTimerAction, IDLE_TIMER, readSettings, timerRemainingMs, updateSettings } from './facilitation.js';
import { BoardInputError } from './schema-keys.js';

describe('facilitation settings', () => {
  it('has workshop defaults before anything is set', () => {
    const settings = readSettings(new Y.Doc());
    expect(settings).toMatchObject({ phase: 'share', locked: false, anonymous: false, voteBudget: 5, votesRevealed: false });
    expect(settings.stakeholderGroups).toContain('politicians');
  });

  it('writes a patch and refuses bad values without changing anything', () => {
    const doc = new Y.Doc();
    updateSettings(doc, { phase: 'vote', voteBudget: 3, locked: true, stakeholderGroups: ['Ansatte', 'Eldrerådet'] });
    expect(readSettings(doc)).toMatchObject({ phase: 'vote', voteBudget: 3, locked: true, stakeholderGroups: ['Ansatte', 'Eldrerådet'] });
    expect(() => updateSettings(doc, { phase: 'party' as never })).toThrow(BoardInputError);
    expect(() => updateSettings(doc, { voteBudget: 0 })).toThrow(/voteBudget/);
    expect(() => updateSettings(doc, { voteBudget: 2.5 })).toThrow(/voteBudget/);
    expect(readSettings(doc).phase).toBe('vote');
  });
});

describe('timer', () => {
  it('counts down on the server clock, pauses, adds a minute and resets', () => {
    let timer = applyTimerAction(IDLE_TIMER, { action: 'set', seconds: 300 }, 0);
    timer = applyTimerAction(timer, { action: 'start' }, 1_000);
    expect(timerRemainingMs(timer, 61_000)).toBe(240_000);
    timer = applyTimerAction(timer, { action: 'pause' }, 61_000);
    expect(timerRemainingMs(timer, 999_999)).toBe(240_000);
    timer = applyTimerAction(timer, { action: 'add', seconds: 60 }, 70_000);
    expect(timerRemainingMs(timer, 70_000)).toBe(300_000);
    timer = applyTimerAction(timer, { action: 'start' }, 100_000);
    timer = applyTimerAction(timer, { action: 'add', seconds: 60 }, 100_000);
    expect(timerRemainingMs(timer, 100_000)).toBe(360_000);
    expect(timerRemainingMs(timer, 10_000_000)).toBe(0);
    timer = applyTimerAction(timer, { action: 'reset' }, 200_000);
    expect(timer).toMatchObject({ status: 'idle', remainingMs: 300_000 });
    expect(() => applyTimerAction(timer, { action: 'set', seconds: 0 }, 0)).toThrow(BoardInputError);
  });
});
