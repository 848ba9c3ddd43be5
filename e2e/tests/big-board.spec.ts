/**
 * A big board in a real browser: 150 notes in one area, drawn in chunks that are skipped while
 * off screen (area-chunks.ts, `content-visibility` in board.css). To a screen reader the area is
 * still one list of 150; a note far down the list is moved with the keyboard and one is moved by
 * mouse, the order that results is kept, and a printed board shows every note.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { TEMPLATES, TEST_IDS } from '@verksted/shared';
import { expect, test } from '../fixtures/fixtures.js';

const AREAS = TEMPLATES['innovation-strategy'].areas.map((area) => area.title.en);
const MEANS = AREAS[0]!;
const COUNT = 150;
const text = (i: number): string => `Idé nummer ${i}`;

interface ExportedBoard {
  areas: { title: string; notes: { id: string; text: string; createdAt: number }[] }[];
}

/** The note texts of an area in list order, read from the DOM (skipped chunks included). */
async function textsOf(page: Page, areaTitle: string): Promise<string[]> {
  return page
    .getByRole('list', { name: areaTitle, exact: true })
    .getByTestId(TEST_IDS.noteText)
    .evaluateAll((elements) => elements.map((element) => element.textContent?.trim() ?? ''));
}

test('a board of 150 notes is one list to screen readers, and notes far down are moved by keyboard and mouse', async ({ openUser, request }) => {
  const facilitator = await openUser('Facilitator', 'desktop');
  const { page, board } = facilitator;

  await test.step('a board with 150 notes in one area, imported from a file', async () => {
    await facilitator.home.createWorkshop('Stor tavle', 'innovation-strategy');
    await board.expectConnected();
    await board.addNote(MEANS, text(0));
    await board.expectSaved();
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON (re-importable)' }).click()]);
    const exported = JSON.parse(await readFile((await file.path())!, 'utf8')) as ExportedBoard;
    const area = exported.areas.find((a) => a.title === MEANS)!;
    const seed = area.notes[0]!;
    area.notes = Array.from({ length: COUNT }, (_, i) => ({ ...seed, id: `big${i}`, text: text(i), createdAt: seed.createdAt + i }));
    const response = await request.post('/api/boards/import', { data: exported });
    expect(response.status()).toBe(201);
    const created = (await response.json()) as { id: string; facilitatorKey: string };
    await page.goto(`/b/${created.id}#key=${encodeURIComponent(created.facilitatorKey)}`);
    await board.expectConnected();
  });

  const expected = Array.from({ length: COUNT }, (_, i) => text(i));
  await test.step('drawn in chunks, skipped off screen; one list of 150 to a screen reader', async () => {
    await expect.poll(() => textsOf(page, MEANS)).toEqual(expected);
    await expect(page.locator('.board-view--many-notes')).toHaveCount(1);
    expect(await page.locator('.area__chunk').count()).toBeGreaterThan(COUNT / 16);
    expect(await page.locator('.area__chunk').first().evaluate((el) => getComputedStyle(el).contentVisibility)).toBe('auto');
    await expect(page.getByRole('list', { name: MEANS, exact: true }).getByRole('listitem')).toHaveCount(COUNT);
  });

  await test.step('by keyboard: note 140, far down, picked up, two places up, dropped; its handle keeps focus', async () => {
    const handle = board.dragHandle(text(140));
    await board.moveNoteByKeyboardSteps(text(140), 'ArrowUp', 2, { from: 141, to: 139, total: COUNT });
    expected.splice(140, 1);
    expected.splice(138, 0, text(140));
    await expect.poll(() => textsOf(page, MEANS)).toEqual(expected);
    await expect(board.dragHandle(text(140)), 'the handle keeps focus').toBeFocused();
    await expect(handle).toBeInViewport();
  });

  await test.step('by mouse: note 100 dropped on the upper half of note 97 goes before it', async () => {
    const target = board.note(text(97));
    const handle = board.dragHandle(text(100));
    await target.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await expect(handle).toBeInViewport();
    const from = (await handle.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 12, from.y + 12, { steps: 3 });
    const box = (await target.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 4, { steps: 12 });
    await expect(page.locator('.note-item--drop-before').getByTestId(TEST_IDS.noteText), 'the drop line is at note 97').toHaveText(text(97));
    await page.mouse.up();
    expected.splice(100, 1);
    expected.splice(97, 0, text(100));
    await expect.poll(() => textsOf(page, MEANS)).toEqual(expected);
    await expect(page.locator('.note-item--drop-before, .note-item--dragging'), 'no drag marks are left').toHaveCount(0);
  });

  await test.step('after a reload the board shows the same order (it was saved)', async () => {
    await board.expectSaved();
    await page.reload();
    await board.expectConnected();
    await expect.poll(() => textsOf(page, MEANS)).toEqual(expected);
  });

  await test.step('printed, every chunk is drawn', async () => {
    const visibility = () => page.locator('.area__chunk').last().evaluate((el) => getComputedStyle(el).contentVisibility);
    expect(await visibility()).toBe('auto');
    await page.emulateMedia({ media: 'print' });
    expect(await visibility()).toBe('visible');
    await page.emulateMedia({ media: null });
  });
});
