// Worker thread: builds the join-large board's notes in parallel with the rest of the preparation
// (5,000 notes and their updates take a few hundred ms). Plain JS: no loader needed.
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { addNote, countNotes, readAreas } from '@verksted/shared';

const { s0, authorId, notes, markerBase } = workerData;
const doc = new Y.Doc();
Y.applyUpdate(doc, s0, 'init');
const areas = readAreas(doc);
const updates = [];
doc.on('update', (update, origin) => {
  if (origin === 'seed') updates.push(update);
});
const perChunk = 250;
for (let n = 0; n < notes; n += perChunk) {
  doc.transact(() => {
    for (let i = n; i < Math.min(notes, n + perChunk); i++) {
      addNote(doc, {
        areaId: areas[i % areas.length].id,
        text: `~K${String(markerBase + i).padStart(8, '0')} a realistic sticky note: what went well, what to change, what we learned (${i})`,
        kind: 'experience',
        authorId,
        authorName: 'Seeder',
      });
    }
  }, 'seed');
}
if (countNotes(doc) !== notes) throw new Error('join board: wrong note count');
parentPort.postMessage({ updates, state: Y.encodeStateAsUpdate(doc) });
