/**
 * The `verksted` administration commands (server/src/cli.ts is the executable):
 *
 *   verksted [start]              run the server (same as `node server/dist/main.js`)
 *   verksted list [--json]        boards with size on disk, last use and expiry
 *   verksted export <id> [--out <file>]   the board as `verksted.board` JSON (stdout by default)
 *   verksted delete <id>          delete a board's files (server stopped)
 *   verksted verify               check every board's files; exit 1 and one line per problem
 *   verksted compact              compact every board's log into its snapshot (server stopped)
 *   verksted backup <dir>         consistent copy of all boards into a new directory (server may run)
 *
 * Every command takes `--data-dir <dir>`; otherwise DATA_DIR (and RETENTION_DAYS) come from the
 * environment exactly as for the server. list, export, verify and backup only read, and are safe
 * while the server runs. delete and compact write board files the server may have open, so they
 * refuse while a live server holds the data directory (its server.lock, see data-dir-lock.ts).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as Y from 'yjs';
import { isBoardId, readMeta } from '@verksted/shared';
import { ConfigError, loadConfig } from '../config.js';
import { exportBoard } from '../exports/board-export.js';
import { FileBoardStore } from '../persistence/file-board-store.js';
import { BoardNotFoundError } from '../persistence/board-store.js';
import { replayRecords } from '../relay/SecretKeeper.js';
import { boardDiskBytes, listBoardIds, listBoardsDir, readBoardOnDisk } from './board-files.js';
import { BackupTargetNotEmptyError, backupDataDir } from './backup.js';
import { readLiveLock } from './data-dir-lock.js';
import { expiresAt } from './retention.js';

/** Where a command writes and what it reads; the real process by default, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Ms since epoch (exports carry it). */
  now(): number;
}

/** Exit codes: 0 ok, 1 the command found problems or failed, 2 it was called wrongly. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export const USAGE = `Usage: verksted <command> [--data-dir <dir>]

  start                         run the server (the default)
  list [--json]                 boards with size on disk, last use and expiry
  export <id> [--out <file>]    the board as verksted.board JSON (stdout unless --out)
  delete <id>                   delete a board's files (stop the server first)
  verify                        check every board's files; exit 1 with one line per problem
  compact                       compact every board's log into its snapshot (stop the server first)
  backup <dir>                  consistent copy of all boards into a new directory (server may run)

DATA_DIR and RETENTION_DAYS come from the environment, as for the server.
`;

interface Parsed {
  command: string;
  args: string[];
  options: Map<string, string | true>;
}

const VALUE_OPTIONS = new Set(['--data-dir', '--out']);
const FLAG_OPTIONS = new Set(['--json', '--help']);

function parseArgs(argv: readonly string[]): Parsed | string {
  const args: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (VALUE_OPTIONS.has(arg)) {
      const value = argv[++i];
      if (value === undefined) return `${arg} needs a value`;
      options.set(arg, value);
    } else if (FLAG_OPTIONS.has(arg)) options.set(arg, true);
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else args.push(arg);
  }
  const [command = 'help', ...rest] = args;
  return { command, args: rest, options };
}

/**
 * Runs one administration command and resolves to its exit code. Never throws for expected
 * failures (bad arguments, missing boards, a running server); they are reported on stderr.
 * @example
 *   process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    io.stderr(`verksted: ${parsed}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { command, args, options } = parsed;
  if (command === 'help' || options.has('--help')) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  let config;
  try {
    const dataDir = options.get('--data-dir');
    config = loadConfig(typeof dataDir === 'string' ? { ...io.env, DATA_DIR: dataDir } : io.env, io.cwd);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`verksted: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  const dataDir = config.DATA_DIR;
  const commands: Record<string, () => Promise<number>> = {
    list: () => listBoards(io, dataDir, config.RETENTION_DAYS, options.has('--json')),
    export: () => exportOne(io, dataDir, args[0], options.get('--out')),
    delete: () => deleteOne(io, dataDir, args[0]),
    verify: () => verifyAll(io, dataDir),
    compact: () => compactAll(io, dataDir),
    backup: () => backup(io, dataDir, args[0]),
  };
  const run = commands[command];
  if (!run) {
    io.stderr(`verksted: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  return run();
}

async function listBoards(io: CliIo, dataDir: string, retentionDays: number, json: boolean): Promise<number> {
  const rows = [];
  for (const id of await listBoardIds(dataDir)) {
    const board = await readBoardOnDisk(dataDir, id);
    const title = board.doc ? readMeta(board.doc).title : null;
    board.doc?.destroy();
    const bytes = await boardDiskBytes(dataDir, id);
    const record = board.record;
    rows.push({
      id,
      joinCode: record?.joinCode ?? null,
      title,
      bytes,
      createdAt: record?.createdAt ?? null,
      lastOpenedAt: record?.lastOpenedAt ?? null,
      expiresAt: record ? expiresAt(record.lastOpenedAt, retentionDays) : null,
      problems: board.problems.length,
    });
  }
  if (json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  if (rows.length === 0) {
    io.stdout(`no boards in ${dataDir}\n`);
    return EXIT.ok;
  }
  const table = [['ID', 'CODE', 'SIZE', 'CREATED', 'LAST USED', 'EXPIRES', 'TITLE']];
  for (const row of rows) {
    table.push([
      row.id,
      row.joinCode ?? '?',
      formatBytes(row.bytes),
      formatDate(row.createdAt),
      formatDate(row.lastOpenedAt),
      row.lastOpenedAt === null ? '?' : row.expiresAt === null ? 'never' : formatDate(row.expiresAt),
      row.problems > 0 ? `(damaged: run verksted verify) ${row.title ?? ''}` : (row.title ?? ''),
    ]);
  }
  const widths = table[0]!.map((_, col) => Math.max(...table.map((r) => r[col]!.length)));
  for (const row of table) io.stdout(`${row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  ')}\n`);
  io.stdout(`${rows.length} board${rows.length === 1 ? '' : 's'}, ${formatBytes(rows.reduce((s, r) => s + r.bytes, 0))}\n`);
  return EXIT.ok;
}

function requireBoardId(io: CliIo, id: string | undefined, command: string): id is string {
  if (id === undefined) io.stderr(`verksted: ${command} needs a board id\n`);
  else if (!isBoardId(id)) io.stderr(`verksted: ${JSON.stringify(id)} is not a board id (22 characters, A-Z a-z 0-9 - _)\n`);
  else return true;
  return false;
}

async function exportOne(io: CliIo, dataDir: string, id: string | undefined, out: string | true | undefined): Promise<number> {
  if (!requireBoardId(io, id, 'export')) return EXIT.usage;
  if (!(await listBoardIds(dataDir)).includes(id)) {
    io.stderr(`verksted: no board ${id} in ${dataDir}\n`);
    return EXIT.failed;
  }
  const board = await readBoardOnDisk(dataDir, id);
  if (!board.doc) {
    for (const problem of board.problems) io.stderr(`verksted: ${id}: ${problem}\n`);
    return EXIT.failed;
  }
  // The facilitator's view: the operator has the disk anyway, and the export is the full board.
  const file = exportBoard({ boardId: id, doc: board.doc, exportedAt: io.now(), view: 'facilitator', hideAuthors: false });
  const json = `${JSON.stringify(file, null, 2)}\n`;
  board.doc.destroy();
  if (typeof out === 'string') {
    const file = path.resolve(io.cwd, out);
    await writeFile(file, json);
    io.stderr(`wrote ${file}\n`);
  } else io.stdout(json);
  return EXIT.ok;
}

/** Exit code usage when a live server holds `dataDir`, after saying so. */
async function refuseWhileServerRuns(io: CliIo, dataDir: string, what: string): Promise<number | null> {
  const holder = await readLiveLock(dataDir);
  if (!holder) return null;
  io.stderr(
    `verksted: a server is running on ${dataDir} (pid ${holder.pid} on ${holder.hostname}); ${what}\n`,
  );
  return EXIT.failed;
}

async function deleteOne(io: CliIo, dataDir: string, id: string | undefined): Promise<number> {
  if (!requireBoardId(io, id, 'delete')) return EXIT.usage;
  const refused = await refuseWhileServerRuns(
    io,
    dataDir,
    'stop it first, or delete the board through the server: DELETE /api/boards/<id> with the facilitator key',
  );
  if (refused !== null) return refused;
  try {
    await new FileBoardStore({ dataDir }).delete(id);
  } catch (err) {
    if (err instanceof BoardNotFoundError) {
      io.stderr(`verksted: no board ${id} in ${dataDir}\n`);
      return EXIT.failed;
    }
    throw err;
  }
  io.stdout(`deleted ${id}\n`);
  return EXIT.ok;
}

/** How often a board with problems is read again while a server runs (an append may be half-way). */
const VERIFY_RETRIES_WHILE_LIVE = 2;
const VERIFY_RETRY_DELAY_MS = 250;

async function verifyAll(io: CliIo, dataDir: string): Promise<number> {
  const live = (await readLiveLock(dataDir)) !== null;
  let problems = 0;
  const ids = await listBoardIds(dataDir);
  for (const id of ids) {
    let board = await readBoardOnDisk(dataDir, id);
    for (let retry = 0; live && board.problems.length > 0 && retry < VERIFY_RETRIES_WHILE_LIVE; retry++) {
      board.doc?.destroy();
      await new Promise((resolve) => setTimeout(resolve, VERIFY_RETRY_DELAY_MS));
      board = await readBoardOnDisk(dataDir, id);
    }
    board.doc?.destroy();
    for (const problem of board.problems) io.stdout(`PROBLEM ${id}: ${problem}\n`);
    for (const note of board.notes) io.stdout(`note    ${id}: ${note}\n`);
    problems += board.problems.length;
  }
  for (const name of await listBoardsDir(dataDir)) {
    if (isBoardId(name)) continue;
    io.stdout(`note    boards/${name}: not a board (a create, delete or repair cut short); safe to remove by hand\n`);
  }
  io.stdout(`verified ${ids.length} board${ids.length === 1 ? '' : 's'} in ${dataDir}: ${problems === 0 ? 'no problems' : `${problems} problem${problems === 1 ? '' : 's'}`}\n`);
  return problems === 0 ? EXIT.ok : EXIT.failed;
}

async function compactAll(io: CliIo, dataDir: string): Promise<number> {
  const refused = await refuseWhileServerRuns(io, dataDir, 'stop it first (the server compacts boards itself when they unload and when it stops)');
  if (refused !== null) return refused;
  const store = new FileBoardStore({ dataDir });
  let failed = 0;
  for (const id of await listBoardIds(dataDir)) {
    let opened;
    try {
      opened = await store.open(id);
    } catch (err) {
      failed++;
      io.stderr(`verksted: ${id}: not compacted: ${err instanceof Error ? err.message : String(err)}\n`);
      continue;
    }
    const doc = new Y.Doc();
    try {
      const logBytes = opened.log.logBytes;
      if (logBytes === 0) continue;
      // Exactly what the server's compaction writes: the state, with withheld brainstorm content
      // kept withheld (SecretKeeper.encodeState).
      const secret = replayRecords(doc, opened.updates, 'compact');
      const state = secret.encodeState(doc);
      secret.destroy();
      await opened.log.compact(state);
      io.stdout(`compacted ${id}: log ${formatBytes(logBytes)} → snapshot ${formatBytes(state.byteLength)}\n`);
    } catch (err) {
      failed++;
      io.stderr(`verksted: ${id}: not compacted: ${err instanceof Error ? err.message : String(err)}\n`);
    } finally {
      doc.destroy();
      await opened.log.close();
    }
  }
  return failed === 0 ? EXIT.ok : EXIT.failed;
}

async function backup(io: CliIo, dataDir: string, target: string | undefined): Promise<number> {
  if (target === undefined) {
    io.stderr('verksted: backup needs a target directory\n');
    return EXIT.usage;
  }
  const dir = path.resolve(io.cwd, target);
  try {
    const result = await backupDataDir(dataDir, dir);
    io.stdout(`backed up ${result.boards.length} board${result.boards.length === 1 ? '' : 's'} (${formatBytes(result.bytes)}) to ${dir}\n`);
    if (result.vanished.length > 0) io.stdout(`${result.vanished.length} board(s) deleted while the backup ran are not in it\n`);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof BackupTargetNotEmptyError) {
      io.stderr(`verksted: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** yyyy-mm-dd (UTC), or ? when unknown. */
function formatDate(ms: number | null): string {
  return ms === null ? '?' : new Date(ms).toISOString().slice(0, 10);
}
