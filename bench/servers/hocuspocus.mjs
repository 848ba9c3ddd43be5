// Hocuspocus 3.4.4 with no extensions (no persistence), as the benchmark's second reference server.
// Plain JS on purpose: the server process must not pay for a TypeScript loader.
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT ?? 1234);
const address = process.env.HOST ?? '127.0.0.1';
const server = new Server({ port, address, quiet: true });
await server.listen();
process.stdout.write(`hocuspocus listening on ${address}:${port}\n`);
