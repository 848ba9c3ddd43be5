/**
 * Every route a built server has, read from Fastify's route tree, so that security tests cover
 * routes added later without being told about them.
 */
import type { FastifyInstance } from 'fastify';

export interface RouteInfo {
  method: string;
  /** The route pattern, e.g. `/api/boards/:id/export.json`. */
  url: string;
}

/**
 * Parses `app.printRoutes({ commonPrefix: false })`: lines like `│   └── /:id (GET, HEAD, PATCH)`,
 * four characters of indentation per level, each segment appended to its parent's path. HEAD
 * routes Fastify adds for every GET are left out.
 */
export function listRoutes(app: FastifyInstance): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const url = (stack[depth - 1] ?? '') + match[2]!;
    stack.push(url);
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, url });
    }
  }
  return routes;
}

/** The `:name` parameters of a route pattern. */
export function routeParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
}

/** The pattern with each `:name` replaced by `values[name]` (already URL-encoded). */
export function fillRoute(url: string, values: Record<string, string>): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${url}`);
    return value;
  });
}
