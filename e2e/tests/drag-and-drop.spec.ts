/**
 * Where a dragged note lands, in a real browser: reordering within an area by mouse (the drop
 * line) and by keyboard (arrow up and down step through the places), then, in the cluster
 * phase, grouping by dropping a note on another and joining a group by dropping on its box.
 * A second participant sees every change.
 */
import type { Locator, Page } from 'playwright-core';
import { TEMPLATES, TEST_IDS } from '@verksted/shared';
import { expect, test } from '../fixtures/fixtures.js';

const AREAS = TEMPLATES['innovation-strategy'].areas.map((area) => area.title.en);
const MEANS = AREAS[0]!;
const NOTE = { a: 'Alfa: felles verktøy', b: 'Bravo: månedlige demoer', c: 'Charlie: åpne data', d: 'Delta: hospitering' } as const;

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses on `from`, moves past the activation distance, then to `to` in steps, and drops there. */
async function dragByMouse(page: Page, from: Locator, to: () => Promise<{ x: number; y: number }>, beforeDrop?: () => Promise<void>): Promise<void> {
  // In the middle of the screen: near its edges the board would scroll while dragging.
  await from.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const start = await centre(from);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 10, start.y + 10, { steps: 3 });
  const end = await to();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await beforeDrop?.();
  await page.mouse.up();
}

test('notes are reordered by mouse and keyboard, and grouped by dropping one on another', async ({ openUser }) => {
  const facilitator = await openUser('Facilitator', 'desktop');
  const kari = await openUser('Kari', 'desktop');
  const board = facilitator.board;
  const page = facilitator.page;

  await facilitator.home.createWorkshop('Dra og slipp', 'innovation-strategy');
  await board.expectConnected();
  const joinCode = (await board.joinCode.innerText()).trim();
  await kari.home.joinByCode(joinCode);
  await kari.board.enterName('Kari');
  for (const text of Object.values(NOTE)) await board.addNote(MEANS, text);
  await kari.board.expectLayout({ ...Object.fromEntries(AREAS.map((a) => [a, []])), [MEANS]: [NOTE.a, NOTE.b, NOTE.c, NOTE.d] });
  // The area's notes are drawn in chunks (area-chunks.ts): to a screen reader still one list of them.
  await expect(page.getByRole('list', { name: MEANS, exact: true }).getByRole('listitem')).toHaveText(Object.values(NOTE).map((text) => new RegExp(text)));

  await test.step('by mouse: Delta dropped on the upper half of Bravo goes before it, where the line was', async () => {
    const bravo = board.note(NOTE.b);
    await dragByMouse(
      page,
      board.dragHandle(NOTE.d),
      async () => {
        const box = (await bravo.boundingBox())!;
        return { x: box.x + box.width / 2, y: box.y + box.height / 4 };
      },
      async () => {
        await expect(page.locator('.note-item--drop-before').getByTestId(TEST_IDS.noteText), 'the drop line is at Bravo').toHaveText(NOTE.b);
        await expect(page.locator('.note-item--dragging').getByTestId(TEST_IDS.noteText)).toHaveText(NOTE.d);
      },
    );
    await expect.poll(() => board.noteTexts(MEANS)).toEqual([NOTE.a, NOTE.d, NOTE.b, NOTE.c]);
    await expect.poll(() => kari.board.noteTexts(MEANS)).toEqual([NOTE.a, NOTE.d, NOTE.b, NOTE.c]);
    await expect(page.locator('.note-item--drop-before, .note-item--dragging'), 'no drag marks are left').toHaveCount(0);
  });

  await test.step('by keyboard: Alfa picked up, two steps down, dropped after Delta and Bravo', async () => {
    await board.moveNoteByKeyboardSteps(NOTE.a, 'ArrowDown', 2, { from: 1, to: 3, total: 4 });
    await expect.poll(() => board.noteTexts(MEANS)).toEqual([NOTE.d, NOTE.b, NOTE.a, NOTE.c]);
    await expect(board.dragHandle(NOTE.a), 'the handle keeps focus').toBeFocused();
    await expect.poll(() => kari.board.noteTexts(MEANS)).toEqual([NOTE.d, NOTE.b, NOTE.a, NOTE.c]);
  });

  await test.step('cluster phase: a note dropped on another groups the two; a note dropped on the group joins it', async () => {
    await board.controls.open();
    await board.controls.nextPhase('cluster');
    await kari.board.expectPhase('cluster');
    // Kari (a participant may group in this phase) drops Charlie on Bravo.
    const kariPage = kari.page;
    const bravo = kari.board.note(NOTE.b);
    await dragByMouse(kariPage, kari.board.dragHandle(NOTE.c), () => centre(bravo.getByTestId(TEST_IDS.noteText)), async () => {
      await expect(kariPage.locator('.note-item--group-target').getByTestId(TEST_IDS.noteText), 'Bravo is outlined').toHaveText(NOTE.b);
    });
    for (const user of [facilitator, kari]) {
      await expect(user.board.clusters, `${user.name} sees one group`).toHaveCount(1);
      await expect(user.board.clusters.getByTestId(TEST_IDS.noteText)).toHaveText([NOTE.b, NOTE.c]);
    }
    // Delta dropped on the group's heading (its box, not a note in it) joins at the end.
    const group = kari.board.clusters;
    await dragByMouse(kariPage, kari.board.dragHandle(NOTE.d), async () => {
      const box = (await group.boundingBox())!;
      return { x: box.x + box.width / 2, y: box.y + 12 };
    });
    for (const user of [facilitator, kari]) {
      await expect(user.board.clusters.getByTestId(TEST_IDS.noteText), `${user.name} sees Delta in the group`).toHaveText([
        NOTE.b,
        NOTE.c,
        NOTE.d,
      ]);
    }
    await expect.poll(() => facilitator.board.noteTexts(MEANS)).toEqual([NOTE.b, NOTE.c, NOTE.d, NOTE.a]);
  });
});
