/**
 * The core journey: a facilitator creates a workshop, two participants (desktop and phone) join
 * by code, everyone adds notes and sees each other's, notes are moved by mouse and keyboard,
 * the server crashes (SIGKILL) and comes back with nothing lost, and a participant who goes
 * offline keeps writing and catches up when the network returns.
 */
import { readFile } from 'node:fs/promises';
import { TEMPLATES } from '@verksted/shared';
import { CONNECTION, SAVE, type BoardLayout } from '../fixtures/board-page.js';
import { expect, test, type User } from '../fixtures/fixtures.js';

const AREAS = TEMPLATES['innovation-strategy'].areas.map((area) => area.title.en);
const [MEANS, BENEFITS, PARTNERS, CULTURE] = AREAS as [string, string, string, string];
const TITLE = 'Innovasjonsverksted';

const NOTE = {
  facilitator: 'Sett av tid til utprøving hver måned',
  kari: 'Del erfaringer på tvers av etatene',
  ola: 'Måle gevinster fra første dag',
  offline: 'Skrevet på bussen uten dekning',
} as const;

/** A layout with every area listed (empty areas must stay empty). */
function layout(notes: Partial<BoardLayout>): BoardLayout {
  return Object.fromEntries(AREAS.map((title) => [title, notes[title] ?? []]));
}

async function expectEveryone(users: readonly User[], expected: BoardLayout): Promise<void> {
  await Promise.all(users.map((user) => user.board.expectLayout(expected)));
}

test('facilitator and two participants build a board together, through a server crash and an offline phone', async ({
  openUser,
  server,
}) => {
  const facilitator = await openUser('Facilitator', 'desktop');
  const kari = await openUser('Kari', 'desktop');
  const ola = await openUser('Ola', 'phone');
  const everyone = [facilitator, kari, ola];

  let joinCode = '';
  await test.step('the facilitator creates a workshop from the Innovation strategy template', async () => {
    await facilitator.home.createWorkshop(TITLE, 'innovation-strategy');
    const board = facilitator.board;
    expect(new URL(facilitator.page.url()).hash, 'the facilitator key must leave the address bar').toBe('');
    await expect(board.title).toHaveText(TITLE);
    await expect(board.shareButton, 'the creator is the facilitator').toBeVisible();
    await expect(facilitator.page.getByRole('heading', { name: 'Share the workshop' })).toBeVisible();
    await expect(facilitator.page.getByRole('dialog'), 'the facilitator is not asked for a name').toHaveCount(0);
    await board.expectConnected();
    for (const area of AREAS) await expect(board.area(area)).toBeVisible();
    await expect(board.joinCode).toHaveText(/^[A-Z0-9]{6}$/);
    joinCode = (await board.joinCode.innerText()).trim();
  });

  await test.step('two participants join by code, one on a desktop and one on a phone', async () => {
    await kari.home.joinByCode(joinCode);
    await kari.board.enterName('Kari');
    await ola.home.joinByCode(joinCode.toLowerCase(), { tap: true });
    await ola.board.enterName('Ola');
    for (const user of [kari, ola]) {
      expect(user.board.boardId(), `${user.name} should be on the facilitator's board`).toBe(facilitator.board.boardId());
      await expect(user.board.title).toHaveText(TITLE);
      await user.board.expectConnected();
      await expect(user.board.shareButton, `${user.name} is a participant`).toHaveCount(0);
    }
    await expect(ola.board.areaTabs, 'the phone shows one area at a time, with tabs').toBeVisible();
    await expect(kari.board.areaTabs, 'the desktop shows all areas side by side').toHaveCount(0);
    await expect(facilitator.board.onlineCount).toHaveText('3 online');
  });

  await test.step('each person adds a note and everyone sees all three', async () => {
    await facilitator.board.addNote(MEANS, NOTE.facilitator);
    await kari.board.addNote(MEANS, NOTE.kari);
    // The phone picks the second area with the tabs (addNote selects the tab).
    await ola.board.addNote(BENEFITS, NOTE.ola);
    await expectEveryone(everyone, layout({ [MEANS]: [NOTE.facilitator, NOTE.kari], [BENEFITS]: [NOTE.ola] }));
  });

  await test.step('Kari drags her note by mouse to another area, and everyone sees it move', async () => {
    await kari.board.moveNoteByMouse(NOTE.kari, PARTNERS);
    await expectEveryone(
      everyone,
      layout({ [MEANS]: [NOTE.facilitator], [BENEFITS]: [NOTE.ola], [PARTNERS]: [NOTE.kari] }),
    );
  });

  const afterMoves = layout({ [BENEFITS]: [NOTE.ola, NOTE.facilitator], [PARTNERS]: [NOTE.kari] });
  await test.step('the facilitator moves a note by keyboard, and everyone sees it move', async () => {
    await facilitator.board.moveNoteByKeyboard(NOTE.facilitator, 'ArrowRight', BENEFITS);
    await expectEveryone(everyone, afterMoves);
    await Promise.all(everyone.map((user) => user.board.expectSaved()));
  });

  await test.step('the server is killed and restarted; everyone reconnects and nothing is lost', async () => {
    await server.kill();
    await Promise.all(everyone.map((user) => user.board.expectOffline()));
    await server.restart();
    await Promise.all(everyone.map((user) => user.board.expectConnected()));

    // What the server has on disk, independent of the copies in the browsers' IndexedDB.
    const response = await facilitator.page.request.get(`/api/boards/${facilitator.board.boardId()}/export.json`);
    expect(response.ok(), `export after restart: HTTP ${response.status()}`).toBe(true);
    const exported = (await response.json()) as { areas: { title: string; notes: { text: string }[] }[] };
    const onDisk = Object.fromEntries(exported.areas.map((area) => [area.title, area.notes.map((n) => n.text).sort()]));
    expect(onDisk, 'the restarted server should have every note in its area').toEqual(
      Object.fromEntries(Object.entries(afterMoves).map(([title, texts]) => [title, [...texts].sort()])),
    );

    for (const user of everyone) {
      await user.page.reload();
      await user.board.expectConnected();
    }
    await expectEveryone(everyone, afterMoves);
  });

  await test.step('the phone goes offline, adds a note, comes back, and everyone gets it', async () => {
    const phone = ola.board;
    await ola.context.setOffline(true);
    await phone.expectOffline();
    await expect(kari.board.connectionStatus, 'the others stay connected').toHaveText(CONNECTION.connected);

    await phone.addNote(CULTURE, NOTE.offline);
    await expect(phone.saveStatus, 'the offline note is kept on the phone').toHaveText(SAVE.offline);
    await expect(kari.board.note(NOTE.offline), 'nobody else can have it yet').toHaveCount(0);

    await ola.context.setOffline(false);
    await phone.expectConnected();
    await phone.expectSaved();
    await expectEveryone(everyone, { ...afterMoves, [CULTURE]: [NOTE.offline] });
  });
});

test('the facilitator downloads the board as verksted.board JSON with its notes', async ({ openUser }) => {
  const facilitator = await openUser('Facilitator', 'desktop');
  const board = facilitator.board;
  await facilitator.home.createWorkshop(TITLE, 'innovation-strategy');
  await board.expectConnected();
  await board.addNote(MEANS, NOTE.facilitator);
  await board.addNote(CULTURE, NOTE.kari);
  await board.expectSaved();

  await facilitator.page.getByRole('button', { name: 'Download', exact: true }).click();
  const downloadButton = facilitator.page.getByRole('button', { name: 'Download JSON (re-importable)' });
  const [download] = await Promise.all([facilitator.page.waitForEvent('download'), downloadButton.click()]);
  expect(download.suggestedFilename()).toMatch(/^innovasjonsverksted-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    format: string;
    version: number;
    board: { id: string; title: string; template: string };
    areas: { title: string; notes: { text: string; kind: string; authorName: string }[] }[];
  };
  expect(file.format).toBe('verksted.board');
  expect(file.version).toBe(1);
  expect(file.board).toMatchObject({ id: board.boardId(), title: TITLE, template: 'innovation-strategy' });
  expect(file.areas.map((area) => area.title)).toEqual(AREAS);
  expect(file.areas.map((area) => area.notes.map((note) => note.text))).toEqual([[NOTE.facilitator], [], [], [NOTE.kari]]);
  expect(file.areas[0]?.notes[0]).toMatchObject({ kind: 'idea', authorName: 'Facilitator' });

  const response = await facilitator.page.request.get(`/api/boards/${board.boardId()}/export.json`);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="innovasjonsverksted-/);
});
