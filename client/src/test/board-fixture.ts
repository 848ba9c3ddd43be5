/** Test boards in real in-memory Y.Docs (no mocks of Yjs). */
import * as Y from 'yjs';
import { addNote, initBoard, readAreas, NOTE_KINDS, type TemplateId } from '@verksted/shared';

export interface TestBoard {
  doc: Y.Doc;
  areaIds: string[];
  noteIds: string[];
}

/** A board from `template` with `noteCount` notes spread round-robin over its areas. */
export function createTestBoard(noteCount: number, template: TemplateId = 'innovation-strategy'): TestBoard {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Test workshop', template, language: 'en' });
  const areaIds = readAreas(doc).map((area) => area.id);
  const noteIds: string[] = [];
  doc.transact(() => {
    for (let i = 0; i < noteCount; i++) {
      noteIds.push(
        addNote(doc, {
          areaId: areaIds[i % areaIds.length]!,
          text: `Note ${i}`,
          kind: NOTE_KINDS[i % NOTE_KINDS.length]!,
          authorId: `author-${i % 7}`,
          authorName: `Person ${i % 7}`,
        }),
      );
    }
  });
  return { doc, areaIds, noteIds };
}

/** A second peer: a doc that starts as a copy of `doc`. */
export function createPeer(doc: Y.Doc): Y.Doc {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  return peer;
}

/** Sends what `from` has and `to` lacks, as a remote update would arrive from the provider. */
export function syncPeer(from: Y.Doc, to: Y.Doc, origin: unknown = 'remote'): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), origin);
}

/** Counts renders per component and id (see `ui/render-probe.ts`). */
export class RenderCounter {
  private counts = new Map<string, number>();
  readonly record = (component: string, id: string): void => {
    const key = `${component}:${id}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  };
  count(component: string, id: string): number {
    return this.counts.get(`${component}:${id}`) ?? 0;
  }
  total(component: string): number {
    let sum = 0;
    for (const [key, value] of this.counts) if (key.startsWith(`${component}:`)) sum += value;
    return sum;
  }
  reset(): void {
    this.counts.clear();
  }
}
