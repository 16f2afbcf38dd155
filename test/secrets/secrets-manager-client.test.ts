import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { createSecretsManagerClient } from '../../functions/secrets/secrets-manager-client';

const SECRET_ID = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:webhook';

/** A stand-in for Secrets Manager on 127.0.0.1 that answers or never answers. */
async function startStandIn(mode: 'answer' | 'hang') {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((request, response: ServerResponse) => {
    requests.push(request);
    request.resume();
    if (mode === 'answer') {
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      response.end(JSON.stringify({ Name: 'webhook', SecretString: '{"current":"c-1"}' }));
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const stop = async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  };

  return { endpoint: `http://127.0.0.1:${port}`, requests, stop };
}

function clientConfig(endpoint: string) {
  return {
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
}

describe('createSecretsManagerClient', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>> | undefined;

  afterEach(async () => {
    await standIn?.stop();
    standIn = undefined;
  });

  describe('default limits', () => {
    it('uses a 2 s request timeout, a 1 s connection timeout and two tries', async () => {
      standIn = await startStandIn('answer');
      const client = createSecretsManagerClient(clientConfig(standIn.endpoint));

      const output = await client.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
      const handlerConfig = client.config.requestHandler as unknown as {
        httpHandlerConfigs(): Record<string, unknown>;
      };

      expect(output.SecretString).toBe('{"current":"c-1"}');
      expect(handlerConfig.httpHandlerConfigs()).toMatchObject({
        requestTimeout: 2000,
        connectionTimeout: 1000,
        throwOnRequestTimeout: true,
      });
      expect(await client.config.maxAttempts()).toBe(2);
    });
  });

  describe('hung Secrets Manager', () => {
    it('throws TimeoutError when no response arrives within the request timeout', async () => {
      standIn = await startStandIn('hang');
      const client = createSecretsManagerClient(clientConfig(standIn.endpoint), {
        connectionTimeoutMs: 100,
        requestTimeoutMs: 200,
        maxAttempts: 2,
      });

      const error = await client
        .send(new GetSecretValueCommand({ SecretId: SECRET_ID }))
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('TimeoutError');
      expect(standIn.requests).toHaveLength(2);
    }, 3_000);
  });
});
