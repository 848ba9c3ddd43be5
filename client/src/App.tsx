import { BoardPage } from './board/BoardPage';
import { HomePage } from './home/HomePage';
import { JoinPage } from './home/JoinPage';
import { NotFoundPage } from './home/NotFoundPage';
import { useRoute } from './router';

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
    case 'not-found':
      return <NotFoundPage />;
  }
}
