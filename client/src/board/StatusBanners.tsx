import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { TEST_IDS } from '@verksted/shared';
import { selectIsFacilitator } from '../sync/connection-slice';
import { useAppStore } from '../store/app-store';
import { useSettingsValue } from './settings-store';

/** Loaded only when the server refused a change, with its strings (the `refusals` namespace). */
const RefusedBanner = lazy(() => import('./RefusedBanner'));

/**
 * Banners for what people should know about: the board is locked, a change was refused and the
 * board reloaded, the server cannot save, offline, limits. The lock, the refusal and the lost
 * connection are said once in the polite live region (LiveRegion), so these banners are not live
 * regions themselves; only "cannot save" is an alert.
 */
export function StatusBanners({ doc }: { doc?: Y.Doc | null }) {
  const { t } = useTranslation();
  const writable = useAppStore((s) => s.writable);
  const connection = useAppStore((s) => s.connection);
  const problem = useAppStore((s) => s.problem);
  const refusedNotice = useAppStore((s) => s.refusedNotice);
  return (
    <>
      {doc && <LockedBanner doc={doc} />}
      {refusedNotice !== null && (
        <Suspense fallback={null}>
          <RefusedBanner reason={refusedNotice} />
        </Suspense>
      )}
      {!writable && (
        <div className="banner banner--warning" role="alert">
          {t('banners.notWritable')}
        </div>
      )}
      {connection === 'offline' && <div className="banner banner--info">{t('banners.offline')}</div>}
      {problem && connection !== 'connected' && <div className="banner banner--warning">{t(`banners.${problem}`)}</div>}
    </>
  );
}

function LockedBanner({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation();
  const locked = useSettingsValue(doc, (s) => s.locked);
  const isFacilitator = useAppStore(selectIsFacilitator);
  if (!locked) return null;
  return (
    <div className="banner banner--locked" data-testid={TEST_IDS.lockedBanner}>
      <svg className="banner__icon" aria-hidden="true" focusable="false" viewBox="0 0 20 20" width="20" height="20">
        <path d="M6 8V6a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1h1Zm2 0h4V6a2 2 0 1 0-4 0v2Z" />
      </svg>{' '}
      {isFacilitator ? t('banners.lockedFacilitator') : t('banners.locked')}
    </div>
  );
}
