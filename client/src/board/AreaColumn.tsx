import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { TEST_IDS, readNote, type LayoutItem } from '@verksted/shared';
import { NoteComposer } from '../notes/NoteComposer';
import { NoteItem } from '../notes/NoteItem';
import { selectIsFacilitator } from '../sync/connection-slice';
import { useAppStore } from '../store/app-store';
import { useRenderProbe } from '../ui/render-probe';
import { planAreaChunks, type AreaChunks } from './area-chunks';
import { areaPanelId } from './AreaTabs';
import { useBoardKit } from './board-kit';
import { useBoardDoc } from './board-context';
import { ClusterBox } from './ClusterBox';
import { isSameItem } from './note-layout-store';
import { useSettingsValue } from './settings-store';
import { useAreaItems } from './use-area-note-ids';
import { usePermission } from './use-permission';

interface AreaColumnProps {
  areaId: string;
  title: string;
  description: string;
  /** On narrow screens the column is the panel of its tab (see `AreaTabs`). */
  asTabPanel?: boolean;
}

/** Items with the notes of others left out (the facilitator not peeking during the brainstorm). */
function ownItemsOnly(doc: Y.Doc, items: readonly LayoutItem[], me: string): LayoutItem[] {
  const isMine = (id: string): boolean => readNote(doc, id)?.authorId === me;
  return items.flatMap((item): LayoutItem[] => {
    if (item.type === 'note') return isMine(item.id) ? [item] : [];
    const noteIds = item.noteIds.filter(isMine);
    return noteIds.length > 0 ? [{ ...item, noteIds }] : [];
  });
}

/** One area: heading, description, its notes and groups in order, and "Add note". */
export const AreaColumn = memo(function AreaColumn({ areaId, title, description, asTabPanel = false }: AreaColumnProps) {
  useRenderProbe('AreaColumn', areaId);
  const { t } = useTranslation();
  const doc = useBoardDoc();
  const allItems = useAreaItems(doc, areaId);
  const phase = useSettingsValue(doc, (s) => s.phase);
  const isFacilitator = useAppStore(selectIsFacilitator);
  const me = useAppStore((s) => s.participantId);
  const peek = useAppStore((s) => s.peekNotes);
  const mayAddNote = usePermission(doc, 'add-note');
  const hideOthers = phase === 'brainstorm' && isFacilitator && !peek;
  const items = useMemo(
    () =>
      hideOthers
        ? ownItemsOnly(doc, allItems, me)
        : // A group left empty (its notes moved away by someone who may not dissolve it) is not shown.
          allItems.some((item) => item.type === 'cluster' && item.noteIds.length === 0)
          ? allItems.filter((item) => item.type === 'note' || item.noteIds.length > 0)
          : allItems,
    [doc, allItems, hideOthers, me],
  );
  const noteIds = useMemo(() => items.flatMap((item) => (item.type === 'note' ? [item.id] : item.noteIds)), [items]);
  const kit = useBoardKit();
  const headingId = `area-${areaId}-heading`;
  const descriptionId = `area-${areaId}-description`;
  const list =
    items.length > 0 ? (
      <div role="list" className="area__notes" aria-labelledby={headingId}>
        <AreaChunkedItems items={items} areaId={areaId} />
      </div>
    ) : (
      <p className="area__empty">{hideOthers ? t('brainstorm.hiddenNotes') : t('board.emptyArea')}</p>
    );

  return (
    <section
      className="area"
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
        {phase === 'brainstorm' ? (
          <BrainstormCount doc={doc} areaId={areaId} />
        ) : (
          <p className="area__count">{t('board.noteCount', { count: noteIds.length })}</p>
        )}
      </div>
      {kit ? (
        <kit.AreaDropZone areaId={areaId}>
          {list}
        </kit.AreaDropZone>
      ) : (
        <div className="area__drop">{list}</div>
      )}
      {mayAddNote && <NoteComposer areaId={areaId} areaTitle={title} />}
    </section>
  );
});

/** "12 notes so far": the server's count, which changes often; only this line re-renders. */
function BrainstormCount({ doc, areaId }: { doc: Y.Doc; areaId: string }) {
  const { t } = useTranslation();
  const count = useSettingsValue(doc, (s) => s.brainstormCounts[areaId] ?? 0);
  return (
    <p className="area__count area__count--brainstorm" data-testid={TEST_IDS.brainstormCount} data-count={count}>
      {t('brainstorm.count', { count })}
    </p>
  );
}

/**
 * The area's items in chunks (`area-chunks.ts`). The chunks are kept from one render to the next,
 * and the item holding the note being edited or the focus (a note, or a group whose title is
 * being typed) never changes chunk, so it is never re-created: nothing typed and no place of the
 * keyboard is lost. The note just dropped by this user is the exception: it moves (the board
 * focuses its handle again after a keyboard drop).
 */
function AreaChunkedItems({ items, areaId }: { items: readonly LayoutItem[]; areaId: string }) {
  const editingNoteId = useAppStore((s) => s.editingNoteId);
  const previous = useRef<AreaChunks<LayoutItem> | null>(null);
  const chunks = useMemo(
    () => planAreaChunks(items, previous.current, itemsToKeep(items, editingNoteId)),
    [items, editingNoteId],
  );
  // Only a plan that was shown is the base for the next one.
  useLayoutEffect(() => {
    previous.current = chunks;
  }, [chunks]);
  return chunks.chunks.map((chunk) => <AreaChunk key={chunk.key} items={chunk.items} areaId={areaId} />);
}

/** Ids of the items that must keep their chunk (read when the list changes; see AreaChunkedItems). */
function itemsToKeep(items: readonly LayoutItem[], editingNoteId: string | null): Set<string> {
  const dropped = useAppStore.getState().drag?.activeNoteId;
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const focusedNoteId = focused?.closest<HTMLElement>('[data-note-id]')?.dataset.noteId;
  const focusedClusterId = focused?.closest<HTMLElement>('[data-cluster-id]')?.dataset.clusterId;
  const holds = (noteId: string): boolean => noteId !== dropped && (noteId === editingNoteId || noteId === focusedNoteId);
  const keep = new Set<string>();
  for (const item of items) {
    if (item.type === 'note' ? holds(item.id) : item.id === focusedClusterId || item.noteIds.some(holds)) keep.add(item.id);
  }
  return keep;
}

/** A note's height with the gap after it, roughly, before it is drawn. */
const NOTE_HEIGHT_ESTIMATE_REM = 9.25;

/**
 * One chunk of an area's list: a plain box, so that to the eye and to screen readers the notes are
 * items of the area's one list. Re-renders only when its items change.
 */
const AreaChunk = memo(
  function AreaChunk({ items, areaId }: { items: readonly LayoutItem[]; areaId: string }) {
    const notes = items.reduce((sum, item) => sum + (item.type === 'note' ? 1 : item.noteIds.length + 1), 0);
    // The size a chunk is reckoned to have until it is first drawn (it matters with `content-visibility`,
    // see board.css). Not a custom property: changing one would restyle every element in the chunk.
    return (
      <div className="area__chunk" style={{ containIntrinsicHeight: `auto ${notes * NOTE_HEIGHT_ESTIMATE_REM}rem` }}>
        {items.map((item) =>
          item.type === 'note' ? (
            <NoteItem key={item.id} noteId={item.id} areaId={areaId} />
          ) : (
            <ClusterBox key={item.id} clusterId={item.id} noteIds={item.noteIds} areaId={areaId} />
          ),
        )}
      </div>
    );
  },
  (before, after) => before.areaId === after.areaId && sameItems(before.items, after.items),
);

function sameItems(a: readonly LayoutItem[], b: readonly LayoutItem[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index] || isSameItem(item, b[index]!));
}
