import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BOARD_BYTES, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_NOTES_PER_BOARD } from '@verksted/shared';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has a default for every field', () => {
    const config = loadConfig({}, '/srv/verksted');
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: '/srv/verksted/data',
      LOG_LEVEL: 'info',
      LOG: true,
      TRUST_PROXY: false,
      IDLE_UNLOAD_MS: 10_000,
      COMPACT_AFTER_BYTES: 1024 * 1024,
      MAX_MESSAGE_BYTES: DEFAULT_MAX_MESSAGE_BYTES,
      MAX_MESSAGES_PER_SECOND: 200,
      MAX_CONNECTIONS_PER_BOARD: 1000,
      MAX_CONNECTIONS_PER_IP: 500,
      MAX_BOARD_BYTES: DEFAULT_MAX_BOARD_BYTES,
      MAX_NOTES_PER_BOARD: DEFAULT_MAX_NOTES_PER_BOARD,
      BOARDS_PER_IP_PER_HOUR: 30,
      JOIN_LOOKUPS_PER_IP_PER_MINUTE: 30,
    });
    expect(config.CLIENT_DIST.endsWith(path.join('client', 'dist'))).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads and converts the environment', () => {
    const config = loadConfig({ PORT: '8080', DATA_DIR: '/var/lib/verksted', LOG: '0', MAX_CONNECTIONS_PER_IP: '10000', TRUST_PROXY: 'true', IDLE_UNLOAD_MS: '' });
    expect(config).toMatchObject({ PORT: 8080, DATA_DIR: '/var/lib/verksted', LOG: false, MAX_CONNECTIONS_PER_IP: 10_000, TRUST_PROXY: true, IDLE_UNLOAD_MS: 10_000 });
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', MAX_NOTES_PER_BOARD: '-1' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/PORT.*"abc"/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/MAX_NOTES_PER_BOARD/);
  });
});
