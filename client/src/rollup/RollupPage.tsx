/**
 * `/rollup`: combine several workshops into one overview per area (loaded on demand). The
 * facilitator picks among the boards whose keys this device holds; the server checks every key,
 * merges the areas and ranks the notes (`POST /api/rollup`). The overview downloads as JSON,
 * Markdown or CSV from the same endpoint.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '@verksted/shared';
import { ApiError, fetchBoardInfo, type BoardInfo } from '../api/boards-api';
import { downloadRollup, fetchRollup, type ExportFormat, type RollupBoardRef, type RollupResult } from '../api/exports-api';
import { describeApiError, serverDetails } from '../api/error-message';
import { ServerDetails } from '../ui/ServerDetails';
import { saveBlob } from '../exports/save-file';
import { useDownloadRunner } from '../exports/use-download-runner';
import { useExportsTranslation } from '../i18n/namespaces';
import { currentLanguage } from '../i18n/i18n';
import { log } from '../log';
import { readStoredFacilitatorKeys } from '../home/facilitated-boards';
import { SkipLink, TopBar } from '../ui/TopBar';
import { RollupOverview } from './RollupOverview';
import '../report/report.css';
import '../exports/exports.css';

/** A board this device facilitates, with what the server says about it. */
interface BoardChoice {
  boardId: string;
  facilitatorKey: string;
  info: BoardInfo | null;
  /** The server no longer has it. */
  missing: boolean;
}

const DOWNLOADS: readonly { format: ExportFormat; label: 'json' | 'markdown' | 'csv' }[] = [
  { format: 'json', label: 'json' },
  { format: 'md', label: 'markdown' },
  { format: 'csv', label: 'csv' },
];

async function loadChoices(): Promise<BoardChoice[]> {
  const stored = readStoredFacilitatorKeys();
  const choices = await Promise.all(
    stored.map(async ({ boardId, facilitatorKey }): Promise<BoardChoice> => {
      try {
        return { boardId, facilitatorKey, info: await fetchBoardInfo(boardId), missing: false };
      } catch (error) {
        if (!(error instanceof ApiError && error.kind === 'not-found')) {
          log.warn('api', 'board info unavailable', { boardId, error: String(error) });
        }
        return { boardId, facilitatorKey, info: null, missing: error instanceof ApiError && error.kind === 'not-found' };
      }
    }),
  );
  const created = (choice: BoardChoice): number => new Date(choice.info?.createdAt ?? 0).getTime() || 0;
  return choices.sort((a, b) => Number(a.missing) - Number(b.missing) || created(b) - created(a));
}

export default function RollupPage() {
  const { t } = useExportsTranslation();
  const { t: tMain } = useTranslation();
  const legendId = useId();
  const errorId = useId();
  const [choices, setChoices] = useState<BoardChoice[] | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [result, setResult] = useState<{ refs: RollupBoardRef[]; overview: RollupResult } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; details: string | null } | null>(null);
  const runner = useDownloadRunner('rollup', true);
  const resultHeadingRef = useRef<HTMLHeadingElement>(null);

  // A new overview: take the keyboard and screen reader to it.
  useEffect(() => {
    if (result) resultHeadingRef.current?.focus();
  }, [result]);

  useEffect(() => {
    document.title = t('rollup.pageTitle');
  }, [t]);

  useEffect(() => {
    let active = true;
    void loadChoices().then((loaded) => {
      if (active) setChoices(loaded);
    });
    return () => {
      active = false;
    };
  }, []);

  function toggle(boardId: string, on: boolean): void {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(boardId);
      else next.delete(boardId);
      return next;
    });
  }

  async function handleCombine(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    const refs = (choices ?? [])
      .filter((choice) => selected.has(choice.boardId))
      .map((choice) => ({ id: choice.boardId, facilitatorKey: choice.facilitatorKey }));
    if (refs.length < 2) {
      setError({ message: t('rollup.pickAtLeast'), details: null });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult({ refs, overview: await fetchRollup(refs) });
    } catch (caught) {
      log.warn('api', 'roll-up failed', { boards: refs.length, error: String(caught) });
      setError({ message: describeApiError(caught, t, 'rollup', true), details: serverDetails(caught, 'rollup') });
    } finally {
      setBusy(false);
    }
  }

  const titles = new Map((choices ?? []).map((choice) => [choice.boardId, choice.info?.title ?? '']));
  const dateFormat = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium' });
  const today = new Date().toISOString().slice(0, 10);

  return (
    <div className="page">
      <SkipLink />
      <TopBar />
      <main id="main" className="home rollup" tabIndex={-1} data-testid={TEST_IDS.rollup}>
        <h1>{t('rollup.heading')}</h1>
        <p className="home__tagline">{t('rollup.intro')}</p>
        <section className="panel">
          {choices === null ? (
            <p role="status">{t('rollup.loadingBoards')}</p>
          ) : choices.length === 0 ? (
            <p>{t('rollup.noBoards')}</p>
          ) : (
            <form className="stack" noValidate onSubmit={(event) => void handleCombine(event)}>
              <fieldset aria-describedby={error ? errorId : undefined}>
                <legend id={legendId}>{t('rollup.boardsLegend')}</legend>
                <ul className="rollup__boards">
                  {choices.map((choice) => (
                    <li key={choice.boardId} data-testid={TEST_IDS.rollupBoard} data-board-id={choice.boardId}>
                      <label className="template-card">
                        <input
                          type="checkbox"
                          checked={selected.has(choice.boardId)}
                          disabled={choice.missing}
                          onChange={(event) => toggle(choice.boardId, event.target.checked)}
                        />
                        <span className="template-card__body">
                          <span className="template-card__title">{choice.info?.title || tMain('board.untitled')}</span>
                          <span className="template-card__areas">
                            {choice.missing
                              ? t('rollup.boardMissing')
                              : choice.info
                                ? t('rollup.boardDetails', {
                                    notes: t('rollup.notes', { count: choice.info.noteCount }),
                                    date: dateFormat.format(new Date(choice.info.createdAt)),
                                  })
                                : choice.boardId}
                          </span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              {error && (
                <div id={errorId} role="alert">
                  <p className="form-error">{error.message}</p>
                  <ServerDetails details={error.details} />
                </div>
              )}
              <div>
                <button type="submit" className="button button--primary" disabled={busy}>
                  {busy ? t('rollup.combining') : t('rollup.combine')}
                </button>
              </div>
            </form>
          )}
        </section>
        {result && (
          <section className="panel rollup__result" aria-labelledby="rollup-result-heading">
            <h2 id="rollup-result-heading" ref={resultHeadingRef} tabIndex={-1}>
              {t('rollup.resultHeading')}
            </h2>
            <p>{t('rollup.resultIntro', { count: result.refs.length })}</p>
            <div className="rollup__downloads">
              <h3>{t('rollup.downloadsHeading')}</h3>
              <div className="button-row">
                {DOWNLOADS.map(({ format, label }) => (
                  <button
                    key={format}
                    type="button"
                    className="button"
                    disabled={runner.busy !== null}
                    onClick={() =>
                      void runner.run(format, async () => {
                        const file = await downloadRollup(result.refs, format, `verksted-rollup-${today}.${format}`);
                        saveBlob(file.blob, file.fileName);
                        return file.fileName;
                      })
                    }
                  >
                    {t(`rollup.${label}`)}
                  </button>
                ))}
              </div>
              {runner.error && (
                <p className="form-error" role="alert">
                  {runner.error}
                </p>
              )}
              <p className="snapshots__status" role="status">
                {runner.status ?? ''}
              </p>
            </div>
            <RollupOverview overview={result.overview} titles={titles} />
          </section>
        )}
      </main>
    </div>
  );
}
