import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS, timerRemainingMs, type TimerState } from '@verksted/shared';
import { TIMER_TICK_MS } from '../config';
import { useAppStore } from '../store/app-store';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Milliseconds as mm:ss (h:mm:ss from an hour), rounded up: 0.2 s left still shows 00:01. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

interface TimerDisplayProps {
  timer: TimerState;
  /** Say "Time is up" in the live region when it reaches zero (one instance per page does). */
  announceEnd?: boolean;
  className?: string;
}

/**
 * The countdown, on the server's clock (`Date.now() + clockOffsetMs`), so every device shows
 * the same time whatever its own clock says. At zero: "Time is up", visibly and once politely.
 */
/** Milliseconds left on the server's clock, redrawn a few times a second while running. */
export function useTimerRemaining(timer: TimerState): number {
  const offset = useAppStore((s) => s.clockOffsetMs);
  const [, setTick] = useState(0);
  const running = timer.status === 'running';

  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setTick((n) => n + 1), TIMER_TICK_MS);
    return () => clearInterval(id);
  }, [running, timer.endsAt]);

  return timerRemainingMs(timer, Date.now() + offset);
}

export function TimerDisplay({ timer, announceEnd = false, className = 'timer' }: TimerDisplayProps) {
  const { t } = useTranslation();
  const remaining = useTimerRemaining(timer);
  const isUp = timer.status !== 'idle' && remaining === 0;

  const wasUpRef = useRef(isUp);
  useEffect(() => {
    if (announceEnd && isUp && !wasUpRef.current) useAppStore.getState().announce(t('timer.timeUp'));
    wasUpRef.current = isUp;
  }, [announceEnd, isUp, t]);

  const classes = [className, isUp ? `${className}--up` : '', timer.status === 'paused' ? `${className}--paused` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} role="timer" aria-label={t('timer.label')} data-testid={TEST_IDS.timer} data-status={timer.status}>
      <span className="timer__time">{formatRemaining(remaining)}</span>
      {isUp ? (
        <strong className="timer__up">{t('timer.timeUp')}</strong>
      ) : (
        timer.status === 'paused' && <span className="timer__state">{t('timer.paused')}</span>
      )}
    </div>
  );
}
