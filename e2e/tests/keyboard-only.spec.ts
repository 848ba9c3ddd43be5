/**
 * A whole workshop with the keyboard only: the facilitator creates it and changes the phases, a
 * participant joins by code, adds, edits and deletes notes, moves them between areas (with the
 * "Move to area…" menu and by dragging with the keyboard), groups them and votes. Only
 * page.keyboard is used (Tab, Shift+Tab, Enter, Space, arrow keys, Escape); locators only look.
 * Every element Tab stops at must show a visible focus indicator (≥ 2 px, ≥ 3:1), and focus must
 * land where a person expects after each action.
 */
import { TEMPLATES, TEST_IDS } from '@verksted/shared';
import { KEYBOARD_PICKUP_SETTLE_MS, escapeRegExp } from '../fixtures/board-page.js';
import { expect, test } from '../fixtures/fixtures.js';
import { activateWithKeyboard, expectFocusOn, tabTo } from '../fixtures/keyboard.js';
import { expectVisibleFocus } from '../fixtures/accessibility.js';

const AREAS = TEMPLATES['innovation-strategy'].areas.map((area) => area.title.en);
const [MEANS, BENEFITS, , CULTURE] = AREAS as [string, string, string, string];
const TITLE = 'Tastaturverksted';
const NOTE = {
  first: 'Innovasjon i budsjettet',
  second: 'Lær av andre kommuner',
  edited: 'Lær av andre kommuner og bydeler',
  gone: 'Denne slettes',
} as const;
const GROUP_TITLE = 'Læring';

test('a whole workshop is created, joined and run with the keyboard only', async ({ openUser }) => {
  test.setTimeout(180_000);
  const facilitator = await openUser('Facilitator', 'desktop');
  const kari = await openUser('Kari', 'desktop');
  const f = facilitator.page;
  const k = kari.page;

  await test.step('the facilitator creates a workshop: title, template (arrow keys), Enter', async () => {
    await f.goto('/');
    await tabTo(f, f.getByLabel('Title of the workshop'));
    await f.keyboard.type(TITLE);
    const innovation = f.getByRole('radio', { name: new RegExp(`^${TEMPLATES['innovation-strategy'].title.en}\\b`) });
    const experiences = f.getByRole('radio', { name: new RegExp(`^${TEMPLATES['experiences-and-needs'].title.en}\\b`) });
    await tabTo(f, innovation);
    await f.keyboard.press('ArrowRight');
    await expect(experiences).toBeChecked();
    await f.keyboard.press('ArrowLeft');
    await expect(innovation).toBeChecked();
    await activateWithKeyboard(f, f.getByRole('button', { name: 'Create workshop' }));
    await expect(f).toHaveURL(/\/b\/[^/#?]+$/);
    await facilitator.board.expectConnected();
    await expect(facilitator.board.title).toHaveText(TITLE);
  });

  const joinCode = (await facilitator.board.joinCode.innerText()).trim();

  await test.step('the facilitator opens the controls with the keyboard', async () => {
    await activateWithKeyboard(f, facilitator.board.controls.toggleButton);
    await expect(facilitator.board.controls.panel).toBeVisible();
    await expect(facilitator.board.controls.toggleButton).toHaveAttribute('aria-expanded', 'true');
  });

  await test.step('a participant joins by code and gives a name, all by keyboard', async () => {
    await k.goto('/join');
    await tabTo(k, k.getByLabel('Join code'));
    await k.keyboard.type(joinCode);
    await k.keyboard.press('Enter');
    await expect(k).toHaveURL(/\/b\/[^/#?]+$/);
    // The dialog takes focus, into its name field.
    await expectFocusOn(kari.board.nameDialog.getByLabel('Your name'), 'the name field of the welcome dialog');
    await expectVisibleFocus(k, 'the name field');
    await k.keyboard.type('Kari');
    await k.keyboard.press('Enter');
    await expect(kari.board.nameDialog).toBeHidden();
    await kari.board.expectConnected();
  });

  const means = kari.board.area(MEANS);
  await test.step('adding a note: "Add note", type, Enter; focus goes to the new note', async () => {
    for (const text of [NOTE.first, NOTE.second]) {
      await activateWithKeyboard(k, means.getByTestId(TEST_IDS.addNoteButton));
      await expectFocusOn(means.getByTestId(TEST_IDS.noteInput), 'the new note’s text field');
      await k.keyboard.type(text);
      await k.keyboard.press('Enter');
      await expectFocusOn(kari.board.note(text), `the new note "${text}"`);
      await expectVisibleFocus(k, 'the new note');
    }
    await expect(facilitator.board.note(NOTE.second)).toBeVisible();
  });

  await test.step('editing a note: Enter on its text, type, Enter; focus returns to the note', async () => {
    await activateWithKeyboard(k, kari.board.note(NOTE.second).getByRole('button', { name: NOTE.second }));
    const editor = k.getByTestId(TEST_IDS.noteEditInput);
    await expectFocusOn(editor, 'the note’s editor');
    await k.keyboard.press('ControlOrMeta+a');
    await k.keyboard.type(NOTE.edited);
    await k.keyboard.press('Enter');
    await expectFocusOn(kari.board.note(NOTE.edited), 'the edited note');
    await expect(facilitator.board.note(NOTE.edited)).toBeVisible();
  });

  await test.step('moving a note to another area with "Move to area…"; focus follows the note', async () => {
    await activateWithKeyboard(k, kari.board.note(NOTE.edited).getByRole('button', { name: 'Move to area…' }), 'Enter', { back: true });
    const menu = k.getByRole('group', { name: 'Move note' });
    await expect(menu).toBeVisible();
    // The menu takes focus; Escape would close it and give focus back to its button.
    await expect(menu.locator(':focus')).toHaveCount(1);
    await activateWithKeyboard(k, menu.getByRole('button', { name: `Move to ${BENEFITS}` }));
    await kari.board.expectLayout({ [MEANS]: [NOTE.first], [BENEFITS]: [NOTE.edited] });
    await expectFocusOn(kari.board.note(NOTE.edited), 'the moved note, in its new area');
  });

  await test.step('moving a note by dragging with the keyboard: Space, arrow, Space', async () => {
    const handle = kari.board.note(NOTE.edited).getByRole('button', { name: 'Drag note' });
    await tabTo(k, handle);
    await kari.board.recordDndAnnouncements();
    await k.keyboard.press('Space');
    await expect.poll(() => kari.board.dndAnnouncements()).toContainEqual(expect.stringMatching(/^Picked up note\./));
    await k.waitForTimeout(KEYBOARD_PICKUP_SETTLE_MS);
    await k.keyboard.press('ArrowLeft');
    await expect
      .poll(() => kari.board.dndAnnouncements())
      .toContainEqual(expect.stringMatching(new RegExp(`^The note is over ${escapeRegExp(MEANS)},`)));
    await k.keyboard.press('Space');
    await expect
      .poll(() => kari.board.dndAnnouncements())
      .toContainEqual(expect.stringMatching(new RegExp(`^Note dropped in ${escapeRegExp(MEANS)},`)));
    await kari.board.expectLayout({ [MEANS]: [NOTE.first, NOTE.edited], [BENEFITS]: [] });
    // The handle keeps focus after the drop, so the note can be moved on at once.
    await expectFocusOn(kari.board.note(NOTE.edited).getByRole('button', { name: 'Drag note' }), 'the dropped note’s handle');
  });

  await test.step('deleting a note: focus goes to the next note, or to "Add note" when none is left', async () => {
    const culture = kari.board.area(CULTURE);
    await activateWithKeyboard(k, culture.getByTestId(TEST_IDS.addNoteButton));
    await k.keyboard.type(NOTE.gone);
    await k.keyboard.press('Enter');
    await expectFocusOn(kari.board.note(NOTE.gone), 'the new note');
    await activateWithKeyboard(k, kari.board.note(NOTE.gone).getByRole('button', { name: 'Delete note' }));
    await expect(kari.board.note(NOTE.gone)).toHaveCount(0);
    await expectFocusOn(culture.getByTestId(TEST_IDS.addNoteButton), '"Add note" of the area the note left');

    // In an area with more notes, the next one gets focus.
    await activateWithKeyboard(k, kari.board.note(NOTE.first).getByRole('button', { name: 'Delete note' }), 'Enter', { back: true });
    await expect(kari.board.note(NOTE.first)).toHaveCount(0);
    await expectFocusOn(kari.board.note(NOTE.edited), 'the next note in the area');
  });

  await test.step('a dialog takes focus and gives it back on Escape', async () => {
    const change = k.getByRole('button', { name: 'Change name' });
    await activateWithKeyboard(k, change, 'Enter', { back: true });
    const dialog = k.getByRole('dialog', { name: 'Your name and group' });
    await expect(dialog).toBeVisible();
    await expectFocusOn(dialog.getByLabel('Your name'), 'the dialog’s name field');
    await k.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expectFocusOn(change, '"Change name" again');
  });

  await test.step('the facilitator changes the phase with the keyboard', async () => {
    await activateWithKeyboard(f, facilitator.board.controls.panel.getByRole('button', { name: 'Next phase: Cluster' }));
    await facilitator.board.controls.expectPhase('cluster');
    await kari.board.expectPhase('cluster');
    // The participant hears the new phase, once, in the polite live region.
    await expect(k.locator('.visually-hidden[aria-live="polite"]')).toHaveText(/^New phase: Cluster\. /);
  });

  await test.step('grouping: Select two notes with Space, then "Group selected" with Enter', async () => {
    // Two notes to group (one was deleted above).
    await activateWithKeyboard(k, means.getByTestId(TEST_IDS.addNoteButton));
    await k.keyboard.type(NOTE.first);
    await k.keyboard.press('Enter');
    await expectFocusOn(kari.board.note(NOTE.first), 'the new note');
    for (const text of [NOTE.edited, NOTE.first]) {
      const toggle = kari.board.selectToggle(text);
      await activateWithKeyboard(k, toggle, 'Space', { back: true });
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    }
    await activateWithKeyboard(k, kari.board.groupSelectedButton(2), 'Enter', { back: true });
    await expect(kari.board.clusters).toHaveCount(1);
    await expect(kari.board.clusters.getByTestId(TEST_IDS.note)).toHaveCount(2);
    // Focus goes to the group's first note.
    await expect(kari.board.clusters.getByTestId(TEST_IDS.note).first()).toBeFocused();
    await activateWithKeyboard(k, kari.board.clusterTitleInput(kari.board.clusters), 'End', { back: true });
    await k.keyboard.type(GROUP_TITLE);
    await k.keyboard.press('Enter');
    await expect(facilitator.page.getByRole('group', { name: GROUP_TITLE, exact: true })).toHaveCount(1);
  });

  await test.step('voting: "Give a dot" with Enter', async () => {
    await activateWithKeyboard(f, facilitator.board.controls.panel.getByRole('button', { name: 'Next phase: Vote' }));
    await kari.board.expectPhase('vote');
    await activateWithKeyboard(k, kari.board.giveDotButton(NOTE.first));
    await expect(kari.board.myDots(NOTE.first)).toHaveAttribute('data-count', '1');
    await expectFocusOn(kari.board.giveDotButton(NOTE.first), '"Give a dot" still');
    await k.keyboard.press('Enter');
    await expect(kari.board.myDots(NOTE.first)).toHaveAttribute('data-count', '2');
    await expect(facilitator.board.noteVotes(NOTE.first)).toHaveAttribute('data-count', '2');
  });

  await test.step('results: the facilitator ends the workshop with the keyboard', async () => {
    await activateWithKeyboard(f, facilitator.board.controls.panel.getByRole('button', { name: 'Next phase: Results' }));
    await expect(kari.board.results).toBeVisible();
    await expect(kari.board.results.getByTestId(TEST_IDS.resultItem).first()).toContainText(GROUP_TITLE);
  });

  await test.step('closing a panel gives focus back to the button that opened it', async () => {
    await activateWithKeyboard(f, facilitator.board.controls.panel.getByRole('button', { name: 'Close', exact: true }), 'Enter', { back: true });
    await expect(facilitator.board.controls.panel).toBeHidden();
    await expectFocusOn(facilitator.board.controls.toggleButton, '"Facilitator controls" again');
    await expectVisibleFocus(f, '"Facilitator controls"');
    const share = facilitator.page.getByRole('complementary', { name: 'Share the workshop' });
    if (!(await share.isVisible())) await activateWithKeyboard(f, facilitator.board.shareButton);
    await activateWithKeyboard(f, share.getByRole('button', { name: 'Close', exact: true }));
    await expect(share).toBeHidden();
    await expectFocusOn(facilitator.board.shareButton, '"Share" again');
  });
});
