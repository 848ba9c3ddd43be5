import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { TEST_IDS } from '@verksted/shared';
import { NoteComposer } from '../notes/NoteComposer';
import { SortableNote } from '../notes/SortableNote';
import { areaDroppableId, type AreaDropData } from '../notes/note-drag';
import { useAppStore } from '../store/app-store';
import { useRenderProbe } from '../ui/render-probe';
import { areaPanelId } from './AreaTabs';
import { useBoardDoc } from './board-context';
import { useAreaNoteIds } from './use-area-note-ids';

interface AreaColumnProps {
  areaId: string;
  title: string;
  description: string;
  /** On narrow screens the column is the panel of its tab (see `AreaTabs`). */
  asTabPanel?: boolean;
}

/** One area: heading, description, its notes in order, and "Add note". */
export const AreaColumn = memo(function AreaColumn({ areaId, title, description, asTabPanel = false }: AreaColumnProps) {
  useRenderProbe('AreaColumn', areaId);
  const { t } = useTranslation();
  const doc = useBoardDoc();
  const noteIds = useAreaNoteIds(doc, areaId);
  const isDropTarget = useAppStore((s) => s.drag !== null && s.drag.overAreaId === areaId);
  const data: AreaDropData = { type: 'area', areaId };
  const { setNodeRef } = useDroppable({ id: areaDroppableId(areaId), data });
  const headingId = `area-${areaId}-heading`;
  const descriptionId = `area-${areaId}-description`;

  return (
    <section
      className={isDropTarget ? 'area area--drop-target' : 'area'}
      data-testid={TEST_IDS.area}
      data-area-id={areaId}
      aria-label={title}
      aria-describedby={description ? descriptionId : undefined}
      {...(asTabPanel ? { role: 'tabpanel', id: areaPanelId(areaId), tabIndex: -1 } : {})}
    >
      <div className="area__header">
        <h2 id={headingId} className="area__title">
          {title}
        </h2>
        {description && (
          <p id={descriptionId} className="area__description">
            {description}
          </p>
        )}
        <p className="area__count">{t('board.noteCount', { count: noteIds.length })}</p>
      </div>
      <div ref={setNodeRef} className="area__drop">
        <SortableContext id={areaId} items={noteIds as string[]} strategy={verticalListSortingStrategy}>
          {noteIds.length > 0 ? (
            <ul className="area__notes" aria-labelledby={headingId}>
              {noteIds.map((noteId) => (
                <SortableNote key={noteId} noteId={noteId} areaId={areaId} />
              ))}
            </ul>
          ) : (
            <p className="area__empty">{t('board.emptyArea')}</p>
          )}
        </SortableContext>
      </div>
      <NoteComposer areaId={areaId} areaTitle={title} />
    </section>
  );
});
