/**
 * The board's snapshots. The facilitator (with the key) saves new ones, downloads any, restores
 * one as a new board or rolls the board back to it; participants see a read-only list of the
 * ones they may download. The list is fetched again when the phase or the lock changes (the
 * server takes a snapshot then) and after every change made here.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { MAX_TITLE_CHARS, TEST_IDS } from '@verksted/shared';
import { ApiError } from '../api/boards-api';
import {
  createSnapshot,
  listSnapshots,
  restoreSnapshotAsCopy,
  snapshotExportPath,
  type ExportFormat,
  type SnapshotInfo,
} from '../api/exports-api';
import { useSettingsValue } from '../board/settings-store';
import { SNAPSHOT_REFRESH_DELAY_MS } from '../config';
import { useExportsTranslation } from '../i18n/namespaces';
import { currentLanguage } from '../i18n/i18n';
import { log } from '../log';
import { boardPath, navigate } from '../router';
import { STORAGE_KEYS, writeStored } from '../storage';
import { useAppStore } from '../store/app-store';
import { describeApiError } from '../api/error-message';
import { RollbackDialog } from './RollbackDialog';
import { datedFileName, downloadFromServer } from './save-file';
import { useDownloadRunner } from './use-download-runner';
import './exports.css';

interface SnapshotListProps {
  boardId: string;
  /** The facilitator's key: manage snapshots. Null: a participant's read-only list. */
  facilitatorKey: string | null;
  doc: Y.Doc;
  /** The board's title, for file names. */
  title: string;
}

const FORMATS: readonly { format: ExportFormat; key: 'downloadJson' | 'downloadMarkdown' | 'downloadCsv' }[] = [
  { format: 'json', key: 'downloadJson' },
  { format: 'md', key: 'downloadMarkdown' },
  { format: 'csv', key: 'downloadCsv' },
];

/** Formats a snapshot's time in the UI language, e.g. "28 Nov 2025, 14:05". */
export function formatSnapshotTime(createdAt: number, language: string = currentLanguage()): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(createdAt));
}

export function SnapshotList({ boardId, facilitatorKey, doc, title }: SnapshotListProps) {
  const { t } = useExportsTranslation();
  const { t: tMain } = useTranslation();
  const headingId = useId();
  const manage = facilitatorKey !== null;
  const [snapshots, setSnapshots] = useState<SnapshotInfo[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [copying, setCopying] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<SnapshotInfo | null>(null);
  const runner = useDownloadRunner('snapshot', manage);
  const requestSeq = useRef(0);
  // The server takes a snapshot when the phase changes or the board is locked.
  const trigger = useSettingsValue(doc, (s) => `${s.phase}|${s.locked}|${s.participantDownloads}`);

  const refresh = useCallback(async (): Promise<void> => {
    const seq = ++requestSeq.current;
    try {
      const list = await listSnapshots(boardId, facilitatorKey);
      if (seq !== requestSeq.current) return;
      setSnapshots(list);
      setListError(null);
    } catch (caught) {
      if (seq !== requestSeq.current) return;
      log.warn('api', 'snapshot list unavailable', { boardId, error: String(caught) });
      const refused = !manage && caught instanceof ApiError && caught.status === 403;
      setListError(refused ? t('downloads.notAllowed') : describeApiError(caught, t, 'snapshot', manage));
    }
  }, [boardId, facilitatorKey, manage, t]);

  useEffect(() => {
    void refresh();
    const timer = setTimeout(() => void refresh(), SNAPSHOT_REFRESH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [refresh, trigger]);

  // Invalidate answers still on their way when the list goes away.
  useEffect(() => () => void (requestSeq.current += 1), []);

  const nameOf = (snapshot: SnapshotInfo): string =>
    `${snapshot.label || t(`snapshots.reason.${snapshot.reason}`)} (${formatSnapshotTime(snapshot.createdAt)})`;

  async function handleCopy(snapshot: SnapshotInfo): Promise<void> {
    if (!facilitatorKey) return;
    setCopying(snapshot.id);
    setActionError(null);
    setStatus(t('snapshots.copying'));
    try {
      const board = await restoreSnapshotAsCopy(boardId, facilitatorKey, snapshot.id);
      writeStored(STORAGE_KEYS.facilitatorKey(board.id), board.facilitatorKey);
      navigate(`${boardPath(board.id)}#key=${encodeURIComponent(board.facilitatorKey)}`);
    } catch (caught) {
      log.warn('api', 'restore as copy failed', { boardId, snapshotId: snapshot.id, error: String(caught) });
      setActionError(describeApiError(caught, t, 'restore', true));
      setStatus(null);
      setCopying(null);
    }
  }

  function handleRolledBack(snapshot: SnapshotInfo): void {
    setConfirming(null);
    const message = t('snapshots.rolledBack', { snapshot: nameOf(snapshot) });
    setStatus(message);
    useAppStore.getState().announce(message);
    void refresh();
  }

  const error = actionError ?? runner.error;
  return (
    <section className="panel-section panel-section--wide snapshots" aria-labelledby={headingId} data-testid={TEST_IDS.snapshotList}>
      <h3 id={headingId}>{manage ? t('snapshots.heading') : t('snapshots.participantHeading')}</h3>
      <p className="field-hint">{manage ? t('snapshots.intro') : t('snapshots.participantIntro')}</p>
      {manage && (
        <SaveSnapshotForm
          boardId={boardId}
          facilitatorKey={facilitatorKey}
          onSaved={(message) => {
            setStatus(message);
            void refresh();
          }}
          onError={setActionError}
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className="snapshots__status" role="status">
        {status ?? runner.status ?? ''}
      </p>
      {listError ? (
        <p className="snapshots__empty">{listError}</p>
      ) : snapshots === null ? (
        <p className="snapshots__empty">{t('snapshots.loading')}</p>
      ) : snapshots.length === 0 ? (
        <p className="snapshots__empty">{t('snapshots.none')}</p>
      ) : (
        <ul className="snapshot-list" aria-label={t('snapshots.listLabel')}>
          {snapshots.map((snapshot) => {
            const name = nameOf(snapshot);
            return (
              <li key={snapshot.id} className="snapshot" data-testid={TEST_IDS.snapshotItem} data-snapshot-id={snapshot.id} data-reason={snapshot.reason}>
                <p className="snapshot__title">
                  <strong>{snapshot.label || t(`snapshots.reason.${snapshot.reason}`)}</strong>{' '}
                  <time dateTime={new Date(snapshot.createdAt).toISOString()}>{formatSnapshotTime(snapshot.createdAt)}</time>
                </p>
                <p className="snapshot__details">
                  {snapshot.label && `${t(`snapshots.reason.${snapshot.reason}`)} · `}
                  {t('snapshots.details', {
                    phase: tMain(`phases.${snapshot.phase}`),
                    notes: t('snapshots.notes', { count: snapshot.noteCount }),
                  })}
                  {snapshot.secret && ` · ${t('snapshots.secret')}`}
                </p>
                <div className="button-row">
                  {FORMATS.map(({ format, key }) => (
                    <button
                      key={format}
                      type="button"
                      className="button button--small"
                      aria-label={t('snapshots.downloadLabel', { format: t(`snapshots.${key}`), snapshot: name })}
                      disabled={runner.busy !== null}
                      onClick={() =>
                        void runner.run(`${snapshot.id}.${format}`, () =>
                          downloadFromServer(
                            snapshotExportPath(boardId, snapshot.id, format),
                            datedFileName(title, format),
                            facilitatorKey,
                          ),
                        )
                      }
                    >
                      {t(`snapshots.${key}`)}
                    </button>
                  ))}
                  {manage && (
                    <>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={t('snapshots.copyLabel', { snapshot: name })}
                        disabled={copying !== null}
                        onClick={() => void handleCopy(snapshot)}
                      >
                        {t('snapshots.copy')}
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={t('snapshots.rollbackLabel', { snapshot: name })}
                        onClick={() => setConfirming(snapshot)}
                      >
                        {t('snapshots.rollback')}
                      </button>
                    </>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <div>
        <button type="button" className="button button--small" onClick={() => void refresh()}>
          {t('snapshots.refresh')}
        </button>
      </div>
      {manage && confirming && (
        <RollbackDialog
          boardId={boardId}
          facilitatorKey={facilitatorKey}
          snapshotId={confirming.id}
          snapshotName={nameOf(confirming)}
          onDone={() => handleRolledBack(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
    </section>
  );
}

interface SaveSnapshotFormProps {
  boardId: string;
  facilitatorKey: string;
  onSaved(message: string): void;
  onError(message: string | null): void;
}

function SaveSnapshotForm({ boardId, facilitatorKey, onSaved, onError }: SaveSnapshotFormProps) {
  const { t } = useExportsTranslation();
  const inputId = useId();
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    onError(null);
    try {
      await createSnapshot(boardId, facilitatorKey, label.trim());
      setLabel('');
      onSaved(t('snapshots.saved'));
    } catch (caught) {
      log.warn('api', 'snapshot not saved', { boardId, error: String(caught) });
      onError(describeApiError(caught, t, 'snapshot', true));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <div className="field">
        <label htmlFor={inputId}>{t('snapshots.labelInput')}</label>
        <input
          id={inputId}
          type="text"
          value={label}
          maxLength={MAX_TITLE_CHARS}
          placeholder={t('snapshots.labelPlaceholder')}
          onChange={(event) => setLabel(event.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('snapshots.saving') : t('snapshots.save')}
      </button>
    </form>
  );
}
