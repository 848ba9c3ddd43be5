import { afterEach, describe, expect, it } from 'vitest';
import { addNote, readAreas, readBoard } from '@verksted/shared';
import { startServer, type TestServer } from '../../test/server.js';
import { connectPeer, connectRaw, type Peer } from '../../test/peers.js';
import { parsePrometheusText, type Exposition } from '../../test/prometheus.js';

const servers: TestServer[] = [];
const peers: Peer[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  for (const server of servers.splice(0)) await server.close();
});

async function start(): Promise<TestServer> {
  const server = await startServer({ config: { IDLE_UNLOAD_MS: 50 } });
  servers.push(server);
  return server;
}

async function scrape(server: TestServer): Promise<Exposition> {
  const response = await server.app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(response.body);
}

describe('GET /metrics', () => {
  it('is valid Prometheus text with the relay, persistence and process metrics', async () => {
    const metrics = await scrape(await start());
    expect(Object.fromEntries([...metrics.types].filter(([name]) => name.startsWith('verksted_')))).toEqual({
      verksted_boards_loaded: 'gauge',
      verksted_connections: 'gauge',
      verksted_updates_received_total: 'counter',
      verksted_updates_relayed_total: 'counter',
      verksted_received_bytes_total: 'counter',
      verksted_sent_bytes_total: 'counter',
      verksted_rejections_total: 'counter',
      verksted_log_append_duration_seconds: 'histogram',
      verksted_log_append_failures_total: 'counter',
      verksted_compactions_total: 'counter',
      verksted_board_load_duration_seconds: 'histogram',
      verksted_boards_deleted_total: 'counter',
    });
    expect(metrics.value('verksted_boards_loaded')).toBe(0);
    expect(metrics.value('verksted_rejections_total', { reason: 'rateLimited' })).toBe(0);
    expect(metrics.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(metrics.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
  });

  it('counts what clients write, who is connected, and drops loaded boards to zero once everyone left', async () => {
    const server = await start();
    const board = await server.createBoard();
    const facilitator = connectPeer(server.wsUrl, board.id, { key: board.facilitatorKey });
    const participant = connectPeer(server.wsUrl, board.id);
    peers.push(facilitator, participant);
    await Promise.all([facilitator.synced(), participant.synced()]);
    const areaId = readAreas(participant.doc)[0]!.id;
    for (let i = 0; i < 5; i++) addNote(participant.doc, { areaId, text: `note ${i}`, kind: 'idea', authorId: 'p', authorName: 'P' });
    await expect.poll(() => readBoard(facilitator.doc).noteCount).toBe(5);

    const during = await scrape(server);
    expect(during.value('verksted_boards_loaded')).toBe(1);
    expect(during.value('verksted_connections', { role: 'facilitator' })).toBe(1);
    expect(during.value('verksted_connections', { role: 'participant' })).toBe(1);
    expect(during.value('verksted_updates_received_total')).toBeGreaterThanOrEqual(5);
    expect(during.value('verksted_updates_relayed_total')).toBeGreaterThanOrEqual(1);
    expect(during.value('verksted_received_bytes_total')).toBeGreaterThan(0);
    expect(during.value('verksted_sent_bytes_total')).toBeGreaterThan(0);
    expect(during.value('verksted_log_append_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(during.value('verksted_log_append_duration_seconds_bucket', { le: '+Inf' })).toBe(
      during.value('verksted_log_append_duration_seconds_count'),
    );
    expect(during.value('verksted_board_load_duration_seconds_count')).toBe(1);

    const bad = connectRaw(`${server.wsUrl}/${board.id}`);
    await bad.opened;
    bad.send('not binary');
    await bad.closed;
    expect((await scrape(server)).value('verksted_rejections_total', { reason: 'badMessage' })).toBe(1);

    for (const peer of peers.splice(0)) peer.destroy();
    await expect.poll(async () => (await scrape(server)).value('verksted_boards_loaded')).toBe(0);
    const after = await scrape(server);
    expect(after.value('verksted_connections', { role: 'participant' })).toBe(0);
    expect(after.value('verksted_connections', { role: 'facilitator' })).toBe(0);
    // Unloading compacts the non-empty log.
    expect(after.value('verksted_compactions_total', { result: 'ok' })).toBeGreaterThanOrEqual(1);
  });

  it('keeps the metrics of two servers in one process apart', async () => {
    const busy = await start();
    const quiet = await start();
    const board = await busy.createBoard();
    const writer = connectPeer(busy.wsUrl, board.id);
    peers.push(writer);
    await writer.synced();
    addNote(writer.doc, { areaId: readAreas(writer.doc)[0]!.id, text: 'x', kind: 'idea', authorId: 'p', authorName: 'P' });
    await expect.poll(async () => (await scrape(busy)).value('verksted_updates_received_total')).toBeGreaterThan(0);
    expect((await scrape(quiet)).value('verksted_updates_received_total')).toBe(0);
    expect((await scrape(quiet)).value('verksted_boards_loaded')).toBe(0);
  });
});
