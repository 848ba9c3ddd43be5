/**
 * Server configuration: the only place that reads `process.env`.
 *
 * Every field has a default, so `node dist/main.js` runs with no env at all. Every limit has a
 * variable so that load tests from one address (127.0.0.1) can raise it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_MAX_BOARD_BYTES, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_NOTES_PER_BOARD, MAX_NOTE_TEXT_CHARS } from '@verksted/shared';

/** The built client, next to the server in the workspace (works from `src/` and `dist/`). */
const DEFAULT_CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An unset or empty variable takes the default. */
function unsetIfEmpty(value: unknown): unknown {
  return value === '' ? undefined : value;
}

function int(defaultValue: number, min: number, max = Number.MAX_SAFE_INTEGER) {
  return z.preprocess(unsetIfEmpty, z.coerce.number().int().min(min).max(max).default(defaultValue));
}

function text(defaultValue: string) {
  return z.preprocess(unsetIfEmpty, z.string().default(defaultValue));
}

const schema = z.object({
  /** Port to listen on; 0 picks a free one. */
  PORT: int(3000, 0, 65535),
  /** Address to listen on. */
  HOST: text('0.0.0.0'),
  /** Where boards are stored; relative paths are resolved against the working directory. */
  DATA_DIR: text('./data'),
  /** The built client to serve; when the directory is missing the server runs API-only. */
  CLIENT_DIST: text(DEFAULT_CLIENT_DIST),
  /** pino level. */
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(LOG_LEVELS).default('info')),
  /** `LOG=0` silences all logging (tests, e2e). */
  LOG: z.preprocess(unsetIfEmpty, z.enum(['0', '1']).default('1')),
  /** `1`: human-readable log lines (pino-pretty) instead of JSON. Unset: pretty when NODE_ENV=development. */
  LOG_PRETTY: z.preprocess(unsetIfEmpty, z.enum(['0', '1']).optional()),
  /** Only `development` changes anything (pretty logs by default). */
  NODE_ENV: text('production'),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (per-IP limits need it). */
  TRUST_PROXY: z.preprocess(unsetIfEmpty, z.enum(['true', 'false']).default('false')),
  /** A board with no connections is written out and unloaded after this long. */
  IDLE_UNLOAD_MS: int(10_000, 0),
  /** Replace a board's log by a snapshot once the log is this big. */
  COMPACT_AFTER_BYTES: int(1024 * 1024, 1),
  /** Largest websocket frame; bigger frames close the socket with 1009. */
  MAX_MESSAGE_BYTES: int(DEFAULT_MAX_MESSAGE_BYTES, 1024),
  /** Sustained messages per second per connection (a token bucket allows bursts of twice this). */
  MAX_MESSAGES_PER_SECOND: int(200, 1),
  /** Open websockets on one board; the next is closed with 4030 "too many connections". */
  MAX_CONNECTIONS_PER_BOARD: int(1000, 1),
  /** Open websockets from one address, across boards; the next is closed with 4030. */
  MAX_CONNECTIONS_PER_IP: int(500, 1),
  /** Largest board document (encoded state), in bytes. */
  MAX_BOARD_BYTES: int(DEFAULT_MAX_BOARD_BYTES, 1024),
  MAX_NOTES_PER_BOARD: int(DEFAULT_MAX_NOTES_PER_BOARD, 1),
  /**
   * Longest note text in characters (UTF-16 code units, as `String.length` and Y.Text count them).
   * The write policy refuses an update that would make any note's text longer.
   */
  MAX_NOTE_TEXT_CHARS: int(MAX_NOTE_TEXT_CHARS, 1, 1_000_000),
  /** Snapshots kept per board; beyond it the oldest automatic ones go, and manual ones are refused. */
  MAX_SNAPSHOTS_PER_BOARD: int(100, 1),
  /** Largest `POST /api/boards/import` body (a `verksted.board` JSON file), in bytes. */
  MAX_IMPORT_BYTES: int(5 * 1024 * 1024, 1024),
  /** Boards one address may create per hour. */
  BOARDS_PER_IP_PER_HOUR: int(30, 1),
  /** Join-code lookups one address may make per minute (stops guessing codes). */
  JOIN_LOOKUPS_PER_IP_PER_MINUTE: int(30, 1),
  /** Wrong facilitator keys one address may send per minute; then 429 for the rest of the minute, whatever key. */
  FACILITATOR_AUTH_FAILURES_PER_IP_PER_MINUTE: int(20, 1),
  /** How often sockets are pinged; a socket that missed the previous pong is dropped. */
  PING_INTERVAL_MS: int(30_000, 100),
  /** How long a graceful shutdown may take to flush boards before the process gives up. */
  SHUTDOWN_TIMEOUT_MS: int(15_000, 100),
  /** Boards nobody opened for this many days are deleted (privacy by default); 0 keeps them forever. */
  RETENTION_DAYS: int(180, 0, 100 * 365),
});

type Parsed = z.output<typeof schema>;

/** The validated, frozen server configuration. */
export interface Config extends Readonly<Omit<Parsed, 'LOG' | 'TRUST_PROXY' | 'LOG_PRETTY'>> {
  /** False when `LOG=0`. */
  readonly LOG: boolean;
  /** Pretty (pino-pretty) log lines: `LOG_PRETTY=1`, or NODE_ENV=development without LOG_PRETTY. */
  readonly LOG_PRETTY: boolean;
  readonly TRUST_PROXY: boolean;
}

/** Thrown by `loadConfig` with every problem listed, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment into a `Config`.
 * @example
 *   const config = loadConfig();                  // process.env
 *   const config = loadConfig({ PORT: '0' });     // tests
 * @throws ConfigError listing all problems.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const got = name in env ? ` (got ${JSON.stringify(env[name])})` : '';
      return `${name}: ${issue.message}${got}`;
    });
    throw new ConfigError(problems);
  }
  const parsed = result.data;
  return Object.freeze({
    ...parsed,
    DATA_DIR: path.resolve(cwd, parsed.DATA_DIR),
    CLIENT_DIST: path.resolve(cwd, parsed.CLIENT_DIST),
    LOG: parsed.LOG === '1',
    LOG_PRETTY: parsed.LOG_PRETTY === undefined ? parsed.NODE_ENV === 'development' : parsed.LOG_PRETTY === '1',
    TRUST_PROXY: parsed.TRUST_PROXY === 'true',
  });
}
