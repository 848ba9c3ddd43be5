/**
 * Norwegian bokmål and English: the browser's preferred language decides (nb, nn and no give
 * Norwegian), the visible language switch overrides it and is remembered, `<html lang>` follows,
 * dates are written the language's way, the server's errors are said in the UI's language, the
 * screen-reader texts (drag instructions, announcements) and the projector follow, and a phone
 * downloads the strings of its own language only (not the other language's, nor the
 * facilitator's).
 */
import { readFile } from 'node:fs/promises';
import { TEMPLATES, TEST_IDS } from '@verksted/shared';
import type { Page } from '@playwright/test';
import { htmlLang, switchLanguage } from '../fixtures/accessibility.js';
import { expect, test } from '../fixtures/fixtures.js';
import { ProjectorPage } from '../fixtures/projector-page.js';

const AREAS = TEMPLATES['innovation-strategy'].areas;
const MEANS_NB = AREAS[0]!.title.nb;

/** The JavaScript files a page has asked for so far (file names only). */
function recordScripts(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js')) files.push(url.pathname.slice('/assets/'.length));
  });
  return files;
}

test('the browser’s language decides, the language switch overrides it and is remembered', async ({ openUser }) => {
  const bokmal = await openUser('Kari', 'desktop', { language: 'nb' });
  const nynorsk = await openUser('Ola', 'desktop', { language: 'nn' });
  const english = await openUser('Anna', 'desktop', { language: 'en' });

  for (const user of [bokmal, nynorsk]) {
    await user.page.goto('/');
    await expect(user.page.getByRole('heading', { name: 'Lag et verksted' }), `${user.name}: Norwegian for a Norwegian browser`).toBeVisible();
    expect(await htmlLang(user.page)).toBe('nb');
    await expect(user.page).toHaveTitle('Verksted – idéverksted');
  }
  await english.page.goto('/');
  await expect(english.page.getByRole('heading', { name: 'Create a workshop' })).toBeVisible();
  expect(await htmlLang(english.page)).toBe('en');

  await switchLanguage(bokmal.page, 'en');
  await expect(bokmal.page.getByRole('heading', { name: 'Create a workshop' })).toBeVisible();
  await expect(bokmal.page).toHaveTitle('Verksted – idea workshops');
  await bokmal.page.reload();
  await expect(bokmal.page.getByRole('heading', { name: 'Create a workshop' }), 'the choice is remembered on the device').toBeVisible();
  expect(await htmlLang(bokmal.page)).toBe('en');

  await switchLanguage(english.page, 'nb');
  await english.page.goto('/join');
  await expect(english.page.getByRole('heading', { name: 'Bli med i et verksted' })).toBeVisible();
  // A code the server does not know: its error code is said in Norwegian, not the server's English.
  await english.page.getByLabel('Kode').fill('ZZZ999');
  await english.page.getByRole('button', { name: 'Bli med', exact: true }).click();
  await expect(english.page.getByRole('alert')).toHaveText('Vi fant ikke noe verksted med den koden. Sjekk koden med fasilitatoren.');
});

test('a Norwegian workshop: board, projector, screen-reader texts and dates in Norwegian; a phone loads one language only', async ({
  openUser,
}) => {
  test.setTimeout(120_000);
  const facilitator = await openUser('Fasilitator', 'desktop', { language: 'nb' });
  await facilitator.page.goto('/');
  await facilitator.page.getByLabel('Navn på verkstedet').fill('Strategisamling');
  await facilitator.page.getByRole('button', { name: 'Lag verksted' }).click();
  await expect(facilitator.page).toHaveURL(/\/b\/[^/#?]+$/);
  await expect(facilitator.board.connectionStatus).toHaveText('Tilkoblet');
  const joinCode = (await facilitator.board.joinCode.innerText()).trim();
  // The template's areas come in the board's language.
  await expect(facilitator.page.getByRole('heading', { name: MEANS_NB, exact: true })).toBeVisible();

  const phone = await openUser('Ola', 'small-phone', { language: 'nb' });
  const scripts = recordScripts(phone.page);
  await phone.page.goto(`/join/${joinCode}`);
  const dialog = phone.page.getByRole('dialog', { name: 'Velkommen til verkstedet' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Ditt navn').fill('Ola');
  await dialog.getByRole('button', { name: 'Fortsett' }).tap();
  await expect(phone.board.connectionStatus).toHaveText('Tilkoblet');
  expect(await htmlLang(phone.page)).toBe('nb');

  await test.step('drag instructions and live announcements are in Norwegian', async () => {
    const instructions = phone.page.locator('[id^="DndDescribedBy"]').first();
    await expect(instructions).toHaveText(/^Trykk mellomrom eller Enter for å plukke opp en lapp/);
    await facilitator.board.addNote(MEANS_NB, 'Lapp fra fasilitatoren');
    await expect(phone.page.locator('[aria-live="polite"]').last()).toHaveText(`Ny lapp fra Fasilitator i ${MEANS_NB}.`, { timeout: 10_000 });
  });

  await test.step('the spreadsheet is separated by semicolons, as Norwegian Excel expects', async () => {
    const page = facilitator.page;
    await page.getByRole('button', { name: 'Last ned', exact: true }).click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned regneark (CSV)' }).click()]);
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFFOmråde;Gruppe;Type;Tekst;/);
    expect(csv).toContain(';Lapp fra fasilitatoren;');
    await page.keyboard.press('Escape');
  });

  await test.step('the phone downloaded Norwegian strings only, and none of the facilitator’s', async () => {
    const loaded = scripts.join(' ');
    expect(loaded).toMatch(/\bnb-[\w-]+\.js/);
    expect(loaded, 'no English strings').not.toMatch(/\b(en|home-en|facilitation-en|exports-en)-[\w-]+\.js/);
    expect(loaded, 'no facilitator strings or code').not.toMatch(/facilitation-|FacilitatorPanel-|qrcode-/);
  });

  await test.step('the projector follows the device’s language', async () => {
    const [popup] = await Promise.all([
      facilitator.page.waitForEvent('popup'),
      facilitator.page.getByRole('link', { name: 'Storskjermvisning (åpnes i ny fane)' }).click(),
    ]);
    const projector = new ProjectorPage(popup);
    await expect(projector.root).toBeVisible();
    await expect(projector.page.getByText('Bli med fra mobilen:')).toBeVisible();
    expect(await htmlLang(projector.page)).toBe('nb');
  });

  await test.step('the report writes its date the Norwegian way', async () => {
    await facilitator.page.goto(`/b/${facilitator.board.boardId()}/report`);
    await expect(facilitator.page.getByTestId(TEST_IDS.report)).toBeVisible();
    const today = await facilitator.page.evaluate(() => new Intl.DateTimeFormat('nb', { dateStyle: 'long' }).format(new Date()));
    await expect(facilitator.page.getByText(`Dato: ${today}`)).toBeVisible();
    expect(today, 'a Norwegian month name').toMatch(/\d+\. (januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember) \d{4}/);
    await switchLanguage(facilitator.page, 'en');
    const english = await facilitator.page.evaluate(() => new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date()));
    await expect(facilitator.page.getByText(`Date: ${english}`)).toBeVisible();
  });
});
