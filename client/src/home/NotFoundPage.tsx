import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../ui/Link';
import { SkipLink, TopBar } from '../ui/TopBar';

/** An unknown path, or (with `board`) a workshop the server does not know. */
export function NotFoundPage({ board = false }: { board?: boolean }) {
  const { t } = useTranslation();
  const title = board ? t('notFound.boardTitle') : t('notFound.pageTitle');
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <div className="page">
      <SkipLink />
      <TopBar />
      <main id="main" className="home home--narrow" tabIndex={-1}>
        <section className="panel">
          <h1>{title}</h1>
          <p>{board ? t('notFound.boardBody') : t('notFound.pageBody')}</p>
          <p>
            <Link href="/">{t('notFound.goHome')}</Link>
          </p>
        </section>
      </main>
    </div>
  );
}
