import { useSyncExternalStore } from 'react';

interface QueryStore {
  subscribe(callback: () => void): () => void;
  getSnapshot(): boolean;
}

/** One MediaQueryList per query, shared by every component that asks (1,000 notes ask for one). */
const stores = new Map<string, QueryStore>();

function getQueryStore(query: string): QueryStore {
  let store = stores.get(query);
  if (!store) {
    const list = typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
    store = {
      subscribe(callback) {
        list?.addEventListener('change', callback);
        return () => list?.removeEventListener('change', callback);
      },
      getSnapshot: () => list?.matches ?? false,
    };
    stores.set(query, store);
  }
  return store;
}

/** Whether a CSS media query matches; updates when it starts or stops matching. */
export function useMediaQuery(query: string): boolean {
  const store = getQueryStore(query);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

