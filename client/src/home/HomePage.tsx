import { Suspense, lazy, useEffect, useState } from 'react';
import { useHomeTranslation } from '../i18n/namespaces';
import { TEST_IDS } from '@verksted/shared';
import { useAppStore } from '../store/app-store';
import { SkipLink, TopBar } from '../ui/TopBar';
import { CreateBoardForm } from './CreateBoardForm';
import { JoinForm } from './JoinForm';

/** Import and "Combine workshops" are not needed to join a board: loaded after the page. */
const HomeExtras = lazy(() => import('./HomeExtras'));

/** The front page: create a workshop or join one; import a board; combine workshops. */
export function HomePage() {
  const { t } = useHomeTranslation();
  // A notice left for this page ("The workshop … was deleted") is shown on this visit only.
  const [notice, setNotice] = useState(() => useAppStore.getState().homeNotice);
  useEffect(() => {
    document.title = t('home.pageTitle');
  }, [t]);
  useEffect(() => {
    useAppStore.getState().setSharePanelOpen(false);
    useAppStore.getState().setHomeNotice(null);
  }, []);
  return (
    <div className="page">
      <SkipLink />
      <TopBar />
      <main id="main" className="home" tabIndex={-1}>
        {notice && (
          <div className="banner banner--info banner--dismissable home__notice" role="status" data-testid={TEST_IDS.homeNotice}>
            <p>{t('home.deletedNotice', { title: notice.title })}</p>
            <button type="button" className="button button--small" onClick={() => setNotice(null)}>
              {t('home.dismissNotice')}
            </button>
          </div>
        )}
        <h1 className="home__title">{t('app.name')}</h1>
        <p className="home__tagline">{t('app.tagline')}</p>
        <div className="home__grid">
          <section className="panel" aria-labelledby="create-heading">
            <h2 id="create-heading">{t('home.createHeading')}</h2>
            <CreateBoardForm />
          </section>
          <section className="panel" aria-labelledby="join-heading">
            <h2 id="join-heading">{t('home.joinHeading')}</h2>
            <JoinForm />
          </section>
        </div>
        <Suspense fallback={null}>
          <HomeExtras />
        </Suspense>
      </main>
    </div>
  );
}
