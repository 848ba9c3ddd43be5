/**
 * A whole facilitated workshop: the facilitator creates a board and puts it on the projector,
 * three participants (two desktops, one phone) join by code with a name and a stakeholder group,
 * and the facilitator runs the phases: a silent brainstorm (own notes only; counts on the
 * projector), share (all revealed), cluster (grouped by the Select buttons on the phone, renamed
 * on a desktop), dot voting (budget, refusal of a sixth dot, secret until revealed), results
 * (ranked per area), the lock (no participant change stored after it) and a shared timer that
 * every screen shows alike, also on a laptop whose clock is minutes off.
 */
import { TEMPLATES, TEST_IDS, type Phase } from '@verksted/shared';
import { resultRows, timerSeconds, type BoardLayout, type ResultRow } from '../fixtures/board-page.js';
import { expect, test, type User } from '../fixtures/fixtures.js';
import { ProjectorPage } from '../fixtures/projector-page.js';

const AREAS = TEMPLATES['innovation-strategy'].areas.map((area) => area.title.en);
const [MEANS, BENEFITS, PARTNERS, CULTURE] = AREAS as [string, string, string, string];
const TITLE = 'Innovasjonsverksted med interessenter';

/** A stakeholder group of this board's own, added by the facilitator before anyone joins. */
const OWN_GROUP = 'Ungdomsrådet';
/** The default groups' English labels, which every board offers unless the facilitator edits them. */
const DEFAULT_GROUP_LABELS = ['Employees', 'Managers', 'Politicians', 'Business', 'Voluntary sector', 'Research and education', 'Citizens'];

const NOTE = {
  kari: 'Prøv ut nye tjenester sammen med innbyggerne',
  ola: 'Start i én bydel før vi sprer det',
  per: 'Felles innovasjonslab med universitetet',
  /** Added by Per in the share phase ("add what is missing"). */
  perLater: 'Mål hva hver pilot sparer',
} as const;
const GROUP_TITLE = 'Prøv i liten skala';
/** What Per saves in an editor he opened just before the lock, and what Ola had half written. */
const EDITED_AFTER_LOCK = 'Endret etter at tavla ble låst';
const DRAFT_AT_LOCK = 'Skrevet mens tavla ble låst';
const DOT_BUDGET = 5;

/**
 * Kari's laptop clock is this far behind (Playwright clock emulation). The timer is shown on the
 * server's clock, so her countdown must still match everyone else's.
 */
const KARI_CLOCK_SKEW_MS = -(3 * 60_000 + 17_000);

/**
 * After the pause, how long the test watches that the timer stays frozen: longer than a second
 * (a running countdown changes its mm:ss within that), and the app redraws every 250 ms.
 */
const FROZEN_TIMER_WATCH_MS = 1_300;

/** A layout with every area listed (empty areas must stay empty). */
function layout(notes: Partial<BoardLayout>): BoardLayout {
  return Object.fromEntries(AREAS.map((title) => [title, notes[title] ?? []]));
}

async function expectEveryone(users: readonly User[], expected: BoardLayout): Promise<void> {
  await Promise.all(users.map((user) => user.board.expectLayout(expected)));
}

/** The note texts per area the server stores, read from the JSON export. */
async function storedLayout(user: User): Promise<BoardLayout> {
  const response = await user.page.request.get(`/api/boards/${user.board.boardId()}/export.json`);
  expect(response.ok(), `export: HTTP ${response.status()}`).toBe(true);
  const exported = (await response.json()) as { areas: { title: string; notes: { text: string }[] }[] };
  return Object.fromEntries(exported.areas.map((area) => [area.title, area.notes.map((note) => note.text).sort()]));
}

function sortedLayout(expected: BoardLayout): BoardLayout {
  return Object.fromEntries(Object.entries(expected).map(([title, texts]) => [title, [...texts].sort()]));
}

test('a facilitator runs a whole workshop: brainstorm, share, cluster, vote, results, lock and timer', async ({ openUser }) => {
  const facilitator = await openUser('Facilitator', 'desktop');
  const kari = await openUser('Kari', 'desktop');
  const per = await openUser('Per', 'desktop');
  const ola = await openUser('Ola', 'phone');
  const participants = [kari, per, ola];
  const everyone = [facilitator, ...participants];
  const controls = facilitator.board.controls;
  let projector!: ProjectorPage;

  async function expectPhaseEverywhere(phase: Phase): Promise<void> {
    await Promise.all([...everyone.map((user) => user.board.expectPhase(phase)), projector.expectPhase(phase)]);
  }

  let joinCode = '';
  await test.step('the facilitator creates the workshop and opens the projector view', async () => {
    await facilitator.home.createWorkshop(TITLE, 'innovation-strategy');
    const board = facilitator.board;
    await board.expectConnected();
    await expect(board.title).toHaveText(TITLE);
    await board.expectPhase('share'); // a new board starts open
    await expect(board.joinCode).toHaveText(/^[A-Z0-9]{6}$/);
    joinCode = (await board.joinCode.innerText()).trim();

    projector = await ProjectorPage.openFrom(board);
    await expect(projector.title).toHaveText(TITLE);
    await expect(projector.joinCode).toHaveText(joinCode);
    await expect(projector.qrCode).toBeVisible();
    await expect(projector.participantCount, 'the facilitator is not counted').toHaveAttribute('data-count', '0');
    await projector.expectPhase('share');

    await controls.open();
    await controls.addStakeholderGroup(OWN_GROUP);
  });

  await test.step('three participants join by code with a name and a stakeholder group', async () => {
    // Kari's laptop clock is off by minutes, from before the board loads.
    const realNow = Date.now();
    await kari.context.clock.install({ time: realNow + KARI_CLOCK_SKEW_MS });
    const kariNow = await kari.page.evaluate(() => Date.now());
    expect(Math.abs(kariNow - (Date.now() + KARI_CLOCK_SKEW_MS)), "Kari's clock should be shifted").toBeLessThan(5_000);

    const joins: [User, string][] = [
      [kari, 'Employees'],
      [per, 'Business'],
      [ola, OWN_GROUP],
    ];
    for (const [user, group] of joins) {
      await user.home.joinByCode(joinCode, { tap: user.device === 'phone' });
      await expect(user.board.nameDialog).toBeVisible();
      // The dialog offers this board's groups: the defaults and the one the facilitator added.
      await expect(user.board.groupChoice.locator('option')).toHaveText(['No group', ...DEFAULT_GROUP_LABELS, OWN_GROUP]);
      await user.board.enterName(user.name, group);
      expect(user.board.boardId()).toBe(facilitator.board.boardId());
      await user.board.expectConnected();
      await expect(user.board.controls.toggleButton, `${user.name} is a participant`).toHaveCount(0);
    }
    await expect(ola.board.areaTabs, 'the phone shows one area at a time').toBeVisible();
    await expect(projector.participantCount).toHaveAttribute('data-count', '3');
    await expect(projector.participantCount).toHaveText(/\b3\b/);
    // The header lists who is here: the facilitator, three participants and the projector.
    await expect(facilitator.board.onlineCount).toHaveText('5 online');
  });

  await test.step('silent brainstorm: everyone sees only their own notes; the projector shows counts only', async () => {
    // New boards start in Share, so the brainstorm is the phase before it.
    await controls.previousPhase('brainstorm');
    await expectPhaseEverywhere('brainstorm');

    await kari.board.addNote(MEANS, NOTE.kari);
    await ola.board.addNote(MEANS, NOTE.ola);
    await per.board.addNote(PARTNERS, NOTE.per);
    await Promise.all(participants.map((user) => user.board.expectSaved()));

    const counts: Record<string, number> = { [MEANS]: 2, [BENEFITS]: 0, [PARTNERS]: 1, [CULTURE]: 0 };
    for (const [area, count] of Object.entries(counts)) {
      const shown = projector.brainstormCount(area);
      await expect(shown, `projector: notes so far in "${area}"`).toHaveAttribute('data-count', String(count));
      await expect(shown).toHaveText(new RegExp(`^\\s*${count}\\b`));
    }
    // The counts have reached every participant, so the others' notes would have too.
    for (const user of [kari, per]) {
      await expect(user.board.brainstormCount(MEANS), `${user.name}: count in "${MEANS}"`).toHaveAttribute('data-count', '2');
      await expect(user.board.brainstormCount(PARTNERS)).toHaveAttribute('data-count', '1');
    }
    await ola.board.showArea(PARTNERS);
    await expect(ola.board.brainstormCount(PARTNERS)).toHaveAttribute('data-count', '1');

    await kari.board.expectLayout(layout({ [MEANS]: [NOTE.kari] }));
    await ola.board.expectLayout(layout({ [MEANS]: [NOTE.ola] }));
    await per.board.expectLayout(layout({ [PARTNERS]: [NOTE.per] }));

    await expect(projector.notes, 'the projector shows no notes during the brainstorm').toHaveCount(0);
    const projectorText = await projector.root.innerText();
    for (const text of Object.values(NOTE)) expect(projectorText, 'no note text on the projector').not.toContain(text);
    await expect(projector.participantCount).toHaveAttribute('data-count', '3');
  });

  const shared = layout({ [MEANS]: [NOTE.kari, NOTE.ola], [PARTNERS]: [NOTE.per] });
  const withLater = layout({ [MEANS]: [NOTE.kari, NOTE.ola, NOTE.perLater], [PARTNERS]: [NOTE.per] });
  await test.step('share: every participant sees all notes with their authors', async () => {
    await controls.nextPhase('share');
    await expectPhaseEverywhere('share');
    await expectEveryone(everyone, shared);
    await projector.expectLayout(shared);

    await expect(kari.board.note(NOTE.per)).toContainText('By Per, Business');
    await expect(per.board.note(NOTE.ola)).toContainText(`By Ola, ${OWN_GROUP}`);
    await ola.board.showArea(MEANS);
    await expect(ola.board.note(NOTE.kari)).toContainText('By Kari, Employees');
    await expect(projector.note(NOTE.kari)).toContainText('By Kari, Employees');

    // "Add what is missing": Per adds a second note, which everyone gets at once.
    await per.board.addNote(MEANS, NOTE.perLater);
    await expectEveryone(everyone, withLater);
    await projector.expectLayout(withLater);
  });

  await test.step('cluster: the phone groups two notes with Select; a desktop names the group', async () => {
    await controls.nextPhase('cluster');
    await expectPhaseEverywhere('cluster');

    await ola.board.groupNotes(MEANS, [NOTE.kari, NOTE.ola]);
    for (const user of everyone) {
      await user.board.showArea(MEANS);
      const cluster = user.board.clusters;
      await expect(cluster, `${user.name} should see one group`).toHaveCount(1);
      await expect(cluster).toHaveAttribute('role', 'group');
      await expect(cluster.getByTestId(TEST_IDS.note)).toHaveCount(2);
      await expect(cluster.filter({ has: user.board.note(NOTE.kari) }).filter({ has: user.board.note(NOTE.ola) })).toHaveCount(1);
    }
    await expect(projector.clusters).toHaveCount(1);
    await expect(projector.clusters.getByTestId(TEST_IDS.note)).toHaveCount(2);

    const titleInput = kari.board.clusterTitleInput(kari.board.clusters);
    await titleInput.fill(GROUP_TITLE);
    await titleInput.press('Enter');
    for (const user of everyone) {
      const named = user.page.getByRole('group', { name: GROUP_TITLE, exact: true });
      await expect(named, `${user.name} should see the group's new title`).toHaveCount(1);
      await expect(user.board.clusterTitleInput(named)).toHaveValue(GROUP_TITLE);
      await expect(named.getByTestId(TEST_IDS.noteText)).toHaveCount(2);
    }
    await expect(projector.page.getByRole('group', { name: GROUP_TITLE, exact: true })).toHaveCount(1);
    await expectEveryone(everyone, withLater);
  });

  await test.step('vote: five dots each, the sixth refused, dots secret until the facilitator reveals them', async () => {
    await controls.setVoteBudget(DOT_BUDGET);
    await controls.nextPhase('vote');
    await expectPhaseEverywhere('vote');
    for (const user of participants) {
      await expect(user.board.dotsLeft, `${user.name}: dots left`).toHaveAttribute('data-left', String(DOT_BUDGET));
      await expect(user.board.dotsLeft).toHaveText(new RegExp(`^${DOT_BUDGET}\\D+${DOT_BUDGET}\\b`));
    }

    const kariDots: [string, string][] = [
      [MEANS, NOTE.perLater],
      [MEANS, NOTE.perLater],
      [MEANS, NOTE.perLater],
      [PARTNERS, NOTE.per],
      [PARTNERS, NOTE.per],
    ];
    for (const [index, [area, text]] of kariDots.entries()) {
      await kari.board.giveDot(area, text);
      const left = DOT_BUDGET - index - 1;
      await expect(kari.board.dotsLeft, `Kari: dots left after dot ${index + 1}`).toHaveAttribute('data-left', String(left));
      await expect(kari.board.dotsLeft).toHaveText(new RegExp(`^${left}\\D+${DOT_BUDGET}\\b`));
    }
    await expect(kari.board.myDots(NOTE.perLater)).toHaveAttribute('data-count', '3');
    await expect(kari.board.myDots(NOTE.per)).toHaveAttribute('data-count', '2');

    // The sixth dot is refused, with a message at the note.
    await kari.board.giveDot(MEANS, NOTE.ola);
    await expect(kari.board.note(NOTE.ola).getByRole('alert')).toHaveText(
      new RegExp(`^You have used all your ${DOT_BUDGET} dots`),
    );
    await expect(kari.board.myDots(NOTE.ola)).toHaveAttribute('data-count', '0');
    await expect(kari.board.dotsLeft).toHaveAttribute('data-left', '0');
    await expect.poll(() => kari.board.myDotsShown(), { message: 'Kari still has 5 dots in all' }).toBe(DOT_BUDGET);
    await kari.board.expectSaved();

    // The facilitator sees the running totals; so Kari's dots are on the server.
    await expect(facilitator.board.noteVotes(NOTE.perLater)).toHaveAttribute('data-count', '3');
    await expect(facilitator.board.noteVotes(NOTE.per)).toHaveAttribute('data-count', '2');

    // Per and Ola vote too; neither sees anyone's dots but their own, nor any totals.
    await per.board.giveDot(MEANS, NOTE.kari);
    await ola.board.giveDot(MEANS, NOTE.kari);
    await Promise.all([per.board.expectSaved(), ola.board.expectSaved()]);
    await expect(facilitator.board.noteVotes(NOTE.kari)).toHaveAttribute('data-count', '2');
    for (const user of [per, ola]) {
      await user.board.showArea(MEANS);
      await expect(user.board.page.getByTestId(TEST_IDS.noteVotes), `${user.name} sees no totals yet`).toHaveCount(0);
      await expect(user.board.myDots(NOTE.perLater), `${user.name} does not see Kari's dots`).toHaveAttribute('data-count', '0');
      await expect(user.board.myDots(NOTE.kari)).toHaveAttribute('data-count', '1');
      await expect(user.board.dotsLeft).toHaveAttribute('data-left', String(DOT_BUDGET - 1));
    }
    await expect(kari.board.page.getByTestId(TEST_IDS.noteVotes), 'Kari sees no totals yet').toHaveCount(0);
    await expect(kari.board.myDots(NOTE.kari), "Kari does not see the others' dots").toHaveAttribute('data-count', '0');
    await expect(projector.page.getByTestId(TEST_IDS.noteVotes), 'the projector shows no totals yet').toHaveCount(0);

    await controls.setToggle('Reveal votes', true);
    const totals: [string, string, number][] = [
      [MEANS, NOTE.perLater, 3],
      [MEANS, NOTE.kari, 2],
      [MEANS, NOTE.ola, 0],
      [PARTNERS, NOTE.per, 2],
    ];
    for (const user of everyone) {
      for (const [area, text, count] of totals) {
        await user.board.showArea(area);
        await expect(user.board.noteVotes(text), `${user.name}: total on "${text}"`).toHaveAttribute('data-count', String(count));
      }
    }
    for (const [, text, count] of totals) {
      await expect(projector.noteVotes(text), `projector: total on "${text}"`).toHaveAttribute('data-count', String(count));
    }
  });

  await test.step('results: every screen ranks each area by dots', async () => {
    await controls.nextPhase('results');
    await expectPhaseEverywhere('results');
    const expectedRanking: Record<string, Pick<ResultRow, 'type' | 'votes'>[]> = {
      [MEANS]: [
        { type: 'note', votes: 3 },
        { type: 'cluster', votes: 2 },
      ],
      [BENEFITS]: [],
      [PARTNERS]: [{ type: 'note', votes: 2 }],
      [CULTURE]: [],
    };
    const screens = [...everyone.map((user) => ({ who: user.name, results: user.board.results })), { who: 'projector', results: projector.results }];
    for (const { who, results } of screens) {
      await expect(results, `${who} should show the results`).toBeVisible();
      await expect
        .poll(
          async () => {
            const ranked: Record<string, Pick<ResultRow, 'type' | 'votes'>[]> = {};
            for (const area of AREAS) ranked[area] = (await resultRows(results, area)).map(({ type, votes }) => ({ type, votes }));
            return ranked;
          },
          { message: `${who}: the ranking per area` },
        )
        .toEqual(expectedRanking);
      const all: ResultRow[] = [];
      for (const area of AREAS) {
        const rows = await resultRows(results, area);
        for (let i = 1; i < rows.length; i++) {
          expect(rows[i]!.votes, `${who}: "${area}" is ranked by dots`).toBeLessThanOrEqual(rows[i - 1]!.votes);
        }
        all.push(...rows);
      }
      const means = await resultRows(results, MEANS);
      expect(means[0]!.text, `${who}: top of "${MEANS}"`).toContain(NOTE.perLater);
      expect(means[1]!.text).toContain(GROUP_TITLE);
      const top = all.reduce((best, row) => (row.votes > best.votes ? row : best));
      expect(top.text, `${who}: the note with most dots is on top`).toContain(NOTE.perLater);
    }
  });

  const final = withLater;
  await test.step('lock: participants can no longer change anything, and nothing they try is stored', async () => {
    // Back to Share, where participants may add and edit, so that only the lock stops them.
    await controls.goToPhase('share');
    await expectPhaseEverywhere('share');
    // Per opens the editor of his note and Ola opens "Add note" just before the lock comes.
    await per.board.activate(per.board.note(NOTE.per).getByTestId(TEST_IDS.noteText));
    // (While it is edited the note has no note-text, so the editor is found on the page.)
    const editor = per.page.getByTestId(TEST_IDS.noteEditInput);
    await expect(editor).toBeFocused();
    const olaMeans = await ola.board.showArea(MEANS);
    await ola.board.activate(olaMeans.getByTestId(TEST_IDS.addNoteButton));
    await olaMeans.getByTestId(TEST_IDS.noteInput).fill(DRAFT_AT_LOCK);

    await controls.setToggle('Lock the board', true);
    for (const user of participants) {
      await expect(user.board.lockedBanner, `${user.name} should see the lock`).toBeVisible();
      await expect(user.page.getByTestId(TEST_IDS.addNoteButton), `${user.name}: no "Add note"`).toHaveCount(0);
      await expect(user.page.getByRole('button', { name: 'Delete note' }), `${user.name}: no "Delete note"`).toHaveCount(0);
    }
    await expect(ola.page.getByTestId(TEST_IDS.noteInput), "Ola's open composer is gone").toHaveCount(0);
    await expect(kari.board.note(NOTE.kari).getByRole('button', { name: NOTE.kari }), 'her note is no longer editable').toHaveCount(0);
    await expect(projector.root).toContainText('The board is locked');
    await expect(facilitator.board.lockedBanner).toContainText('participants can only read it');

    // The editor Per had open before the lock: either it closed with the lock (not possible),
    // or what he saves in it now is refused by the server and his board reloads.
    if (await editor.isVisible()) {
      test.info().annotations.push({ type: 'lock', description: 'an editor open at the lock stays open; its save is refused' });
      await editor.fill(EDITED_AFTER_LOCK);
      await editor.press('Enter');
      await expect(per.board.refusedNotice, 'the server should refuse the edit').toContainText('the board is locked');
      await per.board.expectConnected();
    } else {
      test.info().annotations.push({ type: 'lock', description: 'an editor open at the lock closed with it' });
    }
    await expect(per.board.note(NOTE.per).getByRole('button', { name: NOTE.per }), "Per's note is no longer editable").toHaveCount(0);
    await per.board.expectLayout(final);
    await expectEveryone(everyone, final);
    await projector.expectLayout(final);
    const stored = await storedLayout(facilitator);
    expect(stored, 'the server stores no change made after the lock').toEqual(sortedLayout(final));
    expect(JSON.stringify(stored)).not.toContain(EDITED_AFTER_LOCK);
    expect(JSON.stringify(stored)).not.toContain(DRAFT_AT_LOCK);
  });

  await test.step('timer: every screen counts down together, also with a skewed clock, and pauses alike', async () => {
    const kariNow = await kari.page.evaluate(() => Date.now());
    expect(Math.abs(kariNow - (Date.now() + KARI_CLOCK_SKEW_MS)), "Kari's clock is still off").toBeLessThan(5_000);
    await controls.setTimer(2);
    await controls.startTimer();
    const timers = [...everyone.map((user) => ({ who: user.name, timer: user.board.timer })), { who: 'projector', timer: projector.timer }];
    for (const { who, timer } of timers) await expect(timer, `${who}: the timer runs`).toHaveAttribute('data-status', 'running');

    // Read every screen at (nearly) the same moment; the spread may be one second at a tick.
    const readAll = (): Promise<number[]> => Promise.all(timers.map(({ timer }) => timerSeconds(timer)));
    await expect
      .poll(
        async () => {
          const seconds = await readAll();
          const spread = Math.max(...seconds) - Math.min(...seconds);
          return spread <= 1 && seconds.every((s) => s > 90 && s <= 120) ? 'in step' : seconds.join(', ');
        },
        { message: 'every screen shows the same countdown (±1 s) near 02:00', timeout: 5_000 },
      )
      .toBe('in step');

    await controls.pauseTimer();
    for (const { who, timer } of timers) await expect(timer, `${who}: the timer is paused`).toHaveAttribute('data-status', 'paused');
    const frozen = await readAll();
    expect(new Set(frozen).size, `every screen shows the same paused time: ${frozen.join(', ')}`).toBe(1);
    await facilitator.page.waitForTimeout(FROZEN_TIMER_WATCH_MS);
    expect(await readAll(), 'the paused time does not move').toEqual(frozen);
  });
});
