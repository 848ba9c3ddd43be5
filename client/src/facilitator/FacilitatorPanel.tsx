/**
 * The facilitator's controls (loaded on demand: participants never download this code).
 * Settings go through `PATCH /api/boards/:id` (only the server writes them into the board);
 * areas are edited directly in the doc (the server allows that for the facilitator's connection).
 * Snapshots (`exports/SnapshotList`) and "Delete this board" (`DeleteBoard`) close the panel.
 */
import { useEffect, useId, useState } from 'react';
import { useFacilitationTranslation } from '../i18n/namespaces';
import type * as Y from 'yjs';
import {
  DEFAULT_VOTE_BUDGET,
  MAX_NAME_CHARS,
  MAX_STAKEHOLDER_GROUPS,
  MAX_TITLE_CHARS,
  MAX_VOTE_BUDGET,
  PHASES,
  STAKEHOLDER_GROUPS,
  TEST_IDS,
  type BoardSettings,
} from '@verksted/shared';
import { CONTROLS_BUTTON_ID } from '../board/BoardHeader';
import { formatRemaining, useTimerRemaining } from '../board/TimerDisplay';
import { useSettings } from '../board/settings-store';
import { useAreas } from '../board/use-areas';
import { groupLabel } from '../identity/group-label';
import { useAppStore } from '../store/app-store';
import { SnapshotList } from '../exports/SnapshotList';
import { AreaEditor } from './AreaEditor';
import { DeleteBoardSection } from './DeleteBoard';
import { useBoardPatch, type BoardPatcher } from './use-board-patch';
import { usePendingValue } from './use-pending-value';
import { formatNumber } from '../i18n/i18n';

interface FacilitatorPanelProps {
  boardId: string;
  facilitatorKey: string;
  doc: Y.Doc;
  title: string;
}

export default function FacilitatorPanel({ boardId, facilitatorKey, doc, title }: FacilitatorPanelProps) {
  const { t } = useFacilitationTranslation();
  const headingId = useId();
  const settings = useSettings(doc);
  const patcher = useBoardPatch(boardId, facilitatorKey);
  const [areaError, setAreaError] = useState<string | null>(null);
  const error = patcher.error ?? areaError;

  return (
    <aside className="facilitator-panel" aria-labelledby={headingId} data-testid={TEST_IDS.facilitatorPanel}>
      <div className="facilitator-panel__header">
        <h2 id={headingId}>{t('facilitator.title')}</h2>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            useAppStore.getState().setFacilitatorPanelOpen(false);
            document.getElementById(CONTROLS_BUTTON_ID)?.focus();
          }}
        >
          {t('facilitator.close')}
        </button>
      </div>
      {error && (
        <p className="form-error facilitator-panel__error" role="alert">
          {error}
        </p>
      )}
      <div className="facilitator-panel__grid">
        <PhaseSection settings={settings} patcher={patcher} />
        <TimerSection settings={settings} patcher={patcher} />
        <BoardSection settings={settings} patcher={patcher} doc={doc} />
        <TitleSection title={title} patcher={patcher} />
        <GroupsSection groups={settings.stakeholderGroups} patcher={patcher} />
        <AreaEditor doc={doc} onError={setAreaError} />
        <SnapshotList boardId={boardId} facilitatorKey={facilitatorKey} doc={doc} title={title} />
        <DeleteBoardSection boardId={boardId} facilitatorKey={facilitatorKey} title={title} />
      </div>
    </aside>
  );
}

interface SectionProps {
  settings: BoardSettings;
  patcher: BoardPatcher;
}

function PhaseSection({ settings, patcher }: SectionProps) {
  const { t } = useFacilitationTranslation();
  const headingId = useId();
  const index = PHASES.indexOf(settings.phase);
  const previous = PHASES[index - 1];
  const next = PHASES[index + 1];
  const go = (phase: BoardSettings['phase']): void => {
    if (phase !== settings.phase) void patcher.run({ phase });
  };
  return (
    <section className="panel-section panel-section--wide" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('facilitator.phaseHeading')}</h3>
      <ol className="phase-stepper" aria-label={t('facilitator.phaseStepper')}>
        {PHASES.map((phase, i) => (
          <li key={phase} className="phase-stepper__item">
            <button
              type="button"
              className={phase === settings.phase ? 'phase-stepper__button phase-stepper__button--current' : 'phase-stepper__button'}
              aria-current={phase === settings.phase ? 'step' : undefined}
              onClick={() => go(phase)}
            >
              <span className="phase-stepper__number" aria-hidden="true">
                {formatNumber(i + 1)}
              </span>
              {t(`phases.${phase}`)}
            </button>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button type="button" className="button" disabled={!previous} onClick={() => previous && go(previous)}>
          {previous ? t('facilitator.previousPhase', { phase: t(`phases.${previous}`) }) : t('facilitator.noPreviousPhase')}
        </button>
        <button type="button" className="button button--primary" disabled={!next} onClick={() => next && go(next)}>
          {next ? t('facilitator.nextPhase', { phase: t(`phases.${next}`) }) : t('facilitator.lastPhase')}
        </button>
      </div>
    </section>
  );
}

function TimerSection({ settings, patcher }: SectionProps) {
  const { t } = useFacilitationTranslation();
  const headingId = useId();
  const minutesId = useId();
  const { timer } = settings;
  const remaining = useTimerRemaining(timer);
  const [minutes, setMinutes] = useState(String(Math.max(1, Math.round(timer.durationMs / 60_000))));
  const running = timer.status === 'running';

  function handleSet(event: React.FormEvent): void {
    event.preventDefault();
    const value = Number(minutes.replace(',', '.'));
    if (!Number.isFinite(value) || value <= 0 || value > 240) {
      patcher.reportError(t('facilitator.timerInvalid'));
      return;
    }
    void patcher.run({ timer: { action: 'set', seconds: Math.round(value * 60) } });
  }

  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('facilitator.timerHeading')}</h3>
      <p className="panel-timer" aria-live="off">
        <span className="panel-timer__time">{formatRemaining(remaining)}</span>{' '}
        <span className="panel-timer__status">{t(`timer.status.${timer.status}`)}</span>
      </p>
      <form className="inline-form" onSubmit={handleSet} noValidate>
        <div className="field">
          <label htmlFor={minutesId}>{t('facilitator.timerMinutes')}</label>
          <input
            id={minutesId}
            type="number"
            inputMode="decimal"
            min={1}
            max={240}
            step={1}
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
          />
        </div>
        <button type="submit" className="button">
          {t('facilitator.timerSet')}
        </button>
      </form>
      <div className="button-row">
        {running ? (
          <button type="button" className="button button--primary" onClick={() => void patcher.run({ timer: { action: 'pause' } })}>
            {t('facilitator.timerPause')}
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={() => void patcher.run({ timer: { action: 'start' } })}>
            {t('facilitator.timerStart')}
          </button>
        )}
        <button type="button" className="button" onClick={() => void patcher.run({ timer: { action: 'add', seconds: 60 } })}>
          {t('facilitator.timerAddMinute')}
        </button>
        <button type="button" className="button" onClick={() => void patcher.run({ timer: { action: 'reset' } })}>
          {t('facilitator.timerReset')}
        </button>
      </div>
    </section>
  );
}

interface ToggleProps {
  label: string;
  hint: string;
  checked: boolean;
  /** Sends the change; resolves true when the server accepted it. */
  onChange(next: boolean): Promise<boolean>;
}

function Toggle({ label, hint, checked, onChange }: ToggleProps) {
  const id = useId();
  const hintId = useId();
  const [shown, start] = usePendingValue(checked);
  return (
    <div className="toggle">
      <input
        id={id}
        type="checkbox"
        checked={shown}
        aria-describedby={hintId}
        onChange={(event) => start(event.target.checked, onChange(event.target.checked))}
      />
      <label htmlFor={id}>{label}</label>
      <p id={hintId} className="field-hint">
        {hint}
      </p>
    </div>
  );
}

function BoardSection({ settings, patcher, doc }: SectionProps & { doc: Y.Doc }) {
  const { t } = useFacilitationTranslation();
  const headingId = useId();
  const budgetId = useId();
  const budgetHintId = useId();
  const focusId = useId();
  const areas = useAreas(doc);
  const [focus, startFocus] = usePendingValue(settings.focusAreaId ?? '');
  const [budget, setBudget] = useState(String(settings.voteBudget));
  useEffect(() => setBudget(String(settings.voteBudget)), [settings.voteBudget]);

  function handleBudget(event: React.FormEvent): void {
    event.preventDefault();
    const value = Number(budget);
    if (!Number.isInteger(value) || value < 1 || value > MAX_VOTE_BUDGET) {
      patcher.reportError(t('facilitator.budgetInvalid', { max: MAX_VOTE_BUDGET }));
      return;
    }
    void patcher.run({ voteBudget: value }, t('facilitator.budgetSaved', { count: value }));
  }

  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('facilitator.boardHeading')}</h3>
      <Toggle
        label={t('facilitator.lock')}
        hint={t('facilitator.lockHint')}
        checked={settings.locked}
        onChange={(locked) => patcher.run({ locked })}
      />
      <Toggle
        label={t('facilitator.anonymous')}
        hint={t('facilitator.anonymousHint')}
        checked={settings.anonymous}
        onChange={(anonymous) => patcher.run({ anonymous })}
      />
      <Toggle
        label={t('facilitator.reveal')}
        hint={t('facilitator.revealHint')}
        checked={settings.votesRevealed}
        onChange={(votesRevealed) => patcher.run({ votesRevealed })}
      />
      <Toggle
        label={t('facilitator.downloads')}
        hint={t('facilitator.downloadsHint')}
        checked={settings.participantDownloads}
        onChange={(participantDownloads) => patcher.run({ participantDownloads })}
      />
      <form className="inline-form" onSubmit={handleBudget} noValidate>
        <div className="field">
          <label htmlFor={budgetId}>{t('facilitator.budget')}</label>
          <input
            id={budgetId}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_VOTE_BUDGET}
            step={1}
            value={budget}
            placeholder={String(DEFAULT_VOTE_BUDGET)}
            aria-describedby={budgetHintId}
            onChange={(event) => setBudget(event.target.value)}
          />
          <p id={budgetHintId} className="field-hint">
            {t('facilitator.budgetHint', { max: MAX_VOTE_BUDGET })}
          </p>
        </div>
        <button type="submit" className="button">
          {t('facilitator.budgetSave')}
        </button>
      </form>
      <div className="field">
        <label htmlFor={focusId}>{t('facilitator.focus')}</label>
        <select
          id={focusId}
          value={focus}
          onChange={(event) => startFocus(event.target.value, patcher.run({ focusAreaId: event.target.value || null }))}
        >
          <option value="">{t('facilitator.focusNone')}</option>
          {areas.map((area) => (
            <option key={area.id} value={area.id}>
              {area.title}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}

function TitleSection({ title, patcher }: { title: string; patcher: BoardPatcher }) {
  const { t } = useFacilitationTranslation();
  const headingId = useId();
  const inputId = useId();
  const [draft, setDraft] = useState(title);
  useEffect(() => setDraft(title), [title]);
  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('facilitator.titleHeading')}</h3>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void patcher.run({ title: draft.trim() }, t('facilitator.titleSaved'));
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>{t('facilitator.titleLabel')}</label>
          <input id={inputId} type="text" value={draft} maxLength={MAX_TITLE_CHARS} onChange={(event) => setDraft(event.target.value)} />
        </div>
        <button type="submit" className="button">
          {t('facilitator.titleSave')}
        </button>
      </form>
    </section>
  );
}

function GroupsSection({ groups, patcher }: { groups: readonly string[]; patcher: BoardPatcher }) {
  const { t } = useFacilitationTranslation();
  const headingId = useId();
  const inputId = useId();
  const [draft, setDraft] = useState('');
  const isDefault = groups.length === STAKEHOLDER_GROUPS.length && groups.every((g, i) => g === STAKEHOLDER_GROUPS[i]);

  function save(next: string[], announcement: string): void {
    void patcher.run({ stakeholderGroups: next }, announcement);
  }

  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('facilitator.groupsHeading')}</h3>
      <p className="field-hint">{t('facilitator.groupsHint')}</p>
      {groups.length === 0 ? (
        <p>{t('facilitator.groupsNone')}</p>
      ) : (
        <ul className="group-list">
          {groups.map((group) => {
            const label = groupLabel(group, t);
            return (
              <li key={group} className="group-list__item">
                <span>{label}</span>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('facilitator.groupRemoveLabel', { group: label })}
                  onClick={() => save(groups.filter((g) => g !== group), t('facilitator.groupRemoved', { group: label }))}
                >
                  {t('facilitator.groupRemove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const group = draft.trim();
          if (!group || groups.includes(group)) return;
          save([...groups, group], t('facilitator.groupAdded', { group }));
          setDraft('');
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>{t('facilitator.groupNew')}</label>
          <input id={inputId} type="text" value={draft} maxLength={MAX_NAME_CHARS} onChange={(event) => setDraft(event.target.value)} />
        </div>
        <button type="submit" className="button" disabled={groups.length >= MAX_STAKEHOLDER_GROUPS}>
          {t('facilitator.groupAdd')}
        </button>
      </form>
      {!isDefault && (
        <button type="button" className="button button--small" onClick={() => save([...STAKEHOLDER_GROUPS], t('facilitator.groupsReset'))}>
          {t('facilitator.groupsUseDefault')}
        </button>
      )}
    </section>
  );
}
