import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import type * as Y from 'yjs';
import { STAKEHOLDER_GROUPS } from '@verksted/shared';
import { ApiError, fetchBoardInfo, type BoardInfo } from '../api/boards-api';
import { REFUSALS_NS } from '../i18n/namespaces';
import { NotFoundPage } from '../ui/lazy-pages';
import { IdentityDialog } from '../identity/IdentityDialog';
import { useParticipantIdReady } from '../identity/participant-id';
import { useAuthor } from '../identity/use-author';
import { log } from '../log';
import { presenceColour } from '../presence/presence-colour';
import { openBoardConnection, type BoardConnection } from '../sync/board-connection';
import { selectIsFacilitator, type ConnectionStatus } from '../sync/connection-slice';
import { INITIAL_UI_STATE } from './ui-slice';
import { useAppStore } from '../store/app-store';
import { STORAGE_KEYS, writeStored } from '../storage';
import { SkipLink } from '../ui/TopBar';
import { BoardHeader } from './BoardHeader';
import { BoardView } from './BoardView';
import { preloadBoardKit } from './board-kit';
import { LiveRegion } from './LiveRegion';
import { PhaseBar } from './PhaseBar';
import { StatusBanners } from './StatusBanners';
import { takeFacilitatorKey } from './facilitator-key';
import { useSettingsValue } from './settings-store';
import { useBoardMeta } from './use-board-meta';
import { useNoteAnnouncements } from './use-note-announcements';
import { usePhaseAnnouncements } from './use-phase-announcements';

/** The facilitator's controls are loaded on demand: participants' phones never download them. */
const FacilitatorPanel = lazy(() => import('../facilitator/FacilitatorPanel'));
/** The share panel (links, QR code, copy buttons) is the facilitator's only: loaded when opened. */
const SharePanel = lazy(() => import('../facilitator/SharePanel').then((m) => ({ default: m.SharePanel })));
/** Downloads (and html-to-image, for the picture) are loaded when the panel is first opened. */
const DownloadsPanel = lazy(() => import('../exports/DownloadsPanel'));

/** UI state that belongs to one doc: dropped when the doc is replaced. */
const DOC_UI_RESET = {
  composerAreaId: null,
  editingNoteId: null,
  drag: null,
  focusRequest: null,
  selectedNoteIds: [],
} as const;

/**
 * `/b/:boardId`: takes the facilitator key from the fragment, opens the board connection, asks
 * a participant's name once (offering the board's stakeholder groups), and renders header,
 * phase bar, banners and the board. When the server refuses a change (MESSAGE_REFUSED) the
 * local copy is thrown away and the board is opened again from the server.
 */
export function BoardPage({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  const [facilitatorKey] = useState(() => takeFacilitatorKey(boardId));
  const [info, setInfo] = useState<BoardInfo | null>(null);
  const [infoNotFound, setInfoNotFound] = useState(false);
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  const idReady = useParticipantIdReady();
  const serverRole = useAppStore((s) => s.serverRole);
  const isFacilitator = serverRole !== null ? serverRole === 'facilitator' : facilitatorKey !== null;
  const hasName = useAppStore((s) => s.name !== null);
  const connectionStatus = useAppStore((s) => s.connection);
  const identityDialogOpen = useAppStore((s) => s.identityDialogOpen);
  const sharePanelOpen = useAppStore((s) => s.sharePanelOpen);
  const facilitatorPanelOpen = useAppStore((s) => s.facilitatorPanelOpen);
  const needsName = !isFacilitator && !hasName;

  // Dragging notes loads alongside the board's data (already started in main.tsx on a fresh load).
  useEffect(() => {
    void preloadBoardKit().catch(() => undefined);
  }, []);

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
    if (!idReady || infoNotFound) return;
    let current: BoardConnection | null = null;
    let ended = false;

    function open(): void {
      const store = useAppStore.getState();
      store.resetConnection();
      store.setConnectionState({ hasFacilitatorKey: facilitatorKey !== null });
      current = openBoardConnection(boardId, {
        facilitatorKey,
        participantSecret: store.participantSecret,
        report: store.setConnectionState,
        onRefused: (reason) => void reload(reason),
      });
      setConnection(current);
    }

    // The server refused one of our changes: our copy now differs from the server's. Throw it
    // away (memory and IndexedDB) and start again from the server's.
    async function reload(reason: string): Promise<void> {
      const old = current;
      current = null;
      setConnection(null);
      useAppStore.setState({ ...DOC_UI_RESET, refusedNotice: reason });
      // The reason is said in the UI's language; its strings are loaded only now.
      void Promise.all([import('./RefusedBanner'), i18next.loadNamespaces(REFUSALS_NS)]).then(
        ([{ describeRefusal }]) => useAppStore.getState().announce(describeRefusal(reason, i18next.getFixedT(null, REFUSALS_NS))),
        (error: unknown) => log.warn('i18n', 'refusal notice could not be loaded', { error: String(error) }),
      );
      await old?.destroy({ clearLocalCopy: true });
      if (!ended) open();
    }

    open();
    return () => {
      ended = true;
      void current?.destroy();
      setConnection(null);
      // The share panel flag and the front page's notice are left alone: they are set just
      // before leaving for a new board or the front page.
      const { sharePanelOpen: _keepShare, homeNotice: _keepNotice, ...uiReset } = INITIAL_UI_STATE;
      useAppStore.setState(uiReset);
      useAppStore.getState().resetConnection();
    };
  }, [boardId, facilitatorKey, idReady, infoNotFound]);

  if (connectionStatus === 'deleted') return <DeletedBoard boardId={boardId} connection={connection} />;
  if (infoNotFound || connectionStatus === 'not-found') return <NotFoundPage board />;

  return (
    <div className="page page--board">
      <SkipLink />
      {needsName ? (
        <main id="main" className="board-main" tabIndex={-1}>
          <BoardIdentityDialog doc={connection?.doc ?? null} mode="welcome" isFacilitator={false} onDone={() => undefined} />
        </main>
      ) : connection ? (
        <OpenBoard
          connection={connection}
          info={info}
          isFacilitator={isFacilitator}
          facilitatorKey={facilitatorKey}
          sharePanelOpen={sharePanelOpen}
          facilitatorPanelOpen={facilitatorPanelOpen}
        />
      ) : (
        <main id="main" className="board-main" tabIndex={-1}>
          <p className="board__loading" role="status">
            {t('board.loading')}
          </p>
        </main>
      )}
      {identityDialogOpen && !needsName && (
        <BoardIdentityDialog
          doc={connection?.doc ?? null}
          mode="edit"
          isFacilitator={isFacilitator}
          onDone={() => useAppStore.getState().setIdentityDialogOpen(false)}
        />
      )}
      <LiveRegion />
    </div>
  );
}

/**
 * The facilitator deleted the board while it was open: say so, and drop this device's copy and
 * key of it (its content is gone from the server; nothing here can be sent anywhere).
 */
function DeletedBoard({ boardId, connection }: { boardId: string; connection: BoardConnection | null }) {
  useEffect(() => {
    writeStored(STORAGE_KEYS.facilitatorKey(boardId), null);
    void connection?.destroy({ clearLocalCopy: true });
  }, [boardId, connection]);
  return <NotFoundPage deleted />;
}

interface BoardIdentityDialogProps {
  doc: Y.Doc | null;
  mode: 'welcome' | 'edit';
  isFacilitator: boolean;
  onDone(): void;
}

/** The name dialog, offering the board's stakeholder groups once the board is there. */
function BoardIdentityDialog({ doc, ...props }: BoardIdentityDialogProps) {
  return doc ? <IdentityDialogWithGroups doc={doc} {...props} /> : <IdentityDialog groups={STAKEHOLDER_GROUPS} {...props} />;
}

function IdentityDialogWithGroups({ doc, ...props }: Omit<BoardIdentityDialogProps, 'doc'> & { doc: Y.Doc }) {
  const groups = useSettingsValue(doc, (s) => s.stakeholderGroups);
  return <IdentityDialog groups={groups} {...props} />;
}

interface OpenBoardProps {
  connection: BoardConnection;
  info: BoardInfo | null;
  isFacilitator: boolean;
  facilitatorKey: string | null;
  sharePanelOpen: boolean;
  facilitatorPanelOpen: boolean;
}

function OpenBoard({ connection, info, isFacilitator, facilitatorKey, sharePanelOpen, facilitatorPanelOpen }: OpenBoardProps) {
  const { t } = useTranslation();
  const { doc, awareness } = connection;
  const meta = useBoardMeta(doc);
  const contentReady = useAppStore((s) => s.contentReady);
  const connectionStatus = useAppStore((s) => s.connection);
  const downloadsPanelOpen = useAppStore((s) => s.downloadsPanelOpen);
  const participantDownloads = useSettingsValue(doc, (s) => s.participantDownloads);
  const mayDownload = isFacilitator || (contentReady && participantDownloads);
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
  usePhaseAnnouncements(doc, contentReady);

  return (
    <>
      <BoardHeader
        boardId={connection.boardId}
        title={title}
        joinCode={info?.joinCode ?? null}
        awareness={awareness}
        isFacilitator={isFacilitator}
        canControl={isFacilitator && facilitatorKey !== null}
        mayDownload={mayDownload}
      />
      {contentReady && <PhaseBar doc={doc} />}
      {isFacilitator && facilitatorKey && facilitatorPanelOpen && (
        <Suspense
          fallback={
            <p className="board__loading" role="status">
              {t('header.controlsLoading')}
            </p>
          }
        >
          <FacilitatorPanel boardId={connection.boardId} facilitatorKey={facilitatorKey} doc={doc} title={title} />
        </Suspense>
      )}
      {mayDownload && downloadsPanelOpen && (
        <Suspense
          fallback={
            <p className="board__loading" role="status">
              {t('downloads.loading')}
            </p>
          }
        >
          <DownloadsPanel
            boardId={connection.boardId}
            doc={doc}
            title={title}
            isFacilitator={isFacilitator}
            facilitatorKey={facilitatorKey}
          />
        </Suspense>
      )}
      {isFacilitator && sharePanelOpen && (
        <Suspense fallback={null}>
          <SharePanel boardId={connection.boardId} joinCode={info?.joinCode ?? null} facilitatorKey={facilitatorKey} />
        </Suspense>
      )}
      <StatusBanners doc={doc} />
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
