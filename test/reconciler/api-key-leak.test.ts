import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { readReconcilerConfig } from '../../functions/config/reconciler-config';
import { createLogger } from '../../functions/observability/logger';
import { SqsQueue } from '../../functions/queue/sqs-queue';
import {
  createApiKeySource,
  ReconcileApiKeyInvalidError,
} from '../../functions/reconciler/api-key-source';
import { createReconcilerHandler } from '../../functions/reconciler/create-reconciler-handler';
import { DEFAULT_RECONCILE_SETTINGS } from '../../functions/reconciler/reconcile-settings';
import { TalkPilotNetworkError } from '../../functions/talkpilot/talkpilot-errors';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { startTalkPilotStandIn } from '../support/talkpilot-stand-in';

// The part after the line break is what must never reach a log line or an error message.
const SECRET_PART = 'tp_live_SECRETSECRETSECRETSECRET00000000';
const BROKEN_KEY = `tp_live_aaaabbbbccccddddeeeeffff00001111\n${SECRET_PART}`;
const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:talkpilot';

/** Everything an error could show in a log: its string, message, stack and cause. */
function textsOf(error: unknown): string {
  const value = error as Error;

  return [String(value), value.message, value.stack, String(value.cause), JSON.stringify(value)]
    .filter(Boolean)
    .join('\n');
}

async function captureStdout(action: () => Promise<unknown>): Promise<string> {
  const chunks: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write };
  const grab = (chunk: unknown) => {
    chunks.push(String(chunk));

    return true;
  };
  process.stdout.write = grab as typeof process.stdout.write;
  process.stderr.write = grab as typeof process.stderr.write;
  try {
    await action();
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
  }

  return chunks.join('');
}

describe('API key with a character no header may carry', () => {
  describe('key from the environment', () => {
    it('rejects the key without quoting it', () => {
      const env = { QUEUE_URL: 'http://q', LEDGER_TABLE_NAME: 't', TALKPILOT_API_KEY: BROKEN_KEY };

      const read = () => readReconcilerConfig(env);

      expect(read).toThrow(/TALKPILOT_API_KEY contains a line break/);
      let caught: unknown;
      try {
        read();
      } catch (error) {
        caught = error;
      }
      expect(textsOf(caught)).not.toContain(SECRET_PART);
    });

    it('rejects a static key without quoting it', async () => {
      const source = createApiKeySource({ kind: 'static', apiKey: BROKEN_KEY });

      const error = await source().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ReconcileApiKeyInvalidError);
      expect((error as Error).cause).toBeUndefined();
      expect(textsOf(error)).not.toContain(SECRET_PART);
    });
  });

  describe('key from Secrets Manager', () => {
    const secretsManager = mockClient(SecretsManagerClient);

    afterAll(() => {
      secretsManager.restore();
    });

    it('rejects the secret without quoting it', async () => {
      secretsManager.on(GetSecretValueCommand).resolves({ SecretString: BROKEN_KEY });
      const source = createApiKeySource(
        { kind: 'secrets-manager', secretArn: SECRET_ARN },
        { client: new SecretsManagerClient({ region: 'eu-central-1' }) },
      );

      const error = await source().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ReconcileApiKeyInvalidError);
      expect(textsOf(error)).not.toContain(SECRET_PART);
    });
  });

  describe('key that reaches fetch anyway', () => {
    let aws: LocalAws;

    beforeAll(async () => {
      aws = await startLocalAws();
    });

    afterAll(async () => {
      await aws.stop();
    });

    it('keeps the key out of logs and errors', async () => {
      const standIn = await startTalkPilotStandIn();
      const { queueUrl } = await aws.createQueues();
      const handler = createReconcilerHandler({
        talkpilot: {
          baseUrl: standIn.baseUrl,
          rateLimits: { perMinute: 60, perHour: 1000 },
          requestTimeoutMs: 1000,
          maxRetries: 0,
        },
        apiKey: async () => BROKEN_KEY,
        settings: DEFAULT_RECONCILE_SETTINGS,
        dynamodb: aws.dynamodb,
        tableName: await aws.createTable(),
        queue: new SqsQueue(aws.sqs, { queueUrl }),
        logger: createLogger('reconciler'),
        metrics: { addMetric: () => undefined } as never,
      });
      let error: unknown;

      const output = await captureStdout(() =>
        handler().catch((caught: unknown) => {
          error = caught;
        }),
      );
      await standIn.close();

      expect(output).toContain('reconcile agents unavailable');
      expect(output).not.toContain(SECRET_PART);
      expect(textsOf(error)).not.toContain(SECRET_PART);
      const cause = (error as Error).cause;
      expect(cause).toBeInstanceOf(TalkPilotNetworkError);
      expect((cause as Error).cause).toBeUndefined();
      expect((cause as TalkPilotNetworkError).causeName).toBe('TypeError');
    });
  });
});
