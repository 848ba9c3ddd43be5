/**
 * Universal design, checked by axe-core (WCAG 2.1 A and AA) on every page and in every phase, in
 * English and in Norwegian: the front page, the join page, the name dialog, the board as a
 * participant (desktop and a 360 px phone) and as the facilitator with the controls open, in the
 * brainstorm, share, cluster, vote (before and after the reveal) and results phases, the projector
 * in each phase, the downloads panel, the printable report, the roll-up and the not-found page.
 * A second journey runs on a 320 × 640 phone in dark colours with reduced motion, and on a laptop
 * at 200 % zoom: no violations, no sideways scrolling, no transitions.
 */
import { TEMPLATES, TEST_IDS, type Phase } from '@verksted/shared';
import {
  expectNoAxeViolations,
  expectNoAxeViolationsInBothLanguages,
  expectNoHorizontalScrolling,
  switchLanguage,
} from '../fixtures/accessibility.js';
import { expect, test, type User } from '../fixtures/fixtures.js';
import { ProjectorPage } from '../fixtures/projector-page.js';

const AREAS = TEMPLATES['innovation-strategy'].areas.map((area) => area.title.en);
const [MEANS, BENEFITS] = AREAS as [string, string];
const TITLE = 'Universell utforming';
const NOTE = {
  kari: 'Felles sjekkliste for piloter',
  ola: 'Spør innbyggerne først',
  kariLater: 'Del erfaringer på tvers',
} as const;

async function checkProjector(projector: ProjectorPage, label: string): Promise<void> {
  await expectNoAxeViolationsInBothLanguages(projector.page, label);
}

test('every page and phase has no WCAG 2.1 AA violations (axe), in English and in Norwegian', async ({ openUser }) => {
  test.setTimeout(360_000);
  const facilitator = await openUser('Facilitator', 'desktop');
  const kari = await openUser('Kari', 'desktop');
  const ola = await openUser('Ola', 'small-phone');
  const participants: User[] = [kari, ola];
  const controls = facilitator.board.controls;
  let projector!: ProjectorPage;

  /** The board of everyone, the facilitator with the controls open, and the projector. */
  async function checkEveryone(phase: Phase, label: string = phase): Promise<void> {
    for (const user of participants) {
      await user.board.expectPhase(phase);
      await expectNoAxeViolationsInBothLanguages(user.page, `${user.name}'s board (${user.device}, ${label})`);
    }
    await controls.open();
    await facilitator.board.expectPhase(phase);
    await expectNoAxeViolationsInBothLanguages(facilitator.page, `the facilitator's board with the controls open (${label})`);
    await projector.expectPhase(phase);
    await checkProjector(projector, `the projector (${label})`);
  }

  await test.step('front page', async () => {
    await facilitator.page.goto('/');
    await expect(facilitator.page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(facilitator.page.getByRole('heading', { name: 'Import a board (JSON)' })).toBeVisible();
    await expectNoAxeViolationsInBothLanguages(facilitator.page, 'the front page');
  });

  let joinCode = '';
  await test.step('a new board with the share panel open, and the projector', async () => {
    await facilitator.home.createWorkshop(TITLE, 'innovation-strategy');
    await facilitator.board.expectConnected();
    await expect(facilitator.page.getByTestId(TEST_IDS.qrCode)).toBeVisible();
    joinCode = (await facilitator.board.joinCode.innerText()).trim();
    await expectNoAxeViolationsInBothLanguages(facilitator.page, "the facilitator's new board with the share panel");
    projector = await ProjectorPage.openFrom(facilitator.board);
    await expect(projector.qrCode).toBeVisible();
  });

  await test.step('join page and name dialog', async () => {
    await kari.page.goto('/join');
    await expect(kari.page.getByRole('heading', { name: 'Join a workshop' })).toBeVisible();
    await expectNoAxeViolationsInBothLanguages(kari.page, 'the join page');
    await kari.home.joinByCode(joinCode);
    await expect(kari.board.nameDialog).toBeVisible();
    await expectNoAxeViolationsInBothLanguages(kari.page, 'the name dialog');
    await kari.board.enterName('Kari', 'Employees');
    await ola.home.joinByCode(joinCode, { tap: true });
    await expect(ola.board.nameDialog).toBeVisible();
    await expectNoAxeViolations(ola.page, 'the name dialog on a phone');
    await ola.board.enterName('Ola');
    await Promise.all(participants.map((user) => user.board.expectConnected()));
  });

  await test.step('brainstorm', async () => {
    await controls.open();
    await controls.previousPhase('brainstorm');
    await kari.board.addNote(MEANS, NOTE.kari);
    await ola.board.addNote(MEANS, NOTE.ola);
    await expect(kari.board.brainstormCount(MEANS)).toHaveAttribute('data-count', '2');
    await checkEveryone('brainstorm');
  });

  await test.step('share, with a composer open on the phone', async () => {
    await controls.nextPhase('share');
    await kari.board.addNote(BENEFITS, NOTE.kariLater);
    await kari.board.expectLayout({ [MEANS]: [NOTE.kari, NOTE.ola], [BENEFITS]: [NOTE.kariLater] });
    await checkEveryone('share');
    const means = await ola.board.showArea(MEANS);
    await ola.board.activate(means.getByTestId(TEST_IDS.addNoteButton));
    await expect(means.getByTestId(TEST_IDS.noteInput)).toBeFocused();
    await expectNoAxeViolations(ola.page, "Ola's board with the note form open (phone)");
    await ola.page.keyboard.press('Escape');
    await expect(means.getByTestId(TEST_IDS.addNoteButton)).toBeFocused();
  });

  await test.step('cluster, with a group', async () => {
    await controls.nextPhase('cluster');
    await ola.board.groupNotes(MEANS, [NOTE.kari, NOTE.ola]);
    await expect(kari.board.clusters).toHaveCount(1);
    await checkEveryone('cluster');
  });

  await test.step('vote, before and after the reveal', async () => {
    await controls.nextPhase('vote');
    await kari.board.giveDot(MEANS, NOTE.ola);
    await expect(kari.board.myDots(NOTE.ola)).toHaveAttribute('data-count', '1');
    await checkEveryone('vote', 'vote before the reveal');
    await controls.setToggle('Reveal votes', true);
    await expect(kari.board.noteVotes(NOTE.ola)).toHaveAttribute('data-count', '1');
    await checkEveryone('vote', 'vote after the reveal');
  });

  await test.step('results', async () => {
    await controls.nextPhase('results');
    await expect(kari.board.results).toBeVisible();
    await checkEveryone('results');
  });

  await test.step('downloads panel (facilitator and participant)', async () => {
    await controls.toggleButton.click();
    await expect(controls.panel).toBeHidden();
    const download = facilitator.page.getByRole('button', { name: 'Download', exact: true });
    await download.click();
    await expect(facilitator.page.getByTestId(TEST_IDS.downloadsPanel)).toBeVisible();
    await expectNoAxeViolationsInBothLanguages(facilitator.page, "the facilitator's downloads panel");
    const kariDownload = kari.page.getByRole('button', { name: 'Download', exact: true });
    await kariDownload.click();
    await expect(kari.page.getByTestId(TEST_IDS.snapshotList)).toBeVisible();
    await expectNoAxeViolationsInBothLanguages(kari.page, "a participant's downloads panel with the snapshots");
  });

  await test.step('printable report', async () => {
    await facilitator.page.goto(`/b/${facilitator.board.boardId()}/report`);
    await expect(facilitator.page.getByTestId(TEST_IDS.report)).toBeVisible();
    await expectNoAxeViolationsInBothLanguages(facilitator.page, 'the printable report');
  });

  await test.step('roll-up of two workshops', async () => {
    await facilitator.home.createWorkshop('Andre verksted', 'innovation-strategy');
    await facilitator.board.expectConnected();
    await facilitator.page.goto('/rollup');
    const boards = facilitator.page.getByTestId(TEST_IDS.rollupBoard);
    await expect(boards).toHaveCount(2);
    await expectNoAxeViolationsInBothLanguages(facilitator.page, 'the roll-up page');
    for (const board of await boards.all()) await board.getByRole('checkbox').check();
    await facilitator.page.getByRole('button', { name: 'Combine' }).click();
    await expect(facilitator.page.getByTestId(TEST_IDS.rollupItem).first()).toBeVisible();
    await expectNoAxeViolationsInBothLanguages(facilitator.page, 'the roll-up overview');
  });

  await test.step('a workshop that does not exist, and an unknown page', async () => {
    await kari.page.goto('/b/AAAAAAAAAAAAAAAAAAAAAA');
    await expect(kari.page.getByRole('heading', { name: 'This workshop does not exist' })).toBeVisible();
    await expectNoAxeViolationsInBothLanguages(kari.page, 'the not-found page of a workshop');
    await kari.page.goto('/no/such/page');
    await expect(kari.page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expectNoAxeViolations(kari.page, 'the not-found page');
  });
});

test('a 320 px phone in dark colours with reduced motion, and a laptop at 200 % zoom: no violations, no sideways scrolling, nothing moves', async ({
  openUser,
}) => {
  test.setTimeout(180_000);
  const facilitator = await openUser('Facilitator', 'desktop', { colorScheme: 'dark', reducedMotion: 'reduce' });
  // 320 × 640 CSS px: WCAG 1.4.10 reflow.
  const phone = await openUser('Ola', 'small-phone', { viewport: { width: 320, height: 640 } });
  await phone.page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'dark' });
  // A 1280 × 800 laptop at 200 % zoom lays out like a 640 × 400 window.
  const zoomed = await openUser('Kari', 'desktop', { viewport: { width: 640, height: 400 } });

  await test.step('the front page and the join page at 320 px, dark', async () => {
    await phone.page.goto('/');
    await expect(phone.page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(phone.page.getByRole('heading', { name: 'Import a board (JSON)' })).toBeVisible();
    await expectNoHorizontalScrolling(phone.page, 'the front page at 320 px');
    await expectNoAxeViolations(phone.page, 'the front page at 320 px, dark');
    await phone.page.goto('/join');
    await expectNoHorizontalScrolling(phone.page, 'the join page at 320 px');
    await expectNoAxeViolations(phone.page, 'the join page at 320 px, dark');
  });

  let joinCode = '';
  await test.step('the facilitator in dark colours with the share panel and the controls', async () => {
    await facilitator.home.createWorkshop(TITLE, 'innovation-strategy');
    await facilitator.board.expectConnected();
    joinCode = (await facilitator.board.joinCode.innerText()).trim();
    await facilitator.board.controls.open();
    await facilitator.board.addNote(MEANS, NOTE.kari);
    await expectNoAxeViolations(facilitator.page, "the facilitator's board in dark colours");
    await switchLanguage(facilitator.page, 'nb');
    await expectNoAxeViolations(facilitator.page, "the facilitator's board in dark colours (nb)");
    await switchLanguage(facilitator.page, 'en');
  });

  await test.step('the participant board at 320 px, dark, reduced motion', async () => {
    await phone.home.joinByCode(joinCode, { tap: true });
    await expectNoHorizontalScrolling(phone.page, 'the name dialog at 320 px');
    await expectNoAxeViolations(phone.page, 'the name dialog at 320 px, dark');
    await phone.board.enterName('Ola');
    await phone.board.expectConnected();
    await phone.board.addNote(MEANS, NOTE.ola);
    await expectNoHorizontalScrolling(phone.page, 'the board at 320 px');
    await expectNoAxeViolations(phone.page, 'the board at 320 px, dark');
    const means = await phone.board.showArea(MEANS);
    await phone.board.activate(means.getByTestId(TEST_IDS.addNoteButton));
    await expectNoHorizontalScrolling(phone.page, 'the note form at 320 px');
    await expectNoAxeViolations(phone.page, 'the note form at 320 px, dark');
    await phone.page.keyboard.press('Escape');
    await phone.board.activate(phone.board.note(NOTE.ola).getByRole('button', { name: 'Move to area…' }));
    await expectNoHorizontalScrolling(phone.page, 'the move menu at 320 px');
    await expectNoAxeViolations(phone.page, 'the move menu at 320 px, dark');
    await phone.page.keyboard.press('Escape');
    await switchLanguage(phone.page, 'nb');
    await expectNoHorizontalScrolling(phone.page, 'the board at 320 px (nb)');
    await expectNoAxeViolations(phone.page, 'the board at 320 px, dark (nb)');
    await switchLanguage(phone.page, 'en');

    // Reduced motion: no transition or animation anywhere on the board.
    const moving = await phone.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((el) => {
          const style = getComputedStyle(el);
          const seconds = (value: string): number => Math.max(...value.split(',').map((v) => parseFloat(v) || 0));
          return seconds(style.transitionDuration) > 0 || (style.animationName !== 'none' && seconds(style.animationDuration) > 0);
        })
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
    );
    expect(moving, 'with reduced motion nothing has a transition or an animation').toEqual([]);
  });

  await test.step('a laptop at 200 % zoom: one area at a time, nothing cut off', async () => {
    await zoomed.home.joinByCode(joinCode);
    await zoomed.board.enterName('Kari');
    await zoomed.board.expectConnected();
    await expect(zoomed.board.areaTabs, 'at 200 % zoom the board shows one area at a time').toBeVisible();
    await expectNoHorizontalScrolling(zoomed.page, 'the board at 200 % zoom');
    await expectNoAxeViolations(zoomed.page, 'the board at 200 % zoom');
  });
});
