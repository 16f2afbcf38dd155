import type { AddressInfo } from 'node:net';
import { createSqsServer } from 'local-aws-sqs';
import type { LocalServer } from './dynalite-server';
import { keepConnectionsAlive } from './keep-alive';

/**
 * Starts local-aws-sqs (SQS JSON protocol) on 127.0.0.1; port 0 picks a free one. Idle
 * connections stay open for `KEEP_ALIVE_TIMEOUT_MS`.
 */
export async function startSqsServer(port = 0): Promise<LocalServer> {
  const server = await createSqsServer({
    port,
    hostname: '127.0.0.1',
    emulateQueueCreationLifecycle: false,
  });
  keepConnectionsAlive(server);
  const address = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
