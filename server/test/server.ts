/**
 * A real server on a free port with a temporary data directory, for relay and HTTP tests.
 * @example
 *   const server = await startServer();
 *   const board = await server.createBoard();
 *   const peer = connectPeer(server, board.id);
 *   ...
 *   await server.close();
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { TemplateId } from '@verksted/shared';
import { buildServer, type ServerDeps } from '../src/app.js';
import type { Config } from '../src/config.js';
import type { BoardStore, StoreFaults } from '../src/persistence/board-store.js';
import { FileBoardStore } from '../src/persistence/file-board-store.js';
import type { CreatedBoard } from '../src/boards/board-directory.js';
import { testConfig } from './test-config.js';

export interface TestServer {
  app: FastifyInstance;
  config: Config;
  store: BoardStore;
  dataDir: string;
  /** http://127.0.0.1:<port> */
  httpUrl: string;
  /** ws://127.0.0.1:<port>/ws — what y-websocket's provider wants as its server URL. */
  wsUrl: string;
  createBoard(body?: { title?: string; template?: TemplateId; language?: 'nb' | 'en' }): Promise<CreatedBoard>;
  /** Closes the server (flushing boards) and removes the data directory unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface StartServerOptions {
  config?: Partial<Config>;
  /** Default: a FileBoardStore in a fresh temp dir (with `faults` if given). */
  store?: BoardStore;
  faults?: StoreFaults;
  dataDir?: string;
  deps?: Omit<ServerDeps, 'store'>;
}

/** Starts a server on 127.0.0.1 and a free port. */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'verksted-test-')));
  const config = testConfig({ DATA_DIR: dataDir, ...options.config });
  const store = options.store ?? new FileBoardStore({ dataDir, faults: options.faults });
  const app = await buildServer(config, { appendRetryMs: { min: 20, max: 100 }, ...options.deps, store });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const httpUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    config,
    store,
    dataDir,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${address.port}/ws`,
    async createBoard(body = {}) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/boards',
        payload: { title: body.title ?? 'Test board', template: body.template ?? 'retrospective', ...(body.language ? { language: body.language } : {}) },
      });
      if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
      return response.json<CreatedBoard>();
    },
    async close({ keepData = false } = {}) {
      await app.close();
      if (!keepData && !options.dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    },
  };
}
