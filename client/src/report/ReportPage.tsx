/**
 * `/b/:boardId/report`: the printable report (loaded on demand). It opens the board through the
 * normal connection, as the facilitator when this device holds the key and otherwise as this
 * participant, keeps no copy on the device and shows no one in "who is online". "Print / save as
 * PDF" calls the browser's print dialog; `report.css` has the print style sheet.
 */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { useSettingsValue } from '../board/settings-store';
import { useBoardMeta } from '../board/use-board-meta';
import { NotFoundPage } from '../ui/lazy-pages';
import { useParticipantIdReady } from '../identity/participant-id';
import { useExportsTranslation } from '../i18n/namespaces';
import { boardPath } from '../router';
import { STORAGE_KEYS, readStored } from '../storage';
import { openBoardConnection, type BoardConnection } from '../sync/board-connection';
import { selectIsFacilitator } from '../sync/connection-slice';
import { useAppStore } from '../store/app-store';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Link } from '../ui/Link';
import { ReportView } from './ReportView';
import './report.css';

export default function ReportPage({ boardId }: { boardId: string }) {
  const { t } = useExportsTranslation();
  const [facilitatorKey] = useState(() => readStored(STORAGE_KEYS.facilitatorKey(boardId)));
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  const idReady = useParticipantIdReady();
  const contentReady = useAppStore((s) => s.contentReady);
  const connectionStatus = useAppStore((s) => s.connection);

  useEffect(() => {
    if (!idReady) return;
    const store = useAppStore.getState();
    store.resetConnection();
    store.setConnectionState({ hasFacilitatorKey: facilitatorKey !== null });
    const opened = openBoardConnection(boardId, {
      facilitatorKey,
      participantSecret: store.participantSecret,
      report: store.setConnectionState,
      persistLocally: false,
    });
    setConnection(opened);
    return () => {
      void opened.destroy();
      setConnection(null);
      useAppStore.getState().resetConnection();
    };
  }, [boardId, facilitatorKey, idReady]);

  if (connectionStatus === 'deleted') return <NotFoundPage deleted />;
  if (connectionStatus === 'not-found') return <NotFoundPage board />;

  return (
    <div className="report-page">
      <header className="report-page__toolbar">
        <Link className="button button--small" href={boardPath(boardId)}>
          {t('report.back')}
        </Link>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('report.print')}
        </button>
        <LanguageSwitch />
      </header>
      <main id="main" className="report-page__main" tabIndex={-1}>
        {connection && contentReady ? (
          <OpenReport doc={connection.doc} />
        ) : (
          <p className="report-page__loading" role="status">
            {t('report.loading')}
          </p>
        )}
      </main>
    </div>
  );
}

function OpenReport({ doc }: { doc: Y.Doc }) {
  const { t } = useExportsTranslation();
  const meta = useBoardMeta(doc);
  const isFacilitator = useAppStore(selectIsFacilitator);
  const allowed = useSettingsValue(doc, (s) => s.participantDownloads) || isFacilitator;
  useEffect(() => {
    document.title = t('report.pageTitle', { title: meta.title });
  }, [t, meta.title]);
  if (!allowed) {
    return (
      <p className="report-page__loading">{t('downloads.notAllowed')}</p>
    );
  }
  return <ReportView doc={doc} isFacilitator={isFacilitator} />;
}
