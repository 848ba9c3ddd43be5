import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';
import { SkipLink, TopBar } from '../ui/TopBar';
import { CreateBoardForm } from './CreateBoardForm';
import { JoinForm } from './JoinForm';

/** The front page: create a workshop or join one. */
export function HomePage() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('home.pageTitle');
  }, [t]);
  useEffect(() => {
    useAppStore.getState().setSharePanelOpen(false);
  }, []);
  return (
    <div className="page">
      <SkipLink />
      <TopBar />
      <main id="main" className="home" tabIndex={-1}>
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
      </main>
    </div>
  );
}
