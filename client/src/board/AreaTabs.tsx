import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '@verksted/shared';
import { TEST_IDS } from '@verksted/shared';
import { useBoardDoc } from './board-context';
import { useBoardKit } from './board-kit';
import { useAppStore } from '../store/app-store';
import { useAreaNoteIds } from './use-area-note-ids';
import { formatNumber } from '../i18n/i18n';

export function areaTabId(areaId: string): string {
  return `area-tab-${areaId}`;
}
export function areaPanelId(areaId: string): string {
  return `area-panel-${areaId}`;
}

interface AreaTabsProps {
  areas: readonly Area[];
  activeAreaId: string;
  onSelect(areaId: string): void;
}

/** Narrow screens: one tab per area (arrow keys move between tabs, as the ARIA tabs pattern says). */
export function AreaTabs({ areas, activeAreaId, onSelect }: AreaTabsProps) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLDivElement>(null);

  function handleKeyDown(event: React.KeyboardEvent<HTMLDivElement>): void {
    const index = areas.findIndex((area) => area.id === activeAreaId);
    let next = -1;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = (index + 1) % areas.length;
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = (index - 1 + areas.length) % areas.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = areas.length - 1;
    const area = areas[next];
    if (!area) return;
    event.preventDefault();
    onSelect(area.id);
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(areaTabId(area.id))}`)?.focus();
  }

  return (
    <div
      ref={listRef}
      className="area-tabs"
      role="tablist"
      aria-label={t('board.areaTabsLabel')}
      data-testid={TEST_IDS.areaTabs}
      onKeyDown={handleKeyDown}
    >
      {areas.map((area) => (
        <AreaTab key={area.id} area={area} selected={area.id === activeAreaId} onSelect={onSelect} />
      ))}
    </div>
  );
}

function AreaTab({ area, selected, onSelect }: { area: Area; selected: boolean; onSelect(areaId: string): void }) {
  const { t } = useTranslation();
  const doc = useBoardDoc();
  const kit = useBoardKit();
  const count = useAreaNoteIds(doc, area.id).length;
  const isDropTarget = useAppStore((s) => s.drag !== null && s.drag.overAreaId === area.id);
  const props = {
    role: 'tab',
    id: areaTabId(area.id),
    className: isDropTarget && !selected ? 'area-tabs__tab area-tabs__tab--drop-target' : 'area-tabs__tab',
    'aria-selected': selected,
    'aria-controls': areaPanelId(area.id),
    tabIndex: selected ? 0 : -1,
    onClick: () => onSelect(area.id),
  };
  const content = (
    <>
      <span className="area-tabs__title">{area.title}</span>
      <span className="area-tabs__count" aria-hidden="true">
        {formatNumber(count)}
      </span>
      <span className="visually-hidden">, {t('board.noteCount', { count })}</span>
    </>
  );
  // Once dragging is loaded, each tab is also a drop target: a note dropped on it moves there.
  return kit ? (
    <kit.DroppableTab areaId={area.id} {...props}>
      {content}
    </kit.DroppableTab>
  ) : (
    <button type="button" {...props}>
      {content}
    </button>
  );
}
