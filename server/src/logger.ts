/**
 * Logger options for Fastify's pino, and the logger type the relay passes around.
 *
 * Rule: log ids, counts, sizes and durations; never note text, names, keys, or a URL with its
 * query (the facilitator key travels in the websocket URL's query).
 */
import { createRequire } from 'node:module';
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';


/** Fastify's pino logger (or a child of it). */
export type Logger = FastifyBaseLogger;

/** A request URL without its query string. */
export function stripQuery(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * pino-pretty as an absolute path: pino loads a transport in a worker and resolves its name from
 * pino's own package, which (with pnpm's strict layout) cannot see the server's dependencies.
 */
function pinoPrettyPath(): string {
  return createRequire(import.meta.url).resolve('pino-pretty');
}

/**
 * The `logger` option for Fastify: JSON lines on stdout, or pino-pretty lines when
 * `config.LOG_PRETTY` (development). Request serialisation drops the query and all headers.
 * `stream`: tests only (always JSON).
 */
export function loggerOptions(config: Config, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  const pretty = !stream && config.LOG && config.LOG_PRETTY;
  return {
    level: config.LOG ? config.LOG_LEVEL : 'silent',
    ...(stream ? { stream } : {}),
    ...(pretty ? { transport: { target: pinoPrettyPath(), options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
    serializers: {
      req(request: { method?: string; url?: string; id?: string }) {
        return { method: request.method, url: stripQuery(request.url), id: request.id };
      },
    },
  };
}
