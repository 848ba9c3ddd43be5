/**
 * Security headers on every response (@fastify/helmet), with a Content-Security-Policy that lets no
 * inline script run. CORS stays closed: no Access-Control-Allow-* header is ever sent, so another
 * site's page can neither read the API's answers nor pass a preflight.
 *
 * The policy fits the built client: its scripts and styles are files under /assets (Vite emits no
 * inline script); React sets `style` attributes through the CSSOM, which CSP does not restrict, so
 * no 'unsafe-inline' is needed; QR codes are inline SVG, the PNG export is drawn from a data: image
 * and saved through a blob: URL; the client talks to its own origin over HTTP and ws:/wss:.
 */
import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

/** A Host header worth echoing into the policy: a host name or IP literal and an optional port. */
const SAFE_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * `connect-src`: 'self' covers same-origin ws:/wss: in CSP Level 3 browsers; the explicit
 * ws://host and wss://host are for older ones (Safari before 15.4 did not match websockets to 'self').
 */
function websocketSources(req: IncomingMessage): string {
  const host = req.headers.host;
  return host && SAFE_HOST.test(host) ? `ws://${host} wss://${host}` : "'self'";
}

/** The Content-Security-Policy directives (helmet's defaults replaced entirely). */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'", (req: IncomingMessage) => websocketSources(req)],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

async function securityHeadersPlugin(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    // No upgrade-insecure-requests: the server is often reached over plain http on an internal
    // network, where upgrading every asset request to https would break the page.
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    // The facilitator link carries its key in the fragment (never sent), but the path names the board.
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** Root-level plugin (not encapsulated), so the headers reach every route and the not-found handler. */
export const securityHeaders = fp(securityHeadersPlugin, { name: 'verksted-security-headers' });
