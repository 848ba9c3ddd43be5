/**
 * Pages the board route does not need, loaded on demand. The not-found page is also shown by the
 * board, projector and report routes (an unknown or deleted workshop), so it is shared from here.
 */
import { lazy } from 'react';

export const HomePage = lazy(() => import('../home/HomePage').then((m) => ({ default: m.HomePage })));
export const JoinPage = lazy(() => import('../home/JoinPage').then((m) => ({ default: m.JoinPage })));
export const NotFoundPage = lazy(() => import('../home/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
