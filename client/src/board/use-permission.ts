import type * as Y from 'yjs';
import { PARTICIPANT_ACTIONS, participantMay, type BoardSettings, type ParticipantAction } from '@verksted/shared';
import { useIsFacilitator } from '../store/app-store-select';
import { useSettingsValue } from './settings-store';

function mayAct(settings: BoardSettings, isFacilitator: boolean, action: ParticipantAction): boolean {
  return isFacilitator ? action !== 'vote' || settings.phase === 'vote' : participantMay(settings, action);
}

/**
 * Whether this user may do `action` now, so the UI offers only what the server accepts:
 * participants by phase and lock (`participantMay`, the rule the server enforces), the
 * facilitator always (except voting, which only exists in the vote phase).
 */
export function usePermission(doc: Y.Doc, action: ParticipantAction): boolean {
  const isFacilitator = useIsFacilitator();
  return useSettingsValue(doc, (settings) => mayAct(settings, isFacilitator, action));
}

/**
 * Every action at once, as a bit mask (one subscription for components rendered per note);
 * test it with `allows`.
 */
export function usePermissions(doc: Y.Doc): number {
  const isFacilitator = useIsFacilitator();
  return useSettingsValue(doc, (settings) =>
    PARTICIPANT_ACTIONS.reduce((mask, action, bit) => (mayAct(settings, isFacilitator, action) ? mask | (1 << bit) : mask), 0),
  );
}

export function allows(mask: number, action: ParticipantAction): boolean {
  return (mask & (1 << PARTICIPANT_ACTIONS.indexOf(action))) !== 0;
}
