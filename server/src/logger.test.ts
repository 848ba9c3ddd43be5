import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { loggerOptions } from './logger.js';

type Options = { transport?: { target: string }; level?: string };

describe('loggerOptions', () => {
  it('writes JSON by default and pretty lines in development or with LOG_PRETTY=1', () => {
    expect(loadConfig({}).LOG_PRETTY).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).LOG_PRETTY).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', LOG_PRETTY: '0' }).LOG_PRETTY).toBe(false);
    expect(loadConfig({ LOG_PRETTY: '1' }).LOG_PRETTY).toBe(true);

    expect((loggerOptions(loadConfig({})) as Options).transport).toBeUndefined();
    const pretty = loggerOptions(loadConfig({ LOG_PRETTY: '1' })) as Options;
    // An absolute path, because pino resolves transport names from its own package.
    expect(existsSync(pretty.transport!.target)).toBe(true);
    expect(pretty.transport!.target).toMatch(/pino-pretty/);
  });

  it('never pretty-prints into a test stream or when logging is off', () => {
    const stream = process.stdout;
    expect((loggerOptions(loadConfig({ LOG_PRETTY: '1' }), stream) as Options).transport).toBeUndefined();
    const off = loggerOptions(loadConfig({ LOG_PRETTY: '1', LOG: '0' })) as Options;
    expect(off.transport).toBeUndefined();
    expect(off.level).toBe('silent');
  });
});
