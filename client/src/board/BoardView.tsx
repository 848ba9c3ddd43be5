import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { MANY_NOTES, NARROW_LAYOUT_MAX_WIDTH_PX } from '../config';
import { NOTE_EDIT_HINT_ID } from '../notes/NoteCard';
import { useAppStore } from '../store/app-store';
import { useRenderProbe } from '../ui/render-probe';
import { useMediaQuery } from '../ui/use-media-query';
import { AreaColumn } from './AreaColumn';
import { AreaTabs } from './AreaTabs';
import { BoardContext } from './board-context';
import { BoardKitContext, useLoadedBoardKit, type BoardKit } from './board-kit';
import { getNoteLayoutStore } from './note-layout-store';
import { useSettingsValue } from './settings-store';
import { useAreas } from './use-areas';
import { selectIsFacilitator } from '../sync/connection-slice';

/** The ranking is needed only in the last phase: loaded then. */
const ResultsView = lazy(() => import('./ResultsView').then((m) => ({ default: m.ResultsView })));

/** How often to look again whether the drag-and-drop layer can be switched on (see useBoardKitWhenIdle). */
const KIT_SWITCH_RETRY_MS = 500;

/**
 * The board's areas and notes. Wide screens: areas side by side as columns. Narrow screens
 * (phones, or 200 % zoom): one area at a time, chosen with tabs.
 */
export function BoardView({ doc }: { doc: Y.Doc }) {
  useRenderProbe('BoardView', 'board');
  const { t } = useTranslation();
  const areas = useAreas(doc);
  const narrow = useMediaQuery(`(max-width: ${NARROW_LAYOUT_MAX_WIDTH_PX}px)`);
  const selectedAreaId = useAppStore((s) => s.activeAreaId);
  const context = useMemo(() => ({ doc }), [doc]);
  const activeArea = areas.find((area) => area.id === selectedAreaId) ?? areas[0];
  const isResults = useSettingsValue(doc, (s) => s.phase === 'results');
  const anonymous = useSettingsValue(doc, (s) => s.anonymous);
  const isFacilitator = useAppStore(selectIsFacilitator);
  const rootRef = useRef<HTMLDivElement>(null);
  const kit = useBoardKitWhenIdle(rootRef);
  const manyNotes = useHasManyNotes(doc, areas);

  if (areas.length === 0) {
    return <p className="board__empty">{t('board.noAreas')}</p>;
  }

  if (isResults) {
    return (
      <Suspense
        fallback={
          <p className="board__loading" role="status">
            {t('board.loading')}
          </p>
        }
      >
        <ResultsView doc={doc} showAuthors={isFacilitator || !anonymous} />
      </Suspense>
    );
  }

  const board = (
    <div ref={rootRef} className={manyNotes ? 'board-view board-view--many-notes' : 'board-view'}>
      {narrow && activeArea ? (
        <div className="board board--narrow">
          <AreaTabs areas={areas} activeAreaId={activeArea.id} onSelect={(areaId) => useAppStore.getState().setActiveArea(areaId)} />
          <AreaColumn
            key={activeArea.id}
            areaId={activeArea.id}
            title={activeArea.title}
            description={activeArea.description}
            asTabPanel
          />
        </div>
      ) : (
        <div className="board" style={{ '--area-count': areas.length } as React.CSSProperties}>
          {areas.map((area) => (
            <AreaColumn key={area.id} areaId={area.id} title={area.title} description={area.description} />
          ))}
        </div>
      )}
    </div>
  );

  return (
    <BoardContext.Provider value={context}>
      <BoardKitContext.Provider value={kit}>
        <WithDnd kit={kit} doc={doc}>
          {board}
        </WithDnd>
      </BoardKitContext.Provider>
      <p id={NOTE_EDIT_HINT_ID} hidden>
        {t('note.editHint')}
      </p>
    </BoardContext.Provider>
  );
}

/** Whether the board has `MANY_NOTES` notes or more; re-renders only when that changes. */
function useHasManyNotes(doc: Y.Doc, areas: readonly { id: string }[]): boolean {
  const store = getNoteLayoutStore(doc);
  const getSnapshot = useCallback(() => {
    let count = 0;
    for (const area of areas) count += store.getAreaNoteIds(area.id).length;
    return count >= MANY_NOTES;
  }, [store, areas]);
  return useSyncExternalStore(store.subscribe, getSnapshot);
}

function WithDnd({ kit, doc, children }: { kit: BoardKit | null; doc: Y.Doc; children: ReactNode }) {
  return kit ? <kit.BoardDnd doc={doc}>{children}</kit.BoardDnd> : <>{children}</>;
}

/**
 * The drag-and-drop layer for the board, once loaded. It is almost always there before the board
 * first shows (it loads while the board's data arrives). When it comes later, switching it on
 * re-creates the board's elements, so that waits until nobody is typing in the board or has
 * focus in it: nothing typed and no place of the keyboard is lost.
 */
function useBoardKitWhenIdle(rootRef: React.RefObject<HTMLElement | null>): BoardKit | null {
  const loaded = useLoadedBoardKit();
  const [active, setActive] = useState<BoardKit | null>(loaded);

  useEffect(() => {
    if (!loaded || active === loaded) return;
    const isIdle = (): boolean => {
      const { composerAreaId, editingNoteId } = useAppStore.getState();
      const focused = document.activeElement;
      return composerAreaId === null && editingNoteId === null && !(focused && rootRef.current?.contains(focused));
    };
    if (isIdle()) {
      setActive(loaded);
      return;
    }
    const timer = setInterval(() => {
      if (isIdle()) setActive(loaded);
    }, KIT_SWITCH_RETRY_MS);
    return () => clearInterval(timer);
  }, [loaded, active, rootRef]);

  return active;
}
