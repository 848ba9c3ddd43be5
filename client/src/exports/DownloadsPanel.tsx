/**
 * The downloads panel (loaded on demand, with html-to-image loaded only for the picture): the
 * board as JSON, Markdown report, CSV and PNG, and the printable report. The facilitator's
 * requests carry the key and get the whole board; a participant's get what the server allows.
 * Participants also see the snapshots they may download.
 */
import { useId } from 'react';
import type * as Y from 'yjs';
import { TEST_IDS } from '@verksted/shared';
import { boardExportPath, type ExportFormat } from '../api/exports-api';
import { DOWNLOADS_BUTTON_ID } from '../board/BoardHeader';
import { useSettings } from '../board/settings-store';
import { useExportsTranslation } from '../i18n/namespaces';
import { currentLanguage } from '../i18n/i18n';
import { reportPath } from '../router';
import { useAppStore } from '../store/app-store';
import { renderBoardPicture } from './board-picture';
import { datedFileName, downloadFromServer, saveBlob } from './save-file';
import { SnapshotList } from './SnapshotList';
import { useDownloadRunner } from './use-download-runner';
import './exports.css';

interface DownloadsPanelProps {
  boardId: string;
  doc: Y.Doc;
  title: string;
  /** Acting as facilitator (the role the server gave, or the key on this device). */
  isFacilitator: boolean;
  /** The key, sent as Bearer when acting as facilitator. */
  facilitatorKey: string | null;
}

const SERVER_FILES: readonly { format: ExportFormat; label: 'json' | 'markdown' | 'csv'; hint: 'jsonHint' | 'markdownHint' | 'csvHint' }[] = [
  { format: 'json', label: 'json', hint: 'jsonHint' },
  { format: 'md', label: 'markdown', hint: 'markdownHint' },
  { format: 'csv', label: 'csv', hint: 'csvHint' },
];

export default function DownloadsPanel({ boardId, doc, title, isFacilitator, facilitatorKey }: DownloadsPanelProps) {
  const { t } = useExportsTranslation();
  const headingId = useId();
  const settings = useSettings(doc);
  const runner = useDownloadRunner('download', isFacilitator);
  const key = isFacilitator ? facilitatorKey : null;
  const allowed = isFacilitator || settings.participantDownloads;

  function handleClose(): void {
    useAppStore.getState().setDownloadsPanelOpen(false);
    document.getElementById(DOWNLOADS_BUTTON_ID)?.focus();
  }

  function downloadPicture(): Promise<string> {
    const showVotes = settings.phase === 'results' || (settings.phase === 'vote' && (settings.votesRevealed || isFacilitator));
    const date = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'long' }).format(new Date());
    return renderBoardPicture(doc, { showAuthors: !settings.anonymous, showVotes, date }).then((blob) => {
      const fileName = datedFileName(title, 'png');
      saveBlob(blob, fileName);
      return fileName;
    });
  }

  return (
    <aside className="downloads-panel" aria-labelledby={headingId} data-testid={TEST_IDS.downloadsPanel}>
      <div className="downloads-panel__header">
        <h2 id={headingId}>{t('downloads.title')}</h2>
        <button type="button" className="button button--small" onClick={handleClose}>
          {t('downloads.close')}
        </button>
      </div>
      {!allowed ? (
        <p>{t('downloads.notAllowed')}</p>
      ) : (
        <>
          <p className="field-hint">{t('downloads.intro')}</p>
          <ul className="download-list">
            {SERVER_FILES.map(({ format, label, hint }) => (
              <li key={format} className="download-list__item">
                <button
                  type="button"
                  className="button"
                  aria-describedby={`${headingId}-${format}`}
                  disabled={runner.busy !== null}
                  onClick={() =>
                    void runner.run(format, () => downloadFromServer(boardExportPath(boardId, format), datedFileName(title, format), key))
                  }
                >
                  {t(`downloads.${label}`)}
                </button>
                <p id={`${headingId}-${format}`} className="field-hint">
                  {t(`downloads.${hint}`)}
                </p>
              </li>
            ))}
            <li className="download-list__item">
              <button
                type="button"
                className="button"
                aria-describedby={`${headingId}-png`}
                disabled={runner.busy !== null}
                onClick={() => void runner.run('png', downloadPicture, () => t('downloads.pictureFailed'))}
              >
                {t('downloads.png')}
              </button>
              <p id={`${headingId}-png`} className="field-hint">
                {t('downloads.pngHint')}
              </p>
            </li>
            <li className="download-list__item">
              <a className="button" href={reportPath(boardId)} target="_blank" rel="noopener" aria-describedby={`${headingId}-report`}>
                {t('downloads.report')}
                <span className="visually-hidden"> {t('downloads.opensNewTab')}</span>
              </a>
              <p id={`${headingId}-report`} className="field-hint">
                {t('downloads.reportHint')}
              </p>
            </li>
          </ul>
          {runner.error && (
            <p className="form-error downloads-panel__error" role="alert">
              {runner.error}
            </p>
          )}
          <p className="downloads-panel__status" role="status">
            {runner.status ?? ''}
          </p>
          {!isFacilitator && <SnapshotList boardId={boardId} facilitatorKey={null} doc={doc} title={title} />}
        </>
      )}
    </aside>
  );
}
