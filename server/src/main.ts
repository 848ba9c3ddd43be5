/**
 * Entry point: `node dist/main.js`. Reads the config, takes the data directory (server.lock, see
 * ops/data-dir-lock.ts), builds the server, listens, and on SIGTERM / SIGINT closes gracefully:
 * websockets get 1012 "restarting", every loaded board is flushed and compacted, the lock is
 * removed, then the process exits.
 */
import { ConfigError, loadConfig, type Config } from './config.js';
import { buildServer } from './app.js';
import { DataDirBusyError, acquireDataDirLock, type DataDirLock } from './ops/data-dir-lock.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`verksted: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }

  let lock: DataDirLock;
  try {
    lock = await acquireDataDirLock(config.DATA_DIR);
  } catch (err) {
    if (err instanceof DataDirBusyError) {
      process.stderr.write(`verksted: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const app = await buildServer(config);
  await app.listen({ port: config.PORT, host: config.HOST });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // If the disk is failing, flushing can retry forever; give up after a while and say so.
    const timeout = setTimeout(() => {
      app.log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; some boards may not be compacted');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timeout.unref();
    app.close().then(
      async () => {
        await lock.release();
        app.log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`verksted: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
