import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_IDS, type TimerState } from '@verksted/shared';
import { useAppStore } from '../store/app-store';
import { LiveRegion } from './LiveRegion';
import { TimerDisplay, formatRemaining } from './TimerDisplay';

const NOW = Date.UTC(2025, 0, 1, 9, 0, 0);

describe('TimerDisplay', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('formats as mm:ss, rounding up, and h:mm:ss from an hour', () => {
    expect(formatRemaining(0)).toBe('00:00');
    expect(formatRemaining(200)).toBe('00:01');
    expect(formatRemaining(5 * 60_000)).toBe('05:00');
    expect(formatRemaining(61 * 60_000 + 5_000)).toBe('1:01:05');
  });

  it('counts down on the server clock, whatever this device says', () => {
    // This device's clock is 90 s behind the server's.
    useAppStore.getState().setConnectionState({ clockOffsetMs: 90_000 });
    const timer: TimerState = { status: 'running', durationMs: 300_000, endsAt: NOW + 90_000 + 120_000, remainingMs: 0 };
    render(<TimerDisplay timer={timer} />);
    const display = screen.getByRole('timer', { name: 'Timer' });
    expect(display.textContent).toBe('02:00');
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(display.textContent).toBe('01:30');
    expect(screen.getByTestId(TEST_IDS.timer).dataset.status).toBe('running');
  });

  it('shows a paused timer without ticking', () => {
    const timer: TimerState = { status: 'paused', durationMs: 300_000, endsAt: null, remainingMs: 75_000 };
    render(<TimerDisplay timer={timer} />);
    expect(screen.getByRole('timer').textContent).toBe('01:15Paused');
  });

  it('says "Time is up" at zero, visibly and once in the live region', () => {
    const timer: TimerState = { status: 'running', durationMs: 60_000, endsAt: NOW + 2_000, remainingMs: 0 };
    render(
      <>
        <TimerDisplay timer={timer} announceEnd />
        <LiveRegion />
      </>,
    );
    expect(screen.queryByText('Time is up')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(2_500);
    });
    expect(screen.getByRole('timer').textContent).toBe('00:00Time is up');
    expect(useAppStore.getState().announcement?.text).toBe('Time is up');
    const id = useAppStore.getState().announcement?.id;
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(useAppStore.getState().announcement?.id).toBe(id);
  });
});
