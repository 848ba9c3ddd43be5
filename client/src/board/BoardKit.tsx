/**
 * The board's drag-and-drop layer, loaded on demand (see `board-kit.ts`): the one DndContext and
 * the dnd-kit-bound parts of areas, groups, tabs and notes. Everything here has a plain twin in
 * the component that renders it, used until this module is there.
 */
import type { HTMLAttributes, ReactNode } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { AREA_TAB_ATTR, AREA_ZONE_ATTR } from '../notes/drag-dom';
import { areaDroppableId, areaTabDroppableId, clusterDroppableId, type AreaDropData, type ClusterDropData } from '../notes/note-drag';

export { BoardDnd } from './BoardDnd';
export { DraggableNote } from '../notes/DraggableNote';

interface AreaDropZoneProps {
  areaId: string;
  children: ReactNode;
}

/** An area's list of notes as a drop target; where in the list comes from the notes on screen. */
export function AreaDropZone({ areaId, children }: AreaDropZoneProps) {
  const data: AreaDropData = { type: 'area', areaId };
  const { setNodeRef } = useDroppable({ id: areaDroppableId(areaId), data });
  return (
    <div ref={setNodeRef} className="area__drop" {...{ [AREA_ZONE_ATTR]: areaId }}>
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
  const { setNodeRef } = useDroppable({ id: clusterDroppableId(clusterId), data, disabled });
  return (
    <div ref={setNodeRef} {...rest}>
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
  const { setNodeRef } = useDroppable({ id: areaTabDroppableId(areaId), data });
  return (
    <button ref={setNodeRef} type="button" {...rest} {...{ [AREA_TAB_ATTR]: areaId }}>
      {children}
    </button>
  );
}
