/**
 * Reading a board's layout after each move, from scratch and from the live layout (what a client's
 * board view does after every change): 1,000 notes, 200 moves.
 *
 *   cd shared && node_modules/.bin/tsx bench/read-layout.ts
 */
import * as Y from 'yjs';
import { addNote, initBoard, moveNote, readAreaLayout, readAreas } from '../src/index.js';

function board(): { doc: Y.Doc; ids: string[]; areaIds: string[] } {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'bench', template: 'innovation-strategy', createdAt: 1 });
  const areaIds = readAreas(doc).map((a) => a.id);
  const ids: string[] = [];
  for (let i = 0; i < 1000; i++) {
    ids.push(addNote(doc, { areaId: areaIds[i % areaIds.length]!, text: `n${i}`, kind: 'idea', authorId: 'p', authorName: 'P' }));
  }
  return { doc, ids, areaIds };
}

for (const live of [false, true, false, true]) {
  const { doc, ids, areaIds } = board();
  readAreaLayout(doc, { live });
  let readMs = 0;
  for (let i = 0; i < 200; i++) {
    moveNote(doc, ids[(i * 37) % ids.length]!, { areaId: areaIds[i % areaIds.length]!, index: i % 50 });
    const start = performance.now();
    readAreaLayout(doc, { live });
    readMs += performance.now() - start;
  }
  console.log(`${live ? 'live' : 'from scratch'}: ${(readMs / 200).toFixed(3)} ms per read after a move (1,000 notes)`);
}
