import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { BoardPage } from './board/BoardPage';
import { useRoute } from './router';
import { HomePage, JoinPage, NotFoundPage } from './ui/lazy-pages';

/** The projector view is loaded only when opened, so participants' phones never download it. */
const ProjectorPage = lazy(() => import('./projector/ProjectorPage'));
/** The printable report and the roll-up of several workshops are loaded only when opened. */
const ReportPage = lazy(() => import('./report/ReportPage'));
const RollupPage = lazy(() => import('./rollup/RollupPage'));

/**
 * Picks the page for the current path (see `router.ts` for the routes). Only the board is part of
 * the first download; every other page (and its strings) loads when opened, behind one Suspense.
 */
export function App() {
  return (
    <Suspense fallback={<PageLoading />}>
      <RoutePage />
    </Suspense>
  );
}

function RoutePage() {
  const route = useRoute();
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'join':
      return <JoinPage key={route.code ?? ''} code={route.code} />;
    case 'board':
      return <BoardPage key={route.boardId} boardId={route.boardId} />;
    case 'present':
      return <ProjectorPage key={route.boardId} boardId={route.boardId} />;
    case 'report':
      return <ReportPage key={route.boardId} boardId={route.boardId} />;
    case 'rollup':
      return <RollupPage />;
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
