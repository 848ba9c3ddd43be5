/**
 * A tiny router on the history API. Routes are real paths (the server has an SPA fallback):
 *   /               home (create or join a workshop)
 *   /join           join form
 *   /join/:code     join with a code (looked up at once)
 *   /b/:boardId     the board; `#key=…` in the fragment carries the facilitator key
 *   /b/:boardId/present   the projector view (read-only, large)
 *   /b/:boardId/report    the printable report
 *   /rollup         combine several workshops this device facilitates
 */
import { useMemo, useSyncExternalStore } from 'react';
import { isBoardId } from '@verksted/shared';

export type Route =
  | { name: 'home' }
  | { name: 'join'; code: string | null }
  | { name: 'board'; boardId: string }
  | { name: 'present'; boardId: string }
  | { name: 'report'; boardId: string }
  | { name: 'rollup' }
  | { name: 'not-found' };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/join') return { name: 'join', code: null };
  if (path === ROLLUP_PATH) return { name: 'rollup' };
  const join = /^\/join\/([^/]+)$/.exec(path);
  if (join?.[1]) return { name: 'join', code: safeDecode(join[1]) };
  const board = /^\/b\/([^/]+)$/.exec(path);
  if (board?.[1] && isBoardId(board[1])) return { name: 'board', boardId: board[1] };
  const present = /^\/b\/([^/]+)\/present$/.exec(path);
  if (present?.[1] && isBoardId(present[1])) return { name: 'present', boardId: present[1] };
  const report = /^\/b\/([^/]+)\/report$/.exec(path);
  if (report?.[1] && isBoardId(report[1])) return { name: 'report', boardId: report[1] };
  return { name: 'not-found' };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape in a typed URL: use it as typed; the join lookup will reject it.
    return segment;
  }
}

export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`;
}

/** The projector view of a board (read-only; no key needed). */
export function projectorPath(boardId: string): string {
  return `${boardPath(boardId)}/present`;
}

/** The facilitator link: the key travels in the fragment, so it never reaches server logs. */
/** The printable report of a board. */
export function reportPath(boardId: string): string {
  return `${boardPath(boardId)}/report`;
}

/** The roll-up of several workshops. */
export const ROLLUP_PATH = '/rollup';

export function facilitatorUrl(boardId: string, key: string, origin: string = window.location.origin): string {
  return `${origin}${boardPath(boardId)}#key=${encodeURIComponent(key)}`;
}

export function participantUrl(boardId: string, origin: string = window.location.origin): string {
  return `${origin}${boardPath(boardId)}`;
}

/** Reads `key` from a fragment such as `#key=abc`; null when absent. */
export function readKeyFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const key = params.get('key');
  return key ? key : null;
}

const NAVIGATE_EVENT = 'verksted:navigate';

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('popstate', callback);
  window.addEventListener(NAVIGATE_EVENT, callback);
  return () => {
    window.removeEventListener('popstate', callback);
    window.removeEventListener(NAVIGATE_EVENT, callback);
  };
}

function getPathname(): string {
  return window.location.pathname;
}

/** The current route; re-renders on navigation only. */
export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, getPathname);
  return useMemo(() => matchRoute(pathname), [pathname]);
}
