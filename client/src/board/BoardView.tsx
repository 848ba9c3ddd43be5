import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { NARROW_LAYOUT_MAX_WIDTH_PX } from '../config';
import { NOTE_EDIT_HINT_ID } from '../notes/NoteCard';
import { useAppStore } from '../store/app-store';
import { useRenderProbe } from '../ui/render-probe';
import { useMediaQuery } from '../ui/use-media-query';
import { AreaColumn } from './AreaColumn';
import { AreaTabs } from './AreaTabs';
import { BoardContext } from './board-context';
import { BoardDnd } from './BoardDnd';
import { ResultsView } from './ResultsView';
import { useSettingsValue } from './settings-store';
import { useAreas } from './use-areas';
import { selectIsFacilitator } from '../sync/connection-slice';

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

  if (areas.length === 0) {
    return <p className="board__empty">{t('board.noAreas')}</p>;
  }

  if (isResults) {
    return <ResultsView doc={doc} showAuthors={isFacilitator || !anonymous} />;
  }

  return (
    <BoardContext.Provider value={context}>
      <BoardDnd doc={doc}>
        {narrow && activeArea ? (
          <div className="board board--narrow">
            <AreaTabs
              areas={areas}
              activeAreaId={activeArea.id}
              onSelect={(areaId) => useAppStore.getState().setActiveArea(areaId)}
            />
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
      </BoardDnd>
      <p id={NOTE_EDIT_HINT_ID} hidden>
        {t('note.editHint')}
      </p>
    </BoardContext.Provider>
  );
}
