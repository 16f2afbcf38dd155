import { request } from 'node:http';
import type { LocalServer } from '../../local/servers/dynalite-server';
import { startDynalite } from '../../local/servers/dynalite-server';
import { KEEP_ALIVE_TIMEOUT_MS } from '../../local/servers/keep-alive';
import { startSqsServer } from '../../local/servers/sqs-server';

function readKeepAliveHeader(endpoint: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const outgoing = request(endpoint, { method: 'POST', headers: { connection: 'keep-alive' } });
    outgoing.on('response', (response) => {
      response.resume();
      response.on('end', () => {
        outgoing.socket?.destroy();
        const header = response.headers['keep-alive'];
        resolve(Array.isArray(header) ? header.join(',') : header);
      });
    });
    outgoing.on('error', reject);
    outgoing.end('{}');
  });
}

// Resolves `idle` once a keep-alive request is answered and `closed` once the server ends the
// socket; a server that kept idle sockets open would hold both `close` and this past the test.
function openIdleConnection(endpoint: string) {
  const outgoing = request(endpoint, { method: 'POST', headers: { connection: 'keep-alive' } });
  const closed = new Promise<boolean>((resolve) => {
    outgoing.on('socket', (socket) => socket.on('close', () => resolve(true)));
  });
  const idle = new Promise<void>((resolve, reject) => {
    outgoing.on('response', (response) => response.resume().on('end', resolve));
    outgoing.on('error', reject);
  });
  outgoing.end('{}');

  return { idle, closed };
}

describe('local servers', () => {
  describe.each([
    ['startDynalite', () => startDynalite()],
    ['startSqsServer', () => startSqsServer()],
  ])('%s', (_name, start) => {
    let server: LocalServer;

    beforeAll(async () => {
      server = await start();
    });

    afterAll(async () => {
      await server.close();
    });

    it('keeps idle connections open longer than the clients do', async () => {
      const header = await readKeepAliveHeader(server.endpoint);

      expect(header).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
    });

    it('closes while a client keeps an idle connection', async () => {
      const other = await start();
      const socketClosed = openIdleConnection(other.endpoint);
      await socketClosed.idle;

      await other.close();

      await expect(socketClosed.closed).resolves.toBe(true);
    });
  });
});
