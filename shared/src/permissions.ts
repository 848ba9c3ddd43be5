/**
 * What a participant may do, by phase and lock. The server's write policy enforces exactly these
 * rules on every incoming update; the client uses the same function to show only what will be
 * accepted. The facilitator may do everything except write the settings root, which only the
 * server writes (through the facilitator's HTTP API).
 */
import type { BoardSettings } from './facilitation.js';

export const PARTICIPANT_ACTIONS = [
  /** Add a note (during the brainstorm it stays private until shared). */
  'add-note',
  /** Edit the text or kind of, or delete, one's own note. */
  'edit-own-note',
  /** Move one's own note to another area or place. */
  'move-own-note',
  /** Move anyone's note, and make, name, move or dissolve clusters. */
  'cluster',
  /** Give and take back dots. */
  'vote',
] as const;
export type ParticipantAction = (typeof PARTICIPANT_ACTIONS)[number];

export function participantMay(settings: Pick<BoardSettings, 'phase' | 'locked'>, action: ParticipantAction): boolean {
  if (settings.locked) return false;
  const { phase } = settings;
  switch (action) {
    case 'add-note':
    case 'edit-own-note':
    case 'move-own-note':
      return phase === 'brainstorm' || phase === 'share' || phase === 'cluster';
    case 'cluster':
      return phase === 'cluster';
    case 'vote':
      return phase === 'vote';
  }
}

/**
 * True while participants' writes are kept from other participants: the silent brainstorm, and
 * the vote until the facilitator reveals it. The facilitator sees everything throughout.
 */
export function isSecretPhase(settings: Pick<BoardSettings, 'phase' | 'votesRevealed'>): boolean {
  return settings.phase === 'brainstorm' || (settings.phase === 'vote' && !settings.votesRevealed);
}
