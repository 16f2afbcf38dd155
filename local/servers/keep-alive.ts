import type { Server } from 'node:http';

/**
 * Time an idle keep-alive connection stays open, in milliseconds. Node's default of 5 s lets a
 * server close a socket at the moment an SDK client reuses it, which resets that request
 * (ECONNRESET). 65 s is longer than any client here keeps a socket idle.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Time allowed to receive the headers of a request, in milliseconds; above the keep-alive time. */
export const HEADERS_TIMEOUT_MS = KEEP_ALIVE_TIMEOUT_MS + 1_000;

/** Sets the keep-alive and headers timeouts of a local server's HTTP server. */
export function keepConnectionsAlive(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
}
