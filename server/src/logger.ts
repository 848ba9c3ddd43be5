/**
 * Logger options for Fastify's pino, and the logger type the relay passes around.
 *
 * Rule: log ids, counts, sizes and durations; never note text, names, keys, or a URL with its
 * query (the facilitator key travels in the websocket URL's query).
 */
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

/** The `logger` option for Fastify. Request serialisation drops the query and all headers. `stream`: tests only. */
export function loggerOptions(config: Config, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level: config.LOG ? config.LOG_LEVEL : 'silent',
    ...(stream ? { stream } : {}),
    serializers: {
      req(request: { method?: string; url?: string; id?: string }) {
        return { method: request.method, url: stripQuery(request.url), id: request.id };
      },
    },
  };
}
