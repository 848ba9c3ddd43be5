import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';

/** Banners for problems people should know about: the server cannot save, offline, limits. */
export function StatusBanners() {
  const { t } = useTranslation();
  const writable = useAppStore((s) => s.writable);
  const connection = useAppStore((s) => s.connection);
  const problem = useAppStore((s) => s.problem);
  return (
    <>
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
