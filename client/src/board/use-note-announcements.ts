import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readAreas, readNote } from '@verksted/shared';
import { ANNOUNCE_BATCH_MS } from '../config';
import { selectIsFacilitator } from '../sync/connection-slice';
import { useAppStore } from '../store/app-store';
import { getNoteLayoutStore } from './note-layout-store';
import { getSettingsStore } from './settings-store';

/** Every note shown, from the layout the columns use (not laid out again for this). */
function allNoteIds(doc: Y.Doc): Set<string> {
  const layout = getNoteLayoutStore(doc);
  const ids = new Set<string>();
  for (const area of readAreas(doc)) for (const id of layout.getAreaNoteIds(area.id)) ids.add(id);
  return ids;
}

/**
 * Announces notes that others add, batched so a busy brainstorm does not flood the screen
 * reader: one note is named ("New note from Kari in Goals"), several are counted.
 */
export function useNoteAnnouncements(doc: Y.Doc, enabled: boolean): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (!enabled) return;
    let known = allNoteIds(doc);
    let pending: { name: string; areaId: string }[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;

    function flush(): void {
      timer = null;
      const batch = pending;
      pending = [];
      const first = batch[0];
      if (!first) return;
      const store = useAppStore.getState();
      const { announce } = store;
      if (batch.length === 1) {
        const area = readAreas(doc).find((a) => a.id === first.areaId)?.title ?? '';
        // Anonymous mode: participants hear no names.
        const anonymous = getSettingsStore(doc).getSnapshot().anonymous && !selectIsFacilitator(store);
        announce(
          anonymous
            ? t('announce.noteInArea', { area })
            : t('announce.noteFromOther', { name: first.name || t('note.unknownAuthor'), area }),
        );
      } else {
        announce(t('announce.notesFromOthers', { count: batch.length }));
      }
    }

    // After the layout store has taken the change in (its listeners are called after it did).
    const stop = getNoteLayoutStore(doc).subscribe(() => {
      const current = allNoteIds(doc);
      const me = useAppStore.getState().participantId;
      for (const id of current) {
        if (known.has(id)) continue;
        const note = readNote(doc, id);
        if (note && note.authorId !== me) pending.push({ name: note.authorName, areaId: note.areaId });
      }
      known = current;
      if (pending.length > 0 && timer === null) timer = setTimeout(flush, ANNOUNCE_BATCH_MS);
    });
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [doc, enabled, t]);
}
