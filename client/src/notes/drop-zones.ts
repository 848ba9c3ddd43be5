/**
 * The board's drop zones (area lists, group boxes, area tabs) as the elements that show them
 * register them, for the board's DndContext to make them dnd-kit droppables
 * (`DropZoneProxies` in `board/BoardDnd.tsx`).
 *
 * Why not `useDroppable` in the areas themselves: then the board would have to render inside the
 * DndContext, and React looks through every component below a context provider whenever its
 * value changes — dnd-kit's changes with every pointer move, and a board of 1,000 notes has some
 * 20,000 components. Registered here, the board renders beside the DndContext, not inside it.
 * Part of the board kit (`board/BoardKit.tsx`), loaded after the app starts.
 */
import { createContext, useContext, useLayoutEffect, useRef, type RefObject } from 'react';
import type { DropZoneData } from './note-drag';

export interface DropZoneEntry {
  /** The dnd-kit droppable id (`areaDroppableId`, `clusterDroppableId`, `areaTabDroppableId`). */
  id: string;
  node: HTMLElement;
  data: DropZoneData;
  disabled: boolean;
}

/** The registered zones, as an external store (`useSyncExternalStore`). */
export class DropZoneRegistry {
  private readonly entries = new Map<string, DropZoneEntry>();
  private snapshot: readonly DropZoneEntry[] = [];
  private readonly listeners = new Set<() => void>();

  /** Adds or replaces the zone with this id; the returned function removes it (if it is still this one). */
  register(entry: DropZoneEntry): () => void {
    this.entries.set(entry.id, entry);
    this.changed();
    return () => {
      if (this.entries.get(entry.id) !== entry) return;
      this.entries.delete(entry.id);
      this.changed();
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): readonly DropZoneEntry[] => this.snapshot;

  private changed(): void {
    this.snapshot = [...this.entries.values()];
    for (const listener of [...this.listeners]) listener();
  }
}

export const DropZoneRegistryContext = createContext<DropZoneRegistry | null>(null);

/**
 * Registers the element the returned ref is put on as a drop zone while it is mounted. `data`
 * is compared by its fields, so a new object with the same fields each render is fine.
 */
export function useDropZone<T extends HTMLElement>(id: string, data: DropZoneData, disabled = false): RefObject<T | null> {
  const registry = useContext(DropZoneRegistryContext);
  const nodeRef = useRef<T | null>(null);
  const clusterId = data.type === 'cluster' ? data.clusterId : null;
  const isTab = data.type === 'area' && data.tab === true;
  useLayoutEffect(() => {
    const node = nodeRef.current;
    if (!registry || !node) return undefined;
    const zone: DropZoneData =
      clusterId !== null
        ? { type: 'cluster', areaId: data.areaId, clusterId }
        : { type: 'area', areaId: data.areaId, ...(isTab ? { tab: true } : {}) };
    return registry.register({ id, node, data: zone, disabled });
  }, [registry, id, data.areaId, clusterId, isTab, disabled]);
  return nodeRef;
}
