/**
 * Manual check (not part of `vitest run`): loads the BUILT client in Debian's Chromium against
 * `node server/dist/main.js` and reports every Content-Security-Policy violation and page error while
 * it walks through the app: home, facilitator board (adds a note, downloads the PNG picture),
 * projector (QR code), a participant joining by code and writing, the printable report.
 *
 *   npx pnpm@10.34.9 build            # or: (cd client && npx vite build) && (cd server && npx tsc -p tsconfig.build.json)
 *   node server/test/csp-browser-check.mjs [workspace dir, default: this checkout]
 *
 * Exit code 0: no violation, no page error. Needs /usr/bin/chromium and e2e's playwright-core.
 */
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = process.argv[2] ?? fileURLToPath(new URL('../..', import.meta.url));
const { chromium } = createRequire(path.join(ROOT, 'e2e', 'package.json'))('playwright-core');
const port = 3900 + Math.floor(Math.random() * 90);
const dataDir = mkdtempSync(path.join(tmpdir(), 'vk-csp-data-'));
const server = spawn(process.execPath, [path.join(ROOT, 'server/dist/main.js')], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try { if ((await fetch(`${base}/healthz`)).ok) break; } catch {}
  if (i > 100) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 100));
}
const csp = (await fetch(`${base}/`)).headers.get('content-security-policy');
console.log('CSP:', csp);
const created = await (await fetch(`${base}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'CSP check', template: 'innovation-strategy', language: 'en' }) })).json();

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const problems = [];
const steps = [];
async function page(name, url, act) {
  const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
  });
  const p = await context.newPage();
  p.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`${name}: console: ${m.text()}`); });
  p.on('pageerror', (e) => problems.push(`${name}: page error: ${e.message}`));
  await p.goto(`${base}${url}`);
  await act(p);
  await p.waitForTimeout(500);
  for (const v of await p.evaluate(() => window.__csp)) problems.push(`${name}: violation: ${v}`);
  steps.push(name);
  await context.close();
}

await page('home', '/', async (p) => { await p.getByRole('heading').first().waitFor(); });
await page('facilitator board + note + PNG download', `/b/${created.id}#key=${encodeURIComponent(created.facilitatorKey)}`, async (p) => {
  await p.getByTestId('board-title').waitFor();
  await p.getByTestId('add-note').first().click();
  await p.getByTestId('note-input').fill('<img src=x onerror=alert(1)> CSP');
  await p.getByTestId('note-input').press('Enter');
  await p.getByTestId('note').first().waitFor();
  const png = p.getByRole('button', { name: /Download picture \(PNG\)/ });
  if (await png.count() === 0) {
    const open = p.getByRole('button', { name: /Download/i }).first();
    if (await open.count()) await open.click();
  }
  const [download] = await Promise.all([p.waitForEvent('download', { timeout: 15000 }), p.getByRole('button', { name: /Download picture \(PNG\)/ }).click()]);
  console.log('PNG download:', download.suggestedFilename());
  const qr = p.getByTestId('qr-code');
  if (await qr.count()) console.log('QR codes on the board page:', await qr.count());
});
await page('projector', `/b/${created.id}/present`, async (p) => {
  await p.getByTestId('projector').waitFor();
  await p.getByTestId('qr-code').first().waitFor();
});
await page('participant joins and writes', `/join/${created.joinCode}`, async (p) => {
  const dialog = p.getByRole('dialog', { name: 'Welcome to the workshop' });
  await dialog.getByLabel('Your name').fill('Kari <b>');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await p.getByTestId('add-note').first().click();
  await p.getByTestId('note-input').fill('from the participant');
  await p.getByTestId('note-input').press('Enter');
  await p.getByText('from the participant').waitFor();
});
await page('report', `/b/${created.id}/report#key=${encodeURIComponent(created.facilitatorKey)}`, async (p) => { await p.getByTestId('report').waitFor({ timeout: 10000 }); });

await browser.close();
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
console.log('steps:', steps.join(' | '));
console.log(problems.length === 0 ? 'CSP: no violations, no page errors' : `PROBLEMS:\n${problems.join('\n')}`);
process.exit(problems.length === 0 ? 0 : 1);
