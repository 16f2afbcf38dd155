import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { findLocalTarget } from '../../cli/local/find-local-target';
import { callKey } from '../../functions/ledger/ledger-keys';
import type { LoggerPort } from '../../functions/observability/logger';
import { readLocalConfig } from '../../local/local-config';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime';
import { localClientConfig } from '../../local/resources';
import { waitFor } from '../local/wait-for';
import { recordFakeLogLine } from '../support/log-capture-sink';
import { runCommand } from './support/cli-harness';

const silentLogger = {
  debug: (message: unknown, ...fields: unknown[]) => recordFakeLogLine('debug', message, ...fields),
  info: (message: unknown, ...fields: unknown[]) => recordFakeLogLine('info', message, ...fields),
  warn: (message: unknown, ...fields: unknown[]) => recordFakeLogLine('warn', message, ...fields),
  error: (message: unknown, ...fields: unknown[]) => recordFakeLogLine('error', message, ...fields),
} as unknown as LoggerPort;
let runtime: LocalRuntime;
let env: Record<string, string>;
let dataDir: string;
let dynamodb: DynamoDBClient;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));

  return typeof address === 'object' && address !== null ? address.port : 0;
}

function runLocal(argv: readonly string[]) {
  return runCommand(argv, { env, findLocalTarget: () => findLocalTarget(env) });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cli-local-'));
  env = {
    PORT: String(await freePort()),
    SQS_PORT: String(await freePort()),
    DYNAMODB_PORT: String(await freePort()),
    DATA_DIR: dataDir,
  };
  runtime = await startLocalRuntime({
    config: readLocalConfig(env),
    env: {},
    createLogger: () => silentLogger,
  });
  dynamodb = new DynamoDBClient(localClientConfig(`http://127.0.0.1:${env.DYNAMODB_PORT}`));
});
afterAll(async () => {
  dynamodb.destroy();
  await runtime.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function findCallRecord(callId: string) {
  const response = await dynamodb.send(
    new GetItemCommand({ TableName: runtime.tableName, Key: { pk: { S: callKey(callId) } } }),
  );

  return response.Item;
}

describe('commands on the local runtime', () => {
  describe('webhook-url --local', () => {
    it("prints the runtime's URL with the secret from the data folder", async () => {
      const run = await runLocal(['webhook-url', '--local']);

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe(`${runtime.webhookUrl}\n`);
    });
  });

  describe('send-sample', () => {
    it('accepts --local, which is also the default target', async () => {
      const run = await runLocal(['send-sample', '--local', '--event', 'employee']);

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/employee\.forwarding_created: 2\d\d/);
    });

    it('rejects --local together with --url', async () => {
      const run = await runLocal(['send-sample', '--local', '--url', 'http://127.0.0.1:9/x']);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('Pass only one of --local, --url and --deployed.');
    });

    it('delivers both samples to the local runtime by default', async () => {
      const run = await runLocal(['send-sample']);

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/call\.completed call\.id=[0-9a-f-]{36}: 2\d\d/);
      expect(run.stdout).toMatch(/employee\.forwarding_created: 2\d\d/);
      expect(run.stdout + run.stderr).not.toContain(runtime.secret);
    });

    it('gets the call processed into the ledger', async () => {
      const run = await runLocal(['send-sample', '--event', 'call']);
      const callId = /call\.id=([0-9a-f-]{36})/.exec(run.stdout)?.[1] ?? 'missing';

      const item = await waitFor('the sample call completed in the ledger', async () => {
        const record = await findCallRecord(callId);

        return record?.status?.S === 'completed' ? record : undefined;
      });

      expect(item.status?.S).toBe('completed');
    });

    it('exits 1 on a non-2xx answer without printing the secret', async () => {
      const wrongUrl = runtime.webhookUrl.replace(/secret=[^&]*/, 'secret=wrong-secret-value');

      const run = await runLocal(['send-sample', '--url', wrongUrl, '--event', 'employee']);

      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/: 4\d\d /);
      expect(run.stdout + run.stderr).not.toContain('wrong-secret-value');
      expect(run.stderr).toContain('1 of 1 sample requests failed');
    });
  });

  describe('replay --local', () => {
    it('queues a processed sample call again', async () => {
      const sent = await runLocal(['send-sample', '--event', 'call']);
      const callId = /call\.id=([0-9a-f-]{36})/.exec(sent.stdout)?.[1] ?? 'missing';
      await waitFor('the sample call', () => findCallRecord(callId));

      const run = await runLocal(['replay', '--local', '--call-id', callId]);

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('Queued 1 of 1 calls for replay');
    });
  });

  describe('redrive --local', () => {
    it('says DLQ empty when nothing failed', async () => {
      const run = await runLocal(['redrive', '--local']);

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('DLQ empty');
    });
  });
});

describe('findLocalTarget', () => {
  describe('ports not fixed', () => {
    it('finds the runtime through its endpoints file when only DATA_DIR is given', async () => {
      const run = await runCommand(['redrive', '--local'], {
        findLocalTarget: () => findLocalTarget({ DATA_DIR: dataDir, PORT: env.PORT }),
      });

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('DLQ empty');
    });

    it('says no runtime is running when the data folder has no endpoints file', async () => {
      const emptyDir = await mkdtemp(join(tmpdir(), 'cli-no-runtime-'));

      const run = await runCommand(['redrive', '--local'], {
        findLocalTarget: () =>
          findLocalTarget({ DATA_DIR: emptyDir, WEBHOOK_SECRET: 'local-secret' }),
      });

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('No local runtime is running with data folder');
      await rm(emptyDir, { recursive: true, force: true });
    });
  });

  describe('no secret', () => {
    it('tells to start the runtime once', async () => {
      const emptyDir = await mkdtemp(join(tmpdir(), 'cli-empty-'));

      const run = await runCommand(['webhook-url', '--local'], {
        findLocalTarget: () => findLocalTarget({ DATA_DIR: emptyDir }),
      });

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('No local webhook secret');
      await rm(emptyDir, { recursive: true, force: true });
    });
  });

  describe('runtime stopped', () => {
    it('says the local SQS is not reachable', async () => {
      const stoppedEnv = { ...env, SQS_PORT: String(await freePort()) };

      const run = await runCommand(['redrive', '--local'], {
        findLocalTarget: () => findLocalTarget(stoppedEnv),
      });

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('Local SQS is not reachable');
    });
  });
});
