/**
 * The board's drag-and-drop layer, loaded on demand (see `board-kit.ts`): the one DndContext and
 * the drag-and-drop parts of areas, groups, tabs and notes. Everything here has a plain twin in
 * the component that renders it, used until this module is there.
 */
import type { HTMLAttributes, ReactNode } from 'react';
import { AREA_TAB_ATTR, AREA_ZONE_ATTR } from '../notes/drag-dom';
import { useDropZone } from '../notes/drop-zones';
import { useAppStore } from '../store/app-store';
import { areaDroppableId, areaTabDroppableId, clusterDroppableId, type AreaDropData, type ClusterDropData } from '../notes/note-drag';

export { BoardDnd } from './BoardDnd';
export { DraggableNote } from '../notes/DraggableNote';

interface AreaDropZoneProps {
  areaId: string;
  children: ReactNode;
}

/**
 * An area's list of notes as a drop target; where in the list comes from the notes on screen.
 * It lights up by itself when a drop would land in it (the column around it does not re-render).
 */
export function AreaDropZone({ areaId, children }: AreaDropZoneProps) {
  const data: AreaDropData = { type: 'area', areaId };
  const ref = useDropZone<HTMLDivElement>(areaDroppableId(areaId), data);
  const isDropTarget = useAppStore((s) => s.drag !== null && s.drag.overAreaId === areaId);
  return (
    <div ref={ref} className={isDropTarget ? 'area__drop area__drop--drop-target' : 'area__drop'} {...{ [AREA_ZONE_ATTR]: areaId }}>
      {children}
    </div>
  );
}

interface ClusterDropZoneProps extends HTMLAttributes<HTMLDivElement> {
  clusterId: string;
  areaId: string;
  disabled: boolean;
}

/** A group's box as a drop target: a note dropped on it joins the group. */
export function ClusterDropZone({ clusterId, areaId, disabled, children, ...rest }: ClusterDropZoneProps) {
  const data: ClusterDropData = { type: 'cluster', areaId, clusterId };
  const ref = useDropZone<HTMLDivElement>(clusterDroppableId(clusterId), data, disabled);
  return (
    <div ref={ref} {...rest}>
      {children}
    </div>
  );
}

interface DroppableTabProps extends HTMLAttributes<HTMLButtonElement> {
  areaId: string;
}

/**
 * An area's tab (narrow screens) as a drop target: a note dragged onto another area's tab goes to
 * the end of that area, so a phone can move notes between areas by dragging too.
 */
export function DroppableTab({ areaId, children, ...rest }: DroppableTabProps) {
  const data: AreaDropData = { type: 'area', areaId, tab: true };
  const ref = useDropZone<HTMLButtonElement>(areaTabDroppableId(areaId), data);
  return (
    <button ref={ref} type="button" {...rest} {...{ [AREA_TAB_ATTR]: areaId }}>
      {children}
    </button>
  );
}
