/**
 * After the workshop: the facilitator downloads the board in every format through the UI and
 * gets files that hold the board's notes — JSON, the Markdown report, the CSV spreadsheet, a PNG
 * picture of the board, and the printable report page — plus a saved snapshot's JSON.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { TEMPLATES } from '@verksted/shared';
import { expect, test } from '../fixtures/fixtures.js';

const AREAS = TEMPLATES['innovation-strategy'].areas.map((area) => area.title.en);
const [MEANS, , , CULTURE] = AREAS as [string, string, string, string];
const TITLE = 'Rapportverksted';
const NOTES = {
  means: 'Bruke innovasjon for å nå målene — æøå ÆØÅ',
  culture: '=1+1 skal ikke regnes ut',
} as const;

async function download(page: Page, buttonName: string): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName }).click()]);
  const path = await file.path();
  return { file, text: path ? await readFile(path, 'utf8') : '' };
}

test('the facilitator downloads JSON, Markdown, CSV, a PNG picture and a printable report with the notes', async ({ openUser }) => {
  const facilitator = await openUser('Facilitator', 'desktop');
  const { page, board } = facilitator;
  await facilitator.home.createWorkshop(TITLE, 'innovation-strategy');
  await board.expectConnected();
  await board.addNote(MEANS, NOTES.means);
  await board.addNote(CULTURE, NOTES.culture);
  await board.expectSaved();

  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const datePattern = '\\d{4}-\\d{2}-\\d{2}';

  const json = await download(page, 'Download JSON (re-importable)');
  expect(json.file.suggestedFilename()).toMatch(new RegExp(`^rapportverksted-${datePattern}\\.json$`));
  const board1 = JSON.parse(json.text) as { format: string; areas: { title: string; notes: { text: string }[] }[] };
  expect(board1.format).toBe('verksted.board');
  expect(board1.areas.find((a) => a.title === MEANS)?.notes.map((n) => n.text)).toEqual([NOTES.means]);

  const markdown = await download(page, 'Download report (Markdown)');
  expect(markdown.file.suggestedFilename()).toMatch(new RegExp(`^rapportverksted-${datePattern}\\.md$`));
  expect(markdown.text).toContain(MEANS);
  expect(markdown.text).toContain('æøå ÆØÅ');
  expect(markdown.text).toContain('1+1 skal ikke regnes ut');

  const csv = await download(page, 'Download spreadsheet (CSV)');
  expect(csv.file.suggestedFilename()).toMatch(new RegExp(`^rapportverksted-${datePattern}\\.csv$`));
  expect(csv.text.charCodeAt(0)).toBe(0xfeff); // byte-order mark: spreadsheets read æøå right
  expect(csv.text).toContain(NOTES.means);
  // The note that starts with "=" is neutralised, never a formula.
  expect(csv.text).toContain(`'${NOTES.culture}`);
  expect(csv.text).not.toMatch(/(^|[,;"])=1\+1/m);

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download picture (PNG)' }).click()]);
  expect(png.suggestedFilename()).toMatch(new RegExp(`^rapportverksted-${datePattern}\\.png$`));
  const image = await readFile((await png.path())!);
  expect([...image.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = image.readUInt32BE(16);
  const height = image.readUInt32BE(20);
  expect(width).toBeGreaterThan(400);
  expect(height).toBeGreaterThan(200);
  // A real picture of the board: shown in a page, it is an image of that size with content.
  const viewer = await facilitator.context.newPage();
  await viewer.setContent(`<img id="png" src="data:image/png;base64,${image.toString('base64')}">`);
  const natural = await viewer.locator('#png').evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight }));
  expect(natural).toEqual({ w: width, h: height });
  await viewer.close();

  const [report] = await Promise.all([
    facilitator.context.waitForEvent('page'),
    page.getByRole('link', { name: /Open printable report/ }).click(),
  ]);
  await expect(report.getByTestId('report')).toContainText(NOTES.means, { timeout: 20_000 });
  await expect(report.getByTestId('report')).toContainText(NOTES.culture);
  await report.emulateMedia({ media: 'print' });
  await expect(report.getByRole('button', { name: 'Print / save as PDF' })).toBeHidden();
  await report.close();
});

test('a saved snapshot keeps the board of that moment and can be downloaded', async ({ openUser }) => {
  const facilitator = await openUser('Facilitator', 'desktop');
  const { page, board } = facilitator;
  await facilitator.home.createWorkshop(TITLE, 'innovation-strategy');
  await board.expectConnected();
  await board.addNote(MEANS, NOTES.means);
  await board.expectSaved();

  await page.getByRole('button', { name: 'Facilitator controls' }).click();
  await page.getByRole('textbox', { name: 'Name of the new snapshot (optional)' }).fill('Før pausen');
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  const item = page.getByTestId('snapshot-item').filter({ hasText: 'Før pausen' });
  await expect(item).toBeVisible();

  // Later edits do not change the snapshot.
  await board.addNote(CULTURE, NOTES.culture);
  await board.expectSaved();
  const [file] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: /^Download JSON/ }).click()]);
  const snapshot = JSON.parse(await readFile((await file.path())!, 'utf8')) as {
    snapshot?: { label: string };
    areas: { notes: { text: string }[] }[];
  };
  expect(snapshot.snapshot?.label).toBe('Før pausen');
  expect(snapshot.areas.flatMap((a) => a.notes.map((n) => n.text))).toEqual([NOTES.means]);
});
