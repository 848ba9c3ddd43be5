/** Config for tests: quiet, port 0, loopback, a data dir the caller chooses, no client build. */
import { loadConfig, type Config } from '../src/config.js';

/**
 * A test config; `overrides` win over the defaults.
 * @example
 *   const config = testConfig({ DATA_DIR: dir, IDLE_UNLOAD_MS: 50 });
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({
    LOG: process.env.TEST_LOG === '1' ? '1' : '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'debug',
    PORT: '0',
    HOST: '127.0.0.1',
    CLIENT_DIST: '/nonexistent/verksted-client-dist',
  });
  return Object.freeze({ ...base, ...overrides });
}
