/**
 * Prints how long the layout mutators take on a growing board (not a test; numbers vary by machine).
 *   cd shared && node_modules/.bin/tsx bench/add-note.ts [notes=5000]
 */
import * as Y from 'yjs';
import { addNote, groupNotes, initBoard, moveNote, readAreas, readNotesInArea } from '../src/index.js';

const count = Number(process.argv[2] ?? 5000);
const author = { authorId: 'bench', authorName: 'Bench' };

function time(label: string, fn: () => void): void {
  const start = performance.now();
  fn();
  console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms`);
}

const doc = new Y.Doc();
initBoard(doc, { title: 'bench', template: 'innovation-strategy', createdAt: 1 });
const areaIds = readAreas(doc).map((a) => a.id);
const ids: string[] = [];

time(`${count} addNote calls (end of area, 4 areas round robin)`, () => {
  for (let i = 0; i < count; i++) ids.push(addNote(doc, { areaId: areaIds[i % areaIds.length]!, text: `note ${i}`, kind: 'idea', ...author }));
});

const doc2 = new Y.Doc();
initBoard(doc2, { title: 'bench', template: 'innovation-strategy', createdAt: 1 });
const area2 = readAreas(doc2)[0]!.id;
time(`${count} addNote calls in one transaction (a paste/import into one area)`, () => {
  doc2.transact(() => {
    for (let i = 0; i < count; i++) addNote(doc2, { areaId: area2, text: `note ${i}`, kind: 'idea', ...author });
  });
});

const moves = Math.min(1000, count);
time(`${moves} moveNote calls (to the top of another area)`, () => {
  for (let i = 0; i < moves; i++) moveNote(doc, ids[i]!, { areaId: areaIds[(i + 1) % areaIds.length]!, index: 0 });
});

time(`${moves / 2} groupNotes + ${moves / 2} moveNote into the cluster`, () => {
  const cluster = groupNotes(doc, [ids[0]!]);
  for (let i = 1; i < moves / 2; i++) moveNote(doc, ids[i]!, { areaId: areaIds[1]!, index: i, clusterId: cluster });
});

const shown = areaIds.reduce((n, id) => n + readNotesInArea(doc, id).length, 0);
console.log(`notes shown: ${shown} of ${count}`);
