import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { useAppStore } from '../store/app-store';
import { useSettingsValue } from './settings-store';

/**
 * Says the new phase and what to do in it, politely, when the facilitator changes it (not when
 * the board opens), and drops state that belongs to the phase left (selection, vote notice).
 */
export function usePhaseAnnouncements(doc: Y.Doc, enabled: boolean): void {
  const { t } = useTranslation();
  const phase = useSettingsValue(doc, (s) => s.phase);
  const locked = useSettingsValue(doc, (s) => s.locked);
  const previousRef = useRef<{ phase: string; locked: boolean } | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const previous = previousRef.current;
    previousRef.current = { phase, locked };
    if (!previous) return;
    const store = useAppStore.getState();
    if (previous.phase !== phase) {
      store.clearSelection();
      store.setVoteNotice(null);
      store.announce(t('announce.phaseChanged', { phase: t(`phases.${phase}`), help: t(`phaseHelp.${phase}`) }));
    } else if (previous.locked !== locked) {
      store.announce(locked ? t('announce.locked') : t('announce.unlocked'));
    }
  }, [enabled, phase, locked, t]);
}
