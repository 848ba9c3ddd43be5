/**
 * The facilitator-controlled state of a board: phase, lock, anonymity, vote budget and reveal,
 * projector focus, timer, the stakeholder groups offered on joining, and the per-area counts the
 * projector shows during the private brainstorm.
 *
 * It lives in the board document's `settings` root so every client follows it live, but only
 * the server writes it: the server's write policy refuses any participant edit to this root, and
 * the facilitator changes it through `PATCH /api/boards/:id` (the timer needs the server's clock).
 */
import * as Y from 'yjs';
import { BoardInputError, ROOT, SETTINGS, bool, num, rootMap } from './schema-keys.js';
import { MAX_NAME_CHARS } from './limits.js';
import { PHASES, STAKEHOLDER_GROUPS, isPhase, type Phase } from './vocabulary.js';

export const DEFAULT_VOTE_BUDGET = 5;
/**
 * A new board is open: everyone sees every note. The facilitator starts the silent brainstorm
 * when the room is ready; a board that anyone (or any script) can simply write to is the safer
 * default than one that silently hides notes.
 */
export const DEFAULT_PHASE: Phase = 'share';
export const MAX_VOTE_BUDGET = 50;
export const MAX_STAKEHOLDER_GROUPS = 20;
/** Longest a timer can be set to, in milliseconds (4 hours). */
export const MAX_TIMER_MS = 4 * 60 * 60 * 1000;

export const TIMER_STATUS = { idle: 'idle', running: 'running', paused: 'paused' } as const;
export type TimerStatus = (typeof TIMER_STATUS)[keyof typeof TIMER_STATUS];

/**
 * A countdown. While running, `endsAt` is the server's clock (ms since epoch) when it reaches zero;
 * clients convert with their measured offset to the server clock, so all devices agree whatever
 * their own clocks say. While idle or paused, `remainingMs` is what is left.
 */
export interface TimerState {
  status: TimerStatus;
  durationMs: number;
  endsAt: number | null;
  remainingMs: number;
}

export interface BoardSettings {
  phase: Phase;
  locked: boolean;
  anonymous: boolean;
  voteBudget: number;
  votesRevealed: boolean;
  focusAreaId: string | null;
  timer: TimerState;
  /** Stakeholder groups offered when joining: ids of STAKEHOLDER_GROUPS or the facilitator's own labels. */
  stakeholderGroups: string[];
  /** Whether participants may download exports of the board. */
  participantDownloads: boolean;
  /** Notes per area written so far in the private brainstorm (texts stay private). */
  brainstormCounts: Record<string, number>;
}

export const IDLE_TIMER: TimerState = { status: 'idle', durationMs: 5 * 60_000, endsAt: null, remainingMs: 5 * 60_000 };

function settingsMap(doc: Y.Doc): Y.Map<unknown> {
  return rootMap(doc, ROOT.settings);
}

function readTimer(value: unknown): TimerState {
  if (typeof value !== 'object' || value === null) return { ...IDLE_TIMER };
  const raw = value as Record<string, unknown>;
  const status = raw.status === 'running' || raw.status === 'paused' ? raw.status : 'idle';
  const durationMs = num(raw.durationMs, IDLE_TIMER.durationMs);
  return {
    status,
    durationMs,
    endsAt: status === 'running' ? num(raw.endsAt) : null,
    remainingMs: num(raw.remainingMs, durationMs),
  };
}

function readCounts(value: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  if (typeof value !== 'object' || value === null) return counts;
  for (const [areaId, n] of Object.entries(value as Record<string, unknown>)) {
    if (typeof n === 'number' && Number.isFinite(n)) counts[areaId] = n;
  }
  return counts;
}

/** The board's facilitation settings; defaults for anything not set. */
export function readSettings(doc: Y.Doc): BoardSettings {
  const map = settingsMap(doc);
  const phase = map.get(SETTINGS.phase);
  const groups = map.get(SETTINGS.stakeholderGroups);
  const focus = map.get(SETTINGS.focusAreaId);
  return {
    phase: isPhase(phase) ? phase : DEFAULT_PHASE,
    locked: bool(map.get(SETTINGS.locked)),
    anonymous: bool(map.get(SETTINGS.anonymous)),
    voteBudget: num(map.get(SETTINGS.voteBudget), DEFAULT_VOTE_BUDGET),
    votesRevealed: bool(map.get(SETTINGS.votesRevealed)),
    focusAreaId: typeof focus === 'string' && focus ? focus : null,
    timer: readTimer(map.get(SETTINGS.timer)),
    stakeholderGroups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [...STAKEHOLDER_GROUPS],
    participantDownloads: bool(map.get(SETTINGS.participantDownloads), true),
    brainstormCounts: readCounts(map.get(SETTINGS.brainstormCounts)),
  };
}

export type SettingsPatch = Partial<Omit<BoardSettings, 'timer' | 'brainstormCounts'>> & {
  timer?: TimerState;
  brainstormCounts?: Record<string, number>;
};

/** Checks a patch against the rules; throws BoardInputError naming the first problem. */
export function validateSettingsPatch(patch: SettingsPatch): void {
  if (patch.phase !== undefined && !isPhase(patch.phase)) {
    throw new BoardInputError('bad-value', `phase must be one of ${PHASES.join(', ')}`);
  }
  if (patch.voteBudget !== undefined) {
    if (!Number.isInteger(patch.voteBudget) || patch.voteBudget < 1 || patch.voteBudget > MAX_VOTE_BUDGET) {
      throw new BoardInputError('bad-value', `voteBudget must be a whole number from 1 to ${MAX_VOTE_BUDGET}`);
    }
  }
  if (patch.stakeholderGroups !== undefined) {
    const groups = patch.stakeholderGroups;
    if (groups.length > MAX_STAKEHOLDER_GROUPS) {
      throw new BoardInputError('bad-value', `at most ${MAX_STAKEHOLDER_GROUPS} stakeholder groups`);
    }
    for (const g of groups) {
      if (typeof g !== 'string' || !g.trim() || g.length > MAX_NAME_CHARS) {
        throw new BoardInputError('bad-value', `a stakeholder group is 1 to ${MAX_NAME_CHARS} characters`);
      }
    }
  }
  if (patch.timer !== undefined && (patch.timer.durationMs < 0 || patch.timer.durationMs > MAX_TIMER_MS)) {
    throw new BoardInputError('bad-value', 'timer is longer than 4 hours');
  }
}

/** Writes a settings patch in one transaction (server only: participants' edits here are refused). */
export function updateSettings(doc: Y.Doc, patch: SettingsPatch, origin?: unknown): void {
  validateSettingsPatch(patch);
  const map = settingsMap(doc);
  doc.transact(() => {
    if (patch.phase !== undefined) map.set(SETTINGS.phase, patch.phase);
    if (patch.locked !== undefined) map.set(SETTINGS.locked, patch.locked);
    if (patch.anonymous !== undefined) map.set(SETTINGS.anonymous, patch.anonymous);
    if (patch.voteBudget !== undefined) map.set(SETTINGS.voteBudget, patch.voteBudget);
    if (patch.votesRevealed !== undefined) map.set(SETTINGS.votesRevealed, patch.votesRevealed);
    if (patch.focusAreaId !== undefined) map.set(SETTINGS.focusAreaId, patch.focusAreaId ?? '');
    if (patch.timer !== undefined) map.set(SETTINGS.timer, { ...patch.timer });
    if (patch.stakeholderGroups !== undefined) map.set(SETTINGS.stakeholderGroups, patch.stakeholderGroups.map((g) => g.trim()));
    if (patch.participantDownloads !== undefined) map.set(SETTINGS.participantDownloads, patch.participantDownloads);
    if (patch.brainstormCounts !== undefined) map.set(SETTINGS.brainstormCounts, { ...patch.brainstormCounts });
  }, origin);
}

export function observeSettings(doc: Y.Doc, callback: () => void): () => void {
  const map = settingsMap(doc);
  const handler = (): void => callback();
  map.observe(handler);
  return () => map.unobserve(handler);
}

// ---------------------------------------------------------------------------------------------
// Timer arithmetic (pure; `now` is the server's clock)

export function timerRemainingMs(timer: TimerState, now: number): number {
  if (timer.status === 'running' && timer.endsAt !== null) return Math.max(0, timer.endsAt - now);
  return Math.max(0, timer.remainingMs);
}

export type TimerAction =
  | { action: 'set'; seconds: number }
  | { action: 'start' }
  | { action: 'pause' }
  | { action: 'reset' }
  | { action: 'add'; seconds: number };

/** The timer after a facilitator action at server time `now`. */
export function applyTimerAction(timer: TimerState, command: TimerAction, now: number): TimerState {
  const remaining = timerRemainingMs(timer, now);
  switch (command.action) {
    case 'set': {
      const ms = Math.round(command.seconds * 1000);
      if (!(ms > 0 && ms <= MAX_TIMER_MS)) throw new BoardInputError('bad-value', 'timer must be between 1 second and 4 hours');
      return { status: 'idle', durationMs: ms, endsAt: null, remainingMs: ms };
    }
    case 'start':
      if (timer.status === 'running') return timer;
      return { ...timer, status: 'running', endsAt: now + (remaining > 0 ? remaining : timer.durationMs), remainingMs: 0 };
    case 'pause':
      if (timer.status !== 'running') return timer;
      return { ...timer, status: 'paused', endsAt: null, remainingMs: remaining };
    case 'reset':
      return { status: 'idle', durationMs: timer.durationMs, endsAt: null, remainingMs: timer.durationMs };
    case 'add': {
      const ms = Math.round(command.seconds * 1000);
      if (!(Math.abs(ms) <= MAX_TIMER_MS)) throw new BoardInputError('bad-value', 'too much time to add');
      if (timer.status === 'running' && timer.endsAt !== null) {
        return { ...timer, endsAt: Math.max(now, timer.endsAt + ms) };
      }
      return { ...timer, remainingMs: Math.min(MAX_TIMER_MS, Math.max(0, remaining + ms)) };
    }
  }
}
