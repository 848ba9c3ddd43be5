import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fetchBoardInfo, type BoardInfo } from '../api/boards-api';
import { NotFoundPage } from '../home/NotFoundPage';
import { IdentityDialog } from '../identity/IdentityDialog';
import { useAuthor } from '../identity/use-author';
import { log } from '../log';
import { presenceColour } from '../presence/presence-colour';
import { SharePanel } from '../facilitator/SharePanel';
import { openBoardConnection, type BoardConnection } from '../sync/board-connection';
import { selectIsFacilitator, type ConnectionStatus } from '../sync/connection-slice';
import { INITIAL_UI_STATE } from './ui-slice';
import { useAppStore } from '../store/app-store';
import { SkipLink } from '../ui/TopBar';
import { BoardHeader } from './BoardHeader';
import { BoardView } from './BoardView';
import { LiveRegion } from './LiveRegion';
import { StatusBanners } from './StatusBanners';
import { takeFacilitatorKey } from './facilitator-key';
import { useBoardMeta } from './use-board-meta';
import { useNoteAnnouncements } from './use-note-announcements';

/**
 * `/b/:boardId`: takes the facilitator key from the fragment, asks a participant's name once,
 * opens the board connection, and renders header, banners and the board.
 */
export function BoardPage({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  const [facilitatorKey] = useState(() => takeFacilitatorKey(boardId));
  const [info, setInfo] = useState<BoardInfo | null>(null);
  const [infoNotFound, setInfoNotFound] = useState(false);
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  const serverRole = useAppStore((s) => s.serverRole);
  const isFacilitator = serverRole !== null ? serverRole === 'facilitator' : facilitatorKey !== null;
  const hasName = useAppStore((s) => s.name !== null);
  const connectionStatus = useAppStore((s) => s.connection);
  const identityDialogOpen = useAppStore((s) => s.identityDialogOpen);
  const sharePanelOpen = useAppStore((s) => s.sharePanelOpen);
  const needsName = !isFacilitator && !hasName;

  useEffect(() => {
    const controller = new AbortController();
    fetchBoardInfo(boardId, controller.signal).then(setInfo, (error: unknown) => {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.kind === 'not-found') setInfoNotFound(true);
      // Other failures (offline): the board still opens from the copy on this device.
      else log.warn('api', 'board info unavailable', { boardId, error: String(error) });
    });
    return () => controller.abort();
  }, [boardId]);

  useEffect(() => {
    if (needsName || infoNotFound) return;
    const store = useAppStore.getState();
    store.resetConnection();
    store.setConnectionState({ hasFacilitatorKey: facilitatorKey !== null });
    const opened = openBoardConnection(boardId, { facilitatorKey, report: store.setConnectionState });
    setConnection(opened);
    return () => {
      opened.destroy();
      setConnection(null);
      // The share panel flag is left alone: it is set just before arriving on a new board.
      const { sharePanelOpen: _keep, ...uiReset } = INITIAL_UI_STATE;
      useAppStore.setState(uiReset);
      useAppStore.getState().resetConnection();
    };
  }, [boardId, facilitatorKey, needsName, infoNotFound]);

  if (infoNotFound || connectionStatus === 'not-found') return <NotFoundPage board />;

  return (
    <div className="page page--board">
      <SkipLink />
      {needsName ? (
        <IdentityDialog mode="welcome" isFacilitator={false} onDone={() => undefined} />
      ) : connection ? (
        <OpenBoard
          connection={connection}
          info={info}
          isFacilitator={isFacilitator}
          facilitatorKey={facilitatorKey}
          sharePanelOpen={sharePanelOpen}
        />
      ) : (
        <p className="board__loading" role="status">
          {t('board.loading')}
        </p>
      )}
      {identityDialogOpen && !needsName && (
        <IdentityDialog
          mode="edit"
          isFacilitator={isFacilitator}
          onDone={() => useAppStore.getState().setIdentityDialogOpen(false)}
        />
      )}
      <LiveRegion />
    </div>
  );
}

interface OpenBoardProps {
  connection: BoardConnection;
  info: BoardInfo | null;
  isFacilitator: boolean;
  facilitatorKey: string | null;
  sharePanelOpen: boolean;
}

function OpenBoard({ connection, info, isFacilitator, facilitatorKey, sharePanelOpen }: OpenBoardProps) {
  const { t } = useTranslation();
  const { doc, awareness } = connection;
  const meta = useBoardMeta(doc);
  const contentReady = useAppStore((s) => s.contentReady);
  const connectionStatus = useAppStore((s) => s.connection);
  const author = useAuthor();
  const role = useAppStore(selectIsFacilitator) ? 'facilitator' : 'participant';
  const title = meta.title || info?.title || t('board.untitled');

  useEffect(() => {
    document.title = t('board.documentTitle', { title });
  }, [t, title]);

  useEffect(() => {
    connection.setPresence({
      name: author.name,
      group: author.group,
      role,
      participantId: author.participantId,
      colour: presenceColour(author.participantId),
    });
  }, [connection, author, role]);

  useConnectionAnnouncements(connectionStatus);
  useNoteAnnouncements(doc, contentReady);

  return (
    <>
      <BoardHeader title={title} joinCode={info?.joinCode ?? null} awareness={awareness} isFacilitator={isFacilitator} />
      {isFacilitator && sharePanelOpen && (
        <SharePanel boardId={connection.boardId} joinCode={info?.joinCode ?? null} facilitatorKey={facilitatorKey} />
      )}
      <StatusBanners />
      <main id="main" className="board-main" tabIndex={-1}>
        {contentReady ? (
          <BoardView doc={doc} />
        ) : (
          <p className="board__loading" role="status">
            {t('board.loading')}
          </p>
        )}
      </main>
    </>
  );
}

/** Says "Connection lost" / "Connected again" in the live region, only on real transitions. */
function useConnectionAnnouncements(status: ConnectionStatus): void {
  const { t } = useTranslation();
  const previousRef = useRef(status);
  const wasConnectedRef = useRef(false);
  useEffect(() => {
    const previous = previousRef.current;
    previousRef.current = status;
    if (status === previous) return;
    const { announce } = useAppStore.getState();
    if (wasConnectedRef.current && status === 'offline') announce(t('announce.connectionLost'));
    if (wasConnectedRef.current && status === 'connected' && previous === 'offline') announce(t('announce.connectionBack'));
    if (status === 'connected') wasConnectedRef.current = true;
  }, [status, t]);
}
