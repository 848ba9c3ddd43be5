import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadBoardKit } from './board/board-kit';
import { initI18n } from './i18n/i18n';
import { matchRoute } from './router';
import './styles/base.css';
import './styles/board.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// On a board, its drag-and-drop layer starts loading now, alongside the strings and the board's
// data (the board works without it meanwhile; see board/board-kit.ts).
if (matchRoute(window.location.pathname).name === 'board') void preloadBoardKit().catch(() => undefined);

// The strings of the detected language come first (one small chunk), then the first render.
void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
