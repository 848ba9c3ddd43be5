/**
 * `src/main.ts` bundled into one ES module with esbuild, for tests that start the real server as a
 * process many times (crash rounds, storms, fuzzing). Same source as `tsx src/main.ts`, but a
 * process starts in roughly a third of the time: no per-file TypeScript transform and one file
 * instead of hundreds of node_modules files.
 *
 * - `@verksted/shared` is taken from its sources (the `development` export condition), as vitest
 *   does for in-process tests, so a test run never mixes fresh and stale shared code.
 * - The bundle lives under `server/node_modules/.cache`, so the `createRequire` calls of bundled
 *   CommonJS code resolve packages from the server's own node_modules.
 * - It is named after the size and mtime of every input file, so the test files of one run (and
 *   later runs without changes) share one bundle instead of building it each.
 * @example
 *   const entry = await bundleServer();
 *   const server = await spawnServer({ PORT: '0', DATA_DIR: dir }, entry);
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const WORKSPACE_DIR = path.join(SERVER_DIR, '..');
const CACHE_DIR = path.join(SERVER_DIR, 'node_modules', '.cache', 'verksted-test');
/** Bundles older than this are deleted when a new one is built. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/** The part of esbuild's API used here (esbuild comes with tsx; the server does not depend on it directly). */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ errors: unknown[] }>;
}

/** CommonJS code inside an ES module bundle still expects these. */
const BANNER = [
  "import { createRequire as __vkCreateRequire } from 'node:module';",
  "import { fileURLToPath as __vkFileURLToPath } from 'node:url';",
  'const require = __vkCreateRequire(import.meta.url);',
  'const __filename = __vkFileURLToPath(import.meta.url);',
  "const __dirname = __vkFileURLToPath(new URL('.', import.meta.url));",
].join('\n');

/** Size and mtime of every file the bundle is built from, hashed. */
async function inputsKey(): Promise<string> {
  const hash = createHash('sha256');
  const add = async (file: string): Promise<void> => {
    if (!existsSync(file)) return;
    const s = await stat(file);
    hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
  };
  for (const dir of [path.join(SERVER_DIR, 'src'), path.join(WORKSPACE_DIR, 'shared', 'src')]) {
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
    for (const file of files) await add(path.join(dir, file));
  }
  for (const file of ['server/package.json', 'shared/package.json', 'pnpm-lock.yaml']) await add(path.join(WORKSPACE_DIR, file));
  return hash.digest('hex').slice(0, 16);
}

/** The path of a bundle of the current sources, built now unless an identical one exists. */
export async function bundleServer(): Promise<string> {
  await mkdir(CACHE_DIR, { recursive: true });
  const entry = path.join(CACHE_DIR, `main-${await inputsKey()}.mjs`);
  if (existsSync(entry)) return entry;
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx'))('esbuild') as Esbuild;
  // Built under a temporary name and renamed: a test file running at the same time never sees half a bundle.
  const building = `${entry}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await esbuild.build({
    entryPoints: [path.join(SERVER_DIR, 'src', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['development'],
    outfile: building,
    banner: { js: BANNER },
    logLevel: 'error',
  });
  await rename(building, entry);
  await pruneOldBundles(entry);
  return entry;
}

async function pruneOldBundles(keep: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(CACHE_DIR)) {
    const file = path.join(CACHE_DIR, name);
    if (file === keep) continue;
    const s = await stat(file).catch(() => null);
    if (s && now - s.mtimeMs > KEEP_MS) await rm(file, { force: true });
  }
}
