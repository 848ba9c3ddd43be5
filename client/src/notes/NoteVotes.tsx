import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '@verksted/shared';
import { useBoardDoc } from '../board/board-context';
import { useSettingsValue } from '../board/settings-store';
import { usePermission } from '../board/use-permission';
import { getVotesStore, useMyDots, useNoteTally } from '../board/votes-store';
import { useAppStore } from '../store/app-store';
import { useIsFacilitator, useParticipantId, useVoteNotice } from '../store/app-store-select';
import { giveDot, takeBackDot } from './note-actions';
import { shorten } from './shorten';
import { useRenderProbe } from '../ui/render-probe';

/**
 * Dots on one note. In the vote phase: "Give a dot" / "Take back a dot" and the dots you gave
 * it. Totals once the facilitator reveals them (the facilitator sees them throughout the vote).
 * A dot past the budget is refused with a message, never silently.
 */
export const NoteVotes = memo(function NoteVotes({ noteId, text }: { noteId: string; text: string }) {
  useRenderProbe('NoteVotes', noteId);
  const { t } = useTranslation();
  const doc = useBoardDoc();
  const me = useParticipantId();
  const isFacilitator = useIsFacilitator();
  const mayVote = usePermission(doc, 'vote');
  const budget = useSettingsValue(doc, (s) => s.voteBudget);
  const showTotals = useSettingsValue(
    doc,
    (s) => (s.phase === 'vote' && (s.votesRevealed || isFacilitator)) || (s.phase === 'results'),
  );
  const inVote = useSettingsValue(doc, (s) => s.phase === 'vote');
  const mine = useMyDots(doc, me, noteId);
  const total = useNoteTally(doc, noteId, budget);
  const notice = useVoteNotice(noteId);
  if (!inVote && !showTotals) return null;
  const name = shorten(text);

  function handleGive(): void {
    const store = useAppStore.getState();
    if (giveDot(doc, me, noteId, budget)) {
      const left = Math.max(0, budget - getVotesStore(doc).dotsUsed(me));
      store.setVoteNotice(null);
      store.announce(t('vote.given', { text: name, left, budget }));
    } else {
      // The alert next to the button says it (and screen readers read an alert at once).
      store.setVoteNotice({ noteId, text: t('vote.noDotsLeft', { budget }) });
    }
  }

  function handleTakeBack(): void {
    const store = useAppStore.getState();
    if (takeBackDot(doc, me, noteId)) {
      const left = Math.max(0, budget - getVotesStore(doc).dotsUsed(me));
      store.setVoteNotice(null);
      store.announce(t('vote.takenBack', { text: name, left, budget }));
    }
  }

  return (
    <div className="note-votes">
      {inVote && mayVote && (
        <>
          <p className="note-votes__mine" data-testid={TEST_IDS.myDots} data-count={mine}>
            <span className="dots" aria-hidden="true">
              {'●'.repeat(Math.min(mine, 10))}
              {mine > 10 ? '+' : ''}
            </span>
            <span>{t('vote.yourDots', { count: mine })}</span>
          </p>
          <div className="note-votes__buttons">
            <button
              type="button"
              className="button button--small button--primary"
              aria-label={t('vote.giveLabel', { text: name })}
              onClick={handleGive}
            >
              {t('vote.give')}
            </button>
            {mine > 0 && (
              <button
                type="button"
                className="button button--small"
                aria-label={t('vote.takeBackLabel', { text: name })}
                onClick={handleTakeBack}
              >
                {t('vote.takeBack')}
              </button>
            )}
          </div>
        </>
      )}
      {notice && (
        <p className="note-votes__notice" role="alert">
          {notice}
        </p>
      )}
      {showTotals && (
        <p className="note-votes__total" data-testid={TEST_IDS.noteVotes} data-count={total}>
          {t('vote.total', { count: total })}
        </p>
      )}
    </div>
  );
});
