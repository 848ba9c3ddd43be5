import { useEffect } from 'react';
import { useHomeTranslation } from '../i18n/namespaces';
import { SkipLink, TopBar } from '../ui/TopBar';
import { JoinForm } from './JoinForm';

/** `/join` and `/join/:code` (the QR code points here). */
export function JoinPage({ code }: { code: string | null }) {
  const { t } = useHomeTranslation();
  useEffect(() => {
    document.title = t('join.pageTitle');
  }, [t]);
  return (
    <div className="page">
      <SkipLink />
      <TopBar />
      <main id="main" className="home home--narrow" tabIndex={-1}>
        <section className="panel" aria-labelledby="join-heading">
          <h1 id="join-heading">{t('join.pageTitle')}</h1>
          <JoinForm initialCode={code} />
        </section>
      </main>
    </div>
  );
}
