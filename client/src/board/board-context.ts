import { createContext, useContext } from 'react';
import type * as Y from 'yjs';

export interface BoardContextValue {
  doc: Y.Doc;
}

/** The open board's doc, for deep components. The value is stable for the board's lifetime. */
export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoardDoc(): Y.Doc {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoardDoc must be used inside a BoardContext provider');
  return value.doc;
}
