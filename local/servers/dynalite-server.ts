import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { keepConnectionsAlive } from './keep-alive';

/** A running DynamoDB-compatible server on 127.0.0.1. */
export interface LocalServer {
  /** Base URL for an AWS SDK client's `endpoint`. */
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Options of `startDynalite`. */
export interface DynaliteOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Folder for the LevelDB files; in memory when unset. */
  readonly path?: string;
}

/**
 * Starts dynalite on 127.0.0.1 with tables that become active at once. Idle connections stay
 * open for `KEEP_ALIVE_TIMEOUT_MS`.
 */
export async function startDynalite(options: DynaliteOptions = {}): Promise<LocalServer> {
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0 });
  keepConnectionsAlive(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would otherwise hold `close` open for up to 65 s.
        server.closeIdleConnections();
      }),
  };
}
