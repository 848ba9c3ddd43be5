import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  groupNotes,
  initBoard,
  moveCluster,
  moveNote,
  readAreaLayout,
  readAreas,
  readBoard,
  readNote,
  removeArea,
  renameCluster,
  ungroupCluster,
} from './board-schema.js';

function boardWithNotes(texts: string[]): { doc: Y.Doc; areaIds: string[]; ids: string[] } {
  const doc = new Y.Doc();
  initBoard(doc, { title: 't', template: 'retrospective' });
  const areaIds = readAreas(doc).map((a) => a.id);
  const ids = texts.map((text) => addNote(doc, { areaId: areaIds[0]!, text, kind: 'idea', authorId: 'p', authorName: 'P' }));
  return { doc, areaIds, ids };
}

describe('clusters', () => {
  it('groups notes where the first one is and shows them together in order', () => {
    const { doc, areaIds, ids } = boardWithNotes(['a', 'b', 'c', 'd']);
    const clusterId = groupNotes(doc, [ids[1]!, ids[3]!], { title: 'Samarbeid' });
    expect(readAreaLayout(doc).get(areaIds[0]!)).toEqual([
      { type: 'note', id: ids[0] },
      { type: 'cluster', id: clusterId, noteIds: [ids[1], ids[3]] },
      { type: 'note', id: ids[2] },
    ]);
    const area = readBoard(doc).areas[0]!;
    expect(area.notes.map((n) => n.text)).toEqual(['a', 'b', 'd', 'c']);
    expect(area.clusters).toEqual([{ id: clusterId, title: 'Samarbeid', noteIds: [ids[1], ids[3]] }]);
    expect(readNote(doc, ids[1]!)!.clusterId).toBe(clusterId);
  });

  it('drops a note into a cluster, moves the cluster as one, and takes a note out again', () => {
    const { doc, areaIds, ids } = boardWithNotes(['a', 'b', 'c']);
    const clusterId = groupNotes(doc, [ids[0]!, ids[1]!]);
    moveNote(doc, ids[2]!, { areaId: areaIds[0]!, index: 0, clusterId });
    expect(readBoard(doc).areas[0]!.clusters[0]!.noteIds).toEqual([ids[2], ids[0], ids[1]]);
    renameCluster(doc, clusterId, 'Alle tre');
    moveCluster(doc, clusterId, { areaId: areaIds[2]!, index: 0 });
    const board = readBoard(doc);
    expect(board.areas[0]!.notes).toEqual([]);
    expect(board.areas[2]!.clusters[0]).toMatchObject({ title: 'Alle tre', noteIds: [ids[2], ids[0], ids[1]] });
    expect(board.areas[2]!.notes.every((n) => n.areaId === areaIds[2])).toBe(true);
    moveNote(doc, ids[0]!, { areaId: areaIds[1]!, index: 0 });
    expect(readNote(doc, ids[0]!)).toMatchObject({ areaId: areaIds[1], clusterId: null });
  });

  it('ungrouping puts the notes back where the cluster was, in order', () => {
    const { doc, areaIds, ids } = boardWithNotes(['a', 'b', 'c', 'd']);
    const clusterId = groupNotes(doc, [ids[1]!, ids[2]!]);
    ungroupCluster(doc, clusterId);
    expect(readAreaLayout(doc).get(areaIds[0]!)!.map((item) => item.id)).toEqual(ids);
    expect(readBoard(doc).areas[0]!.clusters).toEqual([]);
  });

  it('concurrent: a cluster moved while someone drags one of its notes out keeps every note once', () => {
    const { doc: a, areaIds, ids } = boardWithNotes(['a', 'b', 'c']);
    const clusterId = groupNotes(a, [ids[0]!, ids[1]!]);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    moveCluster(a, clusterId, { areaId: areaIds[1]!, index: 0 });
    moveNote(b, ids[0]!, { areaId: areaIds[2]!, index: 0 });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    expect(readBoard(a)).toEqual(readBoard(b));
    const all = readBoard(a).areas.flatMap((area) => area.notes.map((n) => n.id));
    expect(all.sort()).toEqual([...ids].sort());
  });

  it('removing an area moves its clusters along with their notes', () => {
    const { doc, areaIds, ids } = boardWithNotes(['a', 'b']);
    const clusterId = groupNotes(doc, [ids[0]!, ids[1]!], { title: 'g' });
    removeArea(doc, areaIds[0]!, { moveNotesTo: areaIds[1]! });
    const area = readBoard(doc).areas[0]!;
    expect(area.id).toBe(areaIds[1]);
    expect(area.clusters).toEqual([{ id: clusterId, title: 'g', noteIds: [ids[0], ids[1]] }]);
  });
});
