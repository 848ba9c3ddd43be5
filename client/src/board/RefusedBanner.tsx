/**
 * The notice that the server refused one of this device's changes, and why, in the UI's language.
 * Loaded only when that happens, with the `refusals` strings.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '@verksted/shared';
import { REFUSALS_NS } from '../i18n/namespaces';
import { useAppStore } from '../store/app-store';
import { refusalReason } from '../sync/refusal-reason';

/** "That change could not be saved: <why>. The board was reloaded." (until dismissed). */
export default function RefusedBanner({ reason }: { reason: string }) {
  const { t } = useTranslation(REFUSALS_NS);
  return (
    <div className="banner banner--warning banner--dismissable" data-testid={TEST_IDS.refusedNotice}>
      <p>{describeRefusal(reason, t)}</p>
      <button type="button" className="button button--small" onClick={() => useAppStore.getState().setRefusedNotice(null)}>
        {t('banners.dismiss')}
      </button>
    </div>
  );
}

/** The refusal as a sentence in the UI's language (the `refusals` strings must be loaded). */
export function describeRefusal(reason: string, t: TFunction<'refusals'>): string {
  const known = refusalReason(reason);
  return known ? t('banners.refused', { reason: t(`reason.${known}`) }) : t('banners.refusedNoReason');
}

