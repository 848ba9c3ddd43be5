/**
 * A participant on a 360 × 640 touch phone (isMobile, hasTouch), the participant view's design
 * target: "Add note" is one obvious action on screen, every button, link and field is a tap target
 * of 44 × 44 px or more, the note's text field stays in view when the on-screen keyboard takes half
 * the screen, and a note moves to another area both with the "Move to area…" menu and by a
 * long-press drag onto another area's tab (real touch events through the DevTools protocol).
 */
import { TEMPLATES, TEST_IDS } from '@verksted/shared';
import type { Locator, Page } from '@playwright/test';
import { smallTapTargets } from '../fixtures/accessibility.js';
import { expect, test } from '../fixtures/fixtures.js';
import { Finger, centreOf } from '../fixtures/touch.js';

const AREAS = TEMPLATES['innovation-strategy'].areas.map((area) => area.title.en);
const [MEANS, BENEFITS, , CULTURE] = AREAS as [string, string, string, string];
const NOTE = {
  first: 'Prøv ut tjenester med brukerne',
  second: 'Mål gevinster fra første dag',
  third: 'Del det som virker',
} as const;

/** Whether the element lies wholly inside what the screen shows (the visual viewport). */
async function isWithinScreen(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const viewport = window.visualViewport;
    const height = viewport?.height ?? window.innerHeight;
    const width = viewport?.width ?? window.innerWidth;
    return box.top >= 0 && box.left >= 0 && box.bottom <= height + 1 && box.right <= width + 1;
  });
}

async function expectNoSmallTapTargets(page: Page, where: string): Promise<void> {
  expect(await smallTapTargets(page), `tap targets under 44 × 44 px on ${where}`).toEqual([]);
}

test('a participant on a 360 × 640 touch phone adds notes and moves them by menu and by long-press drag', async ({ openUser }) => {
  test.setTimeout(120_000);
  const facilitator = await openUser('Facilitator', 'desktop');
  await facilitator.home.createWorkshop('Mobilverksted', 'innovation-strategy');
  await facilitator.board.expectConnected();
  const joinCode = (await facilitator.board.joinCode.innerText()).trim();

  const ola = await openUser('Ola', 'small-phone');
  const page = ola.page;
  const board = ola.board;

  await test.step('the phone is a 360 × 640 touch screen, and the page lets the keyboard resize it', async () => {
    expect(page.viewportSize()).toEqual({ width: 360, height: 640 });
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), 'a touch screen').toBe(true);
    await ola.home.joinByCode(joinCode, { tap: true });
    await expectNoSmallTapTargets(page, 'the name dialog');
    await board.enterName('Ola');
    await board.expectConnected();
    await expect(page.locator('meta[name="viewport"]')).toHaveAttribute('content', /interactive-widget=resizes-content/);
    await expect(board.areaTabs, 'one area at a time, with tabs').toBeVisible();
  });

  await test.step('"Add note" is on screen at once; the text field stays in view when the keyboard opens', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const add = page.getByTestId(TEST_IDS.addNoteButton);
    await expect(add).toBeVisible();
    expect(await isWithinScreen(add), '"Add note" is on screen without scrolling').toBe(true);
    await expectNoSmallTapTargets(page, 'the phone board');

    await add.tap();
    const input = page.getByTestId(TEST_IDS.noteInput);
    await expect(input).toBeFocused();
    expect(await isWithinScreen(input), 'the text field is on screen').toBe(true);
    await expectNoSmallTapTargets(page, 'the phone board with the note form open');
    // The on-screen keyboard takes the lower half; with interactive-widget=resizes-content the
    // page gets the smaller viewport, and the field must still be in view.
    await page.setViewportSize({ width: 360, height: 300 });
    await expect.poll(() => isWithinScreen(input), { message: 'the text field stays above the keyboard' }).toBe(true);
    await input.fill(NOTE.first);
    await page.getByRole('button', { name: 'Add', exact: true }).tap();
    await page.setViewportSize({ width: 360, height: 640 });
    await expect(board.note(NOTE.first)).toBeVisible();
    await board.addNote(MEANS, NOTE.second);
    await board.addNote(MEANS, NOTE.third);
    await expect(facilitator.board.note(NOTE.third)).toBeVisible();
  });

  await test.step('moving a note with "Move to area…"', async () => {
    await board.note(NOTE.second).getByRole('button', { name: 'Move to area…' }).tap();
    const menu = page.getByRole('group', { name: 'Move note' });
    await expect(menu).toBeVisible();
    await expectNoSmallTapTargets(page, 'the phone board with the move menu open');
    await menu.getByRole('button', { name: `Move to ${BENEFITS}` }).tap();
    await board.expectLayout({ [MEANS]: [NOTE.first, NOTE.third], [BENEFITS]: [NOTE.second] });
    await facilitator.board.expectLayout({ [MEANS]: [NOTE.first, NOTE.third], [BENEFITS]: [NOTE.second] });
  });

  await test.step('moving a note by a long press and a drag onto another area’s tab', async () => {
    await board.showArea(MEANS);
    const note = board.note(NOTE.third);
    const tab = board.tab(CULTURE);
    // The tab near the top of the screen and the note below it, clear of "Add note" at the bottom.
    const tabBox = (await tab.boundingBox())!;
    await page.evaluate((dy) => window.scrollBy(0, dy), tabBox.y - 90);
    const from = await centreOf(note.getByTestId(TEST_IDS.noteText));
    const to = await centreOf(tab);
    const addBox = (await page.getByTestId(TEST_IDS.addNoteButton).boundingBox())!;
    expect(from.y, 'the note is on screen above "Add note"').toBeLessThan(addBox.y - 10);
    expect(to.y, 'the tab is on screen').toBeGreaterThan(0);

    const finger = await Finger.on(page);
    await board.recordDndAnnouncements();
    await finger.longPressDrag(from, to, {
      beforeRelease: async () => {
        await expect(tab, 'the tab lights up as the drop target').toHaveClass(/area-tabs__tab--drop-target/);
      },
    });
    await finger.detach();
    await expect
      .poll(() => board.dndAnnouncements(), { message: 'the drop is announced' })
      .toContainEqual(expect.stringMatching(new RegExp(`^Note dropped in ${CULTURE},`)));
    await board.expectLayout({ [MEANS]: [NOTE.first], [BENEFITS]: [NOTE.second], [CULTURE]: [NOTE.third] });
    await facilitator.board.expectLayout({ [MEANS]: [NOTE.first], [BENEFITS]: [NOTE.second], [CULTURE]: [NOTE.third] });
  });

  await test.step('a long press and a drag within the area puts a note in another place', async () => {
    await board.showArea(MEANS);
    await board.addNote(MEANS, NOTE.third);
    expect(await board.noteTexts(MEANS)).toEqual([NOTE.first, NOTE.third]);
    const second = board.note(NOTE.third);
    const first = board.note(NOTE.first);
    await first.scrollIntoViewIfNeeded();
    const firstBox = (await first.boundingBox())!;
    await page.evaluate((dy) => window.scrollBy(0, dy), firstBox.y - 120);
    const from = await centreOf(second.getByTestId(TEST_IDS.noteText));
    const to = await centreOf(first.getByTestId(TEST_IDS.noteText));
    const finger = await Finger.on(page);
    await finger.longPressDrag(from, { x: to.x, y: to.y - 20 });
    await finger.detach();
    await expect.poll(() => board.noteTexts(MEANS), { message: 'the dragged note is now first' }).toEqual([NOTE.third, NOTE.first]);
  });
});
