import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import { TEST_IDS } from '@verksted/shared';
import { OnlineList } from '../presence/OnlineList';
import { projectorPath } from '../router';
import { useAppStore } from '../store/app-store';
import { LanguageSwitch } from '../ui/LanguageSwitch';

/** Id of the "Download" button, which gets focus back when the downloads panel closes. */
export const DOWNLOADS_BUTTON_ID = 'downloads-button';
/** Id of the "Facilitator controls" button, which gets focus back when the controls close. */
export const CONTROLS_BUTTON_ID = 'controls-button';
/** Id of the "Share" button, which gets focus back when the share panel closes. */
export const SHARE_BUTTON_ID = 'share-button';

interface BoardHeaderProps {
  boardId: string;
  title: string;
  joinCode: string | null;
  awareness: Awareness | null;
  isFacilitator: boolean;
  /** Holds the facilitator key on this device, so the controls panel can change settings. */
  canControl: boolean;
  /** The facilitator, or a participant while the facilitator allows downloads. */
  mayDownload: boolean;
}

/** Title, join code, connection and save status, who is online, and the user's controls. */
export function BoardHeader({ boardId, title, joinCode, awareness, isFacilitator, canControl, mayDownload }: BoardHeaderProps) {
  const { t } = useTranslation();
  const sharePanelOpen = useAppStore((s) => s.sharePanelOpen);
  const facilitatorPanelOpen = useAppStore((s) => s.facilitatorPanelOpen);
  const downloadsPanelOpen = useAppStore((s) => s.downloadsPanelOpen);
  return (
    <header className="board-header">
      <div className="board-header__main">
        <h1 className="board-header__title" data-testid={TEST_IDS.boardTitle}>
          {title}
        </h1>
        {joinCode && (
          <p className="join-badge">
            <span className="join-badge__label">{t('board.joinCode')}</span>{' '}
            <strong className="join-badge__code" data-testid={TEST_IDS.joinCode}>
              {joinCode}
            </strong>
          </p>
        )}
      </div>
      <div className="board-header__status">
        <ConnectionStatus />
        <SaveStatus />
        {awareness && <OnlineList awareness={awareness} />}
      </div>
      <div className="board-header__actions">
        {canControl && (
          <button
            id={CONTROLS_BUTTON_ID}
            type="button"
            className="button button--small button--primary"
            aria-expanded={facilitatorPanelOpen}
            onClick={() => useAppStore.getState().setFacilitatorPanelOpen(!facilitatorPanelOpen)}
          >
            {t('header.controls')}
          </button>
        )}
        {isFacilitator && (
          <button
            id={SHARE_BUTTON_ID}
            type="button"
            className="button button--small"
            aria-expanded={sharePanelOpen}
            onClick={() => useAppStore.getState().setSharePanelOpen(!sharePanelOpen)}
          >
            {t('header.share')}
          </button>
        )}
        {mayDownload && (
          <button
            id={DOWNLOADS_BUTTON_ID}
            type="button"
            className="button button--small"
            aria-expanded={downloadsPanelOpen}
            onClick={() => useAppStore.getState().setDownloadsPanelOpen(!downloadsPanelOpen)}
          >
            {t('downloads.button')}
          </button>
        )}
        {isFacilitator && (
          <a className="button button--small" href={projectorPath(boardId)} target="_blank" rel="noopener">
            {t('header.projector')}
            <span className="visually-hidden"> {t('header.opensNewTab')}</span>
          </a>
        )}
        <button type="button" className="button button--small" onClick={() => useAppStore.getState().setIdentityDialogOpen(true)}>
          {t('identity.change')}
        </button>
        <LanguageSwitch />
      </div>
    </header>
  );
}

/** Connected, offline…: only this line re-renders when it changes. */
function ConnectionStatus() {
  const { t } = useTranslation();
  const connection = useAppStore((s) => s.connection);
  return (
    <p className={`status status--${connection}`}>
      <span className="visually-hidden">{t('connection.label')}: </span>
      <span className="status__dot" aria-hidden="true" />
      <span data-testid={TEST_IDS.connectionStatus}>{t(`connection.${connection}`)}</span>
    </p>
  );
}

/** Saving…, saved: changes with every edit (a drop, a keystroke saved), so only this line re-renders. */
function SaveStatus() {
  const { t } = useTranslation();
  const saveStatus = useAppStore((s) => s.saveStatus);
  return (
    <p className={`status status--save-${saveStatus}`}>
      <span className="visually-hidden">{t('save.label')}: </span>
      <span data-testid={TEST_IDS.saveStatus}>{t(`save.${saveStatus}`)}</span>
    </p>
  );
}
