#!/usr/bin/env node
/**
 * Bundle report, run after `vite build`: the gzip size of the JavaScript a phone downloads before
 * it can show the participant board (`/b/:boardId`), and of every chunk loaded later.
 *
 * The participant route's initial JavaScript is the entry chunk of index.html and everything it
 * imports statically (followed through dist/.vite/manifest.json), plus the main strings of one
 * language (`src/i18n/<lng>.ts`, a dynamic import that main.tsx awaits before the first render;
 * the larger language is counted). Chunks behind other dynamic imports load only when a page or
 * panel needs them and are listed apart; among them the board's drag-and-drop layer
 * (`src/board/BoardKit.tsx`), which a board starts loading at once, alongside its data, but does
 * not wait for (the board works without it until it is there). It is reported on its own line.
 *
 * Exits with 1 when the initial JavaScript is over the budget (PRODUCT.md: fast on a cheap phone).
 *
 *   node scripts/bundle-report.mjs            # after vite build; also `pnpm --filter @verksted/client size`
 *   BUNDLE_BUDGET_KB=160 node scripts/bundle-report.mjs
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The product target for the participant route's initial JavaScript, gzip, in kB (1 kB = 1000 bytes, as Vite reports). */
const BUDGET_KB = Number(process.env.BUNDLE_BUDGET_KB ?? 150);
/** The strings loaded before the first render, one language of them. */
const LANGUAGE_ENTRIES = ['src/i18n/en.ts', 'src/i18n/nb.ts'];
/** Loaded by the board route right after start, in parallel with the board's data, not awaited. */
const PARALLEL_ENTRIES = ['src/board/BoardKit.tsx'];

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
} catch (error) {
  console.error(`bundle-report: no dist/.vite/manifest.json (run vite build first, with build.manifest on): ${error.message}`);
  process.exit(2);
}

const sizes = new Map();
function sizeOf(file) {
  let size = sizes.get(file);
  if (!size) {
    const bytes = readFileSync(join(dist, file));
    // zlib's default level, as Vite's own report and most servers' on-the-fly compression use.
    size = { raw: bytes.length, gzip: gzipSync(bytes).length };
    sizes.set(file, size);
  }
  return size;
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) {
  console.error('bundle-report: the manifest has no entry chunk');
  process.exit(2);
}

/** The chunk keys a chunk loads with it: itself and its static imports, recursively. */
function staticClosure(key, seen = new Set()) {
  if (seen.has(key) || !manifest[key]) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) staticClosure(imported, seen);
  return seen;
}

const initial = staticClosure(entryKey);
const languageKeys = LANGUAGE_ENTRIES.filter((key) => manifest[key]);
if (languageKeys.length === 0) console.warn('bundle-report: no language chunk found (are the strings still a dynamic import?)');
const language = languageKeys
  .map((key) => ({ key, gzip: [...staticClosure(key)].filter((k) => !initial.has(k)).reduce((sum, k) => sum + sizeOf(manifest[k].file).gzip, 0) }))
  .sort((a, b) => b.gzip - a.gzip)[0];
const initialKeys = [...initial, ...(language ? [...staticClosure(language.key)].filter((k) => !initial.has(k)) : [])];

const kb = (bytes) => (bytes / 1000).toFixed(2).padStart(8);
function table(keys) {
  let raw = 0;
  let gzip = 0;
  for (const key of keys) {
    const chunk = manifest[key];
    const size = sizeOf(chunk.file);
    raw += size.raw;
    gzip += size.gzip;
    console.log(`  ${kb(size.raw)} kB ${kb(size.gzip)} kB gzip  ${chunk.file}${chunk.name ? `  (${chunk.name})` : ''}`);
  }
  return { raw, gzip };
}

console.log('Participant board route (/b/:boardId), JavaScript loaded before the first render:');
const total = table(initialKeys);
console.log(`  ${kb(total.raw)} kB ${kb(total.gzip)} kB gzip  total (budget ${BUDGET_KB} kB gzip)`);

const parallelKeys = [...new Set(PARALLEL_ENTRIES.flatMap((key) => [...staticClosure(key)]))].filter((key) => !initialKeys.includes(key));
if (parallelKeys.length > 0) {
  console.log('\nStarted at once on the board route, alongside its data; the board does not wait for it:');
  const parallel = table(parallelKeys);
  console.log(`  ${kb(total.raw + parallel.raw)} kB ${kb(total.gzip + parallel.gzip)} kB gzip  first render and drag and drop together`);
}

const later = Object.keys(manifest)
  .filter((key) => manifest[key].file.endsWith('.js') && !initialKeys.includes(key) && !parallelKeys.includes(key))
  .sort((a, b) => sizeOf(manifest[b].file).gzip - sizeOf(manifest[a].file).gzip);
console.log('\nLoaded on demand (pages, panels, the other language, libraries):');
table(later);

if (total.gzip > BUDGET_KB * 1000) {
  console.error(`\nbundle-report: the participant route's initial JavaScript is ${(total.gzip / 1000).toFixed(1)} kB gzip, over the ${BUDGET_KB} kB budget.`);
  process.exit(1);
}
console.log(`\nbundle-report: ${(total.gzip / 1000).toFixed(1)} kB gzip, within the ${BUDGET_KB} kB budget.`);
