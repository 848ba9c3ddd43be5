import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { PHASES, TEST_IDS, readNote } from '@verksted/shared';
import { groupNotesTogether } from '../notes/note-actions';
import { log } from '../log';
import { selectIsFacilitator } from '../sync/connection-slice';
import { useAppStore } from '../store/app-store';
import { useSettings } from './settings-store';
import { TimerDisplay } from './TimerDisplay';
import { usePermission } from './use-permission';
import { useVotesValue } from './votes-store';

/**
 * Under the header, for everyone: the phase and what to do now, the timer, and what the phase
 * offers: the facilitator's "Peek at notes" in the brainstorm, "Group selected" in the cluster
 * phase, "N of M dots left" in the vote. Stays in view while the board scrolls.
 */
export function PhaseBar({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation();
  const settings = useSettings(doc);
  const isFacilitator = useAppStore(selectIsFacilitator);
  const mayCluster = usePermission(doc, 'cluster');
  const mayVote = usePermission(doc, 'vote');
  const peek = useAppStore((s) => s.peekNotes);
  const { phase, timer } = settings;
  const step = PHASES.indexOf(phase) + 1;
  const help =
    phase === 'brainstorm' && isFacilitator ? t('phaseHelp.brainstormFacilitator') : t(`phaseHelp.${phase}`);

  return (
    <section className={`phase-bar phase-bar--${phase}`} aria-label={t('phase.regionLabel')}>
      <div className="phase-bar__main">
        <p className="phase-bar__phase">
          <span className="phase-bar__step">{t('phase.step', { step, total: PHASES.length })}</span>{' '}
          <strong data-testid={TEST_IDS.phase} data-phase={phase}>
            {t(`phases.${phase}`)}
          </strong>
        </p>
        <p className="phase-bar__help">{help}</p>
      </div>
      <div className="phase-bar__tools">
        {timer.status !== 'idle' && <TimerDisplay timer={timer} announceEnd />}
        {phase === 'brainstorm' && isFacilitator && (
          <button
            type="button"
            className="button button--small"
            aria-pressed={peek}
            onClick={() => useAppStore.getState().setPeekNotes(!peek)}
          >
            {t('brainstorm.peek')}
          </button>
        )}
        {phase === 'cluster' && mayCluster && <GroupSelected doc={doc} />}
        {phase === 'vote' && mayVote && <DotsLeft doc={doc} budget={settings.voteBudget} />}
      </div>
    </section>
  );
}

/** "N of M dots left" (a refused dot is explained at its note). */
function DotsLeft({ doc, budget }: { doc: Y.Doc; budget: number }) {
  const { t } = useTranslation();
  const me = useAppStore((s) => s.participantId);
  const used = useVotesValue(doc, (store) => store.dotsUsed(me));
  const left = Math.max(0, budget - used);
  return (
    <p className="dots-left" data-testid={TEST_IDS.dotsLeft} data-left={left}>
      {t('vote.dotsLeft', { left, budget })}
    </p>
  );
}

/** The keyboard and touch way to group: notes chosen with their "Select" buttons. */
function GroupSelected({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation();
  const selected = useAppStore((s) => s.selectedNoteIds);

  function handleGroup(): void {
    const store = useAppStore.getState();
    const ids = selected.filter((id) => readNote(doc, id) !== null);
    if (ids.length < 2) return;
    try {
      groupNotesTogether(doc, ids);
      store.clearSelection();
      store.requestFocus({ kind: 'note', noteId: ids[0]! });
      store.announce(t('cluster.grouped', { count: ids.length }));
    } catch (error) {
      log.warn('board', 'notes could not be grouped', { count: ids.length, error: String(error) });
    }
  }

  return (
    <div className="group-selected">
      <button type="button" className="button button--small button--primary" disabled={selected.length < 2} onClick={handleGroup}>
        {t('cluster.groupSelected', { count: selected.length })}
      </button>
      {selected.length > 0 && (
        <button type="button" className="button button--small" onClick={() => useAppStore.getState().clearSelection()}>
          {t('cluster.clearSelection')}
        </button>
      )}
      {selected.length < 2 && <span className="group-selected__hint">{t('cluster.selectHint')}</span>}
    </div>
  );
}
