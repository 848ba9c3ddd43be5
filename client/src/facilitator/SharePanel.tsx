import { useId } from 'react';
import { useFacilitationTranslation } from '../i18n/namespaces';
import { TEST_IDS } from '@verksted/shared';
import { SHARE_BUTTON_ID } from '../board/BoardHeader';
import { facilitatorUrl, participantUrl } from '../router';
import { useAppStore } from '../store/app-store';
import { CopyButton } from '../ui/CopyButton';
import { QrCode } from '../ui/QrCode';

interface SharePanelProps {
  boardId: string;
  joinCode: string | null;
  facilitatorKey: string | null;
}

/** Facilitator only: participant link, join code, the secret facilitator link (downloads are in the downloads panel). */
export function SharePanel({ boardId, joinCode, facilitatorKey }: SharePanelProps) {
  const { t } = useFacilitationTranslation();
  const headingId = useId();
  const participantLink = participantUrl(boardId);
  const joinUrl = `${window.location.origin}/join`;
  return (
    <aside className="share-panel" aria-labelledby={headingId}>
      <div className="share-panel__header">
        <h2 id={headingId}>{t('share.title')}</h2>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            useAppStore.getState().setSharePanelOpen(false);
            document.getElementById(SHARE_BUTTON_ID)?.focus();
          }}
        >
          {t('share.close')}
        </button>
      </div>
      <div className="share-panel__grid">
        <div className="share-item">
          <h3>{t('share.participantLink')}</h3>
          <p className="share-item__value" data-testid={TEST_IDS.participantLink}>
            {participantLink}
          </p>
          <CopyButton text={participantLink} what={t('share.participantLink')} />
          <QrCode text={participantLink} label={t('share.qrLabel', { url: participantLink })} className="qr qr--share" />
        </div>
        {joinCode && (
          <div className="share-item">
            <h3>{t('share.joinCode')}</h3>
            <p className="share-item__value share-item__code">{joinCode}</p>
            <p className="field-hint">{t('share.joinCodeHint', { url: joinUrl })}</p>
            <CopyButton text={joinCode} what={t('share.joinCode')} />
          </div>
        )}
        {facilitatorKey && (
          <div className="share-item share-item--secret">
            <h3>{t('share.facilitatorLink')}</h3>
            <p className="share-item__warning">{t('share.facilitatorWarning')}</p>
            <p className="share-item__value" data-testid={TEST_IDS.facilitatorLink}>
              {facilitatorUrl(boardId, facilitatorKey)}
            </p>
            <CopyButton text={facilitatorUrl(boardId, facilitatorKey)} what={t('share.facilitatorLink')} />
          </div>
        )}
      </div>
    </aside>
  );
}
