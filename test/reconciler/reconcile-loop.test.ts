import type { LoggerPort } from '../../functions/observability/logger';
import type { QueueMessage } from '../../functions/queue/queue-message';
import { ReconcilerLogMessage } from '../../functions/reconciler/reconciler-log';
import { startReconcileLoop } from '../../local/reconcile-loop';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { recordFakeLogLine } from '../support/log-capture-sink';
import { createFakeTime } from '../support/talkpilot-fake-time';
import { startTalkPilotStandIn } from '../support/talkpilot-stand-in';

function captureLogger(messages: string[]): LoggerPort {
  const push = (message: string, ...fields: unknown[]) => {
    messages.push(message);
    recordFakeLogLine('any', message, ...fields);
  };

  return { debug: push, info: push, warn: push, error: push } as unknown as LoggerPort;
}

describe('startReconcileLoop', () => {
  let aws: LocalAws;

  beforeAll(async () => {
    aws = await startLocalAws();
  });

  afterAll(async () => {
    await aws.stop();
  });

  describe('without TalkPilot settings', () => {
    it('logs once that reconciliation is off', async () => {
      const messages: string[] = [];

      const stop = startReconcileLoop({
        env: {},
        queue: { sendMessages: async () => ({ failedIndexes: [] }) },
        dynamodb: aws.dynamodb,
        tableName: 'unused',
        logger: captureLogger(messages),
      });
      await stop();

      expect(messages).toEqual([ReconcilerLogMessage.notConfigured]);
    });
  });

  describe('with a base URL and key', () => {
    it('runs a reconcile at start', async () => {
      const time = createFakeTime(Date.now());
      const standIn = await startTalkPilotStandIn({ now: time.now });
      const agent = standIn.addAgent();
      const call = standIn.addCall(agent.id, {
        created_at: new Date(time.now() - 2 * 60 * 60_000).toISOString(),
      });
      const sent: QueueMessage[] = [];
      const messages: string[] = [];

      const stop = startReconcileLoop({
        env: { TALKPILOT_BASE_URL: standIn.baseUrl, TALKPILOT_API_KEY: standIn.apiKey },
        queue: {
          sendMessages: async (batch) => {
            sent.push(...batch);

            return { failedIndexes: [] };
          },
        },
        dynamodb: aws.dynamodb,
        tableName: await aws.createTable(),
        logger: captureLogger(messages),
        time,
      });
      await stop();
      await standIn.close();

      expect(sent.map((message) => message.metadata.callId)).toEqual([call.id]);
      expect(messages).toContain(ReconcilerLogMessage.agentSummary);
    });
  });
});
