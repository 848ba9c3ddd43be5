import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { BoardPage } from './board/BoardPage';
import { HomePage } from './home/HomePage';
import { JoinPage } from './home/JoinPage';
import { NotFoundPage } from './home/NotFoundPage';
import { useRoute } from './router';

/** The projector view is loaded only when opened, so participants' phones never download it. */
const ProjectorPage = lazy(() => import('./projector/ProjectorPage'));
/** The printable report and the roll-up of several workshops are loaded only when opened. */
const ReportPage = lazy(() => import('./report/ReportPage'));
const RollupPage = lazy(() => import('./rollup/RollupPage'));

/** Picks the page for the current path (see `router.ts` for the routes). */
export function App() {
  const route = useRoute();
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'join':
      return <JoinPage key={route.code ?? ''} code={route.code} />;
    case 'board':
      return <BoardPage key={route.boardId} boardId={route.boardId} />;
    case 'present':
      return (
        <Suspense fallback={<PageLoading />}>
          <ProjectorPage key={route.boardId} boardId={route.boardId} />
        </Suspense>
      );
    case 'report':
      return (
        <Suspense fallback={<PageLoading />}>
          <ReportPage key={route.boardId} boardId={route.boardId} />
        </Suspense>
      );
    case 'rollup':
      return (
        <Suspense fallback={<PageLoading />}>
          <RollupPage />
        </Suspense>
      );
    case 'not-found':
      return <NotFoundPage />;
  }
}

function PageLoading() {
  const { t } = useTranslation();
  return (
    <p className="board__loading" role="status">
      {t('board.loading')}
    </p>
  );
}
