import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { isBoardId } from '@verksted/shared';
import { buildServer } from '../app.js';
import type { Config } from '../config.js';
import { MemoryBoardStore } from '../persistence/memory-board-store.js';
import type { CreatedBoard } from '../boards/board-directory.js';
import { testConfig } from '../../test/test-config.js';

let app: FastifyInstance | null = null;

async function build(config: Partial<Config> = {}, store = new MemoryBoardStore()): Promise<FastifyInstance> {
  app = await buildServer(testConfig(config), { store, now: () => Date.UTC(2025, 10, 3, 12) });
  return app;
}

async function create(server: FastifyInstance, payload: unknown = { title: 'Workshop 1', template: 'innovation-strategy' }) {
  return server.inject({ method: 'POST', url: '/api/boards', payload: payload as Record<string, unknown> });
}

afterEach(async () => {
  await app?.close();
  app = null;
});

describe('POST /api/boards', () => {
  it('creates a board and returns its id, join code and facilitator key once', async () => {
    const store = new MemoryBoardStore();
    const server = await build({}, store);
    const response = await create(server);
    expect(response.statusCode).toBe(201);
    const body = response.json<CreatedBoard>();
    expect(body.id).toHaveLength(22);
    expect(isBoardId(body.id)).toBe(true);
    expect(body.joinCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(body.facilitatorKey.length).toBeGreaterThanOrEqual(43);
    expect(body).toMatchObject({ title: 'Workshop 1', template: 'innovation-strategy' });
    const record = await store.readRecord(body.id);
    expect(record?.facilitatorKeyHash).toBe(createHash('sha256').update(body.facilitatorKey).digest('hex'));
    expect(JSON.stringify(record)).not.toContain(body.facilitatorKey);
  });

  it('uses the template title when the title is empty', async () => {
    const server = await build();
    const body = (await create(server, { title: '', template: 'retrospective', language: 'en' })).json<CreatedBoard>();
    expect(body.title).toBe('Retrospective');
  });

  it('refuses an unknown template, a missing title and a too long title with 400', async () => {
    const server = await build();
    for (const payload of [{ title: 'x', template: 'kanban' }, { template: 'blank' }, { title: 'x'.repeat(121), template: 'blank' }, { title: 'x', template: 'blank', language: 'de' }]) {
      const response = await create(server, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: 'VALIDATION_FAILED', message: expect.any(String) });
    }
  });

  it('refuses malformed JSON with 400 and an oversized body with 413', async () => {
    const server = await build();
    const malformed = await server.inject({ method: 'POST', url: '/api/boards', headers: { 'content-type': 'application/json' }, payload: '{"title":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toEqual(expect.any(String));
    const huge = await server.inject({ method: 'POST', url: '/api/boards', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ title: 'x'.repeat(100_000), template: 'blank' }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBe('PAYLOAD_TOO_LARGE');
  });

  it('limits how many boards one address creates per hour', async () => {
    const server = await build({ BOARDS_PER_IP_PER_HOUR: 2 });
    expect((await create(server)).statusCode).toBe(201);
    expect((await create(server)).statusCode).toBe(201);
    const third = await create(server);
    expect(third.statusCode).toBe(429);
    expect(third.json().error).toBe('RATE_LIMITED');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('GET /api/boards/:id', () => {
  it('returns a summary without secrets', async () => {
    const server = await build();
    const created = (await create(server)).json<CreatedBoard>();
    const response = await server.inject({ method: 'GET', url: `/api/boards/${created.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: created.id,
      title: 'Workshop 1',
      template: 'innovation-strategy',
      language: 'nb',
      createdAt: Date.UTC(2025, 10, 3, 12),
      joinCode: created.joinCode,
      areaCount: 4,
      noteCount: 0,
      online: 0,
    });
    expect(response.body).not.toContain(created.facilitatorKey);
    expect(response.body).not.toContain('facilitatorKey');
  });

  it('answers 404 for an unknown board and 400 for a malformed id', async () => {
    const server = await build();
    const unknown = await server.inject({ method: 'GET', url: '/api/boards/AAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: 'BOARD_NOT_FOUND', message: expect.any(String) });
    const malformed = await server.inject({ method: 'GET', url: '/api/boards/not-an-id' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/join/:code', () => {
  it('finds a board by its join code, typed in any case with spaces or dashes', async () => {
    const server = await build();
    const created = (await create(server)).json<CreatedBoard>();
    const typed = `${created.joinCode.slice(0, 3).toLowerCase()}-${created.joinCode.slice(3)}`;
    const response = await server.inject({ method: 'GET', url: `/api/join/${encodeURIComponent(typed)}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: created.id });
  });

  it('finds boards created before a restart', async () => {
    const store = new MemoryBoardStore();
    const first = await build({}, store);
    const created = (await create(first)).json<CreatedBoard>();
    await first.close();
    const second = await build({}, store);
    expect((await second.inject({ method: 'GET', url: `/api/join/${created.joinCode}` })).json()).toEqual({ id: created.id });
  });

  it('answers 404 for an unknown or malformed code', async () => {
    const server = await build();
    for (const code of ['ZZZZZZ', 'hello!']) {
      const response = await server.inject({ method: 'GET', url: `/api/join/${code}` });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: 'JOIN_CODE_NOT_FOUND', message: expect.any(String) });
    }
  });

  it('rate-limits lookups per address to stop guessing', async () => {
    const server = await build({ JOIN_LOOKUPS_PER_IP_PER_MINUTE: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await server.inject({ method: 'GET', url: '/api/join/ZZZZZZ' })).statusCode);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });
});

describe('other paths', () => {
  it('answers /healthz', async () => {
    const server = await build();
    const response = await server.inject({ method: 'GET', url: '/healthz' });
    expect(response.json()).toEqual({ ok: true });
  });

  it('answers unknown paths with a JSON 404 that does not echo the URL', async () => {
    const server = await build();
    const response = await server.inject({ method: 'GET', url: '/api/nothing?key=secret' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'NOT_FOUND', message: 'Not found' });
    expect((await server.inject({ method: 'DELETE', url: '/api/boards' })).json().error).toBe('NOT_FOUND');
  });

  it('answers a plain GET on the websocket path with 426', async () => {
    const server = await build();
    const response = await server.inject({ method: 'GET', url: '/ws/AAAAAAAAAAAAAAAAAAAAAA' });
    expect(response.statusCode).toBe(426);
    expect(response.json().error).toBe('UPGRADE_REQUIRED');
  });
});
