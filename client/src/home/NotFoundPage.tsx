import { useEffect } from 'react';
import { useHomeTranslation } from '../i18n/namespaces';
import { TEST_IDS } from '@verksted/shared';
import { Link } from '../ui/Link';
import { SkipLink, TopBar } from '../ui/TopBar';

interface NotFoundPageProps {
  /** A workshop the server does not know (rather than an unknown path). */
  board?: boolean;
  /** The workshop was deleted while it was open (close code 4410). */
  deleted?: boolean;
}

/** An unknown path, a workshop the server does not know, or one that was just deleted. */
export function NotFoundPage({ board = false, deleted = false }: NotFoundPageProps) {
  const { t } = useHomeTranslation();
  const title = deleted ? t('notFound.deletedTitle') : board ? t('notFound.boardTitle') : t('notFound.pageTitle');
  const body = deleted ? t('notFound.deletedBody') : board ? t('notFound.boardBody') : t('notFound.pageBody');
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <div className="page">
      <SkipLink />
      <TopBar />
      <main id="main" className="home home--narrow" tabIndex={-1}>
        <section className="panel" {...(deleted ? { 'data-testid': TEST_IDS.boardDeleted, role: 'alert' } : {})}>
          <h1>{title}</h1>
          <p>{body}</p>
          <p>
            <Link href="/">{t('notFound.goHome')}</Link>
          </p>
        </section>
      </main>
    </div>
  );
}
