import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { ConfirmPort } from '../../cli/confirm-port';
import sample from '../../cli/samples/call-completed.json';
import { parseQueuedPayload } from '../../functions/schemas/parse-queued-payload';
import type { QueueUrls } from '../../local/resources';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { runCommand } from './support/cli-harness';
import { mockStack } from './support/stack-mocks';
import { givenStoredCall } from './support/stored-calls';

const stack = mockStack();
let aws: LocalAws;
let tableName: string;
let queues: QueueUrls;

beforeAll(async () => {
  aws = await startLocalAws();
});
beforeEach(async () => {
  tableName = await aws.createTable();
  queues = await aws.createQueues();
  stack.givenStack('TalkPilotWebhooks', { ...queues, tableName });
});
afterEach(() => stack.reset());
afterAll(async () => {
  stack.restore();
  await aws.stop();
});

function givenProcessedCall(receivedAt: string): Promise<string> {
  return givenStoredCall({ dynamodb: aws.dynamodb, tableName }, receivedAt);
}

async function receiveAll() {
  const response = await aws.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queues.queueUrl,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
    }),
  );

  return response.Messages ?? [];
}

function attribute(
  message: { MessageAttributes?: Record<string, { StringValue?: string }> },
  name: string,
) {
  return message.MessageAttributes?.[name]?.StringValue;
}

describe('replay', () => {
  describe('one call id', () => {
    it('queues the stored call with source replay', async () => {
      const callId = await givenProcessedCall('2026-03-22T10:30:00.000Z');

      const run = await runCommand(['replay', '--call-id', callId], {
        sqs: aws.sqs,
        dynamodb: aws.dynamodb,
      });

      expect(run.exitCode).toBe(0);
      const [message] = await receiveAll();
      expect(attribute(message ?? {}, 'source')).toBe('replay');
      expect(attribute(message ?? {}, 'call_id')).toBe(callId);
      expect(attribute(message ?? {}, 'request_id')).toMatch(/^replay-/);
    });

    it('queues a body that the consumer parses as call.completed', async () => {
      const callId = await givenProcessedCall('2026-03-22T10:30:00.000Z');

      await runCommand(['replay', '--call-id', callId], { sqs: aws.sqs, dynamodb: aws.dynamodb });

      const [message] = await receiveAll();
      const parsed = parseQueuedPayload(message?.Body ?? '');
      expect(parsed.kind).toBe('call_completed');
      const body = JSON.parse(message?.Body ?? '{}');
      expect(body.call.id).toBe(callId);
      expect(body.call.customer_request).toBe(sample.call.customer_request);
      expect(body.call).not.toHaveProperty('received_at');
      expect(body.call).not.toHaveProperty('source');
    });

    it('rejects an id that the ledger does not have', async () => {
      const run = await runCommand(['replay', '--call-id', 'unknown-call'], {
        sqs: aws.sqs,
        dynamodb: aws.dynamodb,
      });

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(`Call unknown-call is not in ledger table ${tableName}`);
      expect(await receiveAll()).toHaveLength(0);
    });
  });

  describe('time range', () => {
    it('queues only the calls received within the range', async () => {
      const inside = await givenProcessedCall('2026-03-22T10:00:00.000Z');
      await givenProcessedCall('2026-03-21T10:00:00.000Z');
      await givenProcessedCall('2026-03-23T10:00:00.000Z');

      const run = await runCommand(
        ['replay', '--from', '2026-03-22T00:00:00Z', '--to', '2026-03-22T23:59:59Z'],
        { sqs: aws.sqs, dynamodb: aws.dynamodb },
      );

      expect(run.exitCode).toBe(0);
      expect(run.stderr).toContain('found 1 calls');
      const messages = await receiveAll();
      expect(messages.map((message) => attribute(message, 'call_id'))).toEqual([inside]);
    });

    it('lists the calls and queues nothing with --dry-run', async () => {
      const callId = await givenProcessedCall('2026-03-22T10:00:00.000Z');

      const run = await runCommand(
        ['replay', '--from', '2026-03-22', '--to', '2026-03-23', '--dry-run'],
        { sqs: aws.sqs, dynamodb: aws.dynamodb },
      );

      expect(run.stdout).toContain(`Would replay call ${callId}`);
      expect(await receiveAll()).toHaveLength(0);
    });
  });

  describe('confirmation', () => {
    const range = ['--from', '2026-03-22', '--to', '2026-03-23', '--confirm-above', '1'];

    it('rejects a replay above the limit without a terminal or --yes', async () => {
      await givenProcessedCall('2026-03-22T10:00:00.000Z');
      await givenProcessedCall('2026-03-22T11:00:00.000Z');

      const run = await runCommand(['replay', ...range], { sqs: aws.sqs, dynamodb: aws.dynamodb });

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('Pass --yes to replay them');
      expect(await receiveAll()).toHaveLength(0);
    });

    it('replays above the limit with --yes', async () => {
      await givenProcessedCall('2026-03-22T10:00:00.000Z');
      await givenProcessedCall('2026-03-22T11:00:00.000Z');

      const run = await runCommand(['replay', ...range, '--yes'], {
        sqs: aws.sqs,
        dynamodb: aws.dynamodb,
      });

      expect(run.exitCode).toBe(0);
      expect(await receiveAll()).toHaveLength(2);
    });

    it.each([
      [true, 0, 2],
      [false, 1, 0],
    ])('asks on a terminal; answer %s exits %i and queues %i', async (answer, exitCode, queued) => {
      await givenProcessedCall('2026-03-22T10:00:00.000Z');
      await givenProcessedCall('2026-03-22T11:00:00.000Z');
      const questions: string[] = [];
      const confirm: ConfirmPort = {
        interactive: true,
        confirm: async (question) => {
          questions.push(question);

          return answer;
        },
      };

      const run = await runCommand(['replay', ...range], {
        sqs: aws.sqs,
        dynamodb: aws.dynamodb,
        confirm,
      });

      expect(questions).toEqual(['Replay 2 calls?']);
      expect(run.exitCode).toBe(exitCode);
      expect(await receiveAll()).toHaveLength(queued);
    });
  });

  describe('arguments', () => {
    it.each([
      [['replay'], 'Pass --call-id ID, or both --from and --to'],
      [['replay', '--call-id', 'a', '--from', '2026-03-22'], 'not both'],
      [['replay', '--from', 'yesterday', '--to', '2026-03-22'], '--from must be an ISO 8601'],
      [
        ['replay', '--from', 'March 22, 2026', '--to', '2026-03-23'],
        'such as 2026-03-22T10:00:00Z',
      ],
      [['replay', '--from', '2026-03-22', '--to', '22.03.2026'], '--to must be an ISO 8601'],
      [['replay', '--from', '2026-03-23', '--to', '2026-03-22'], 'is after --to'],
      [['replay', '--call-id', 'a', '--confirm-above', 'x'], '--confirm-above must be'],
      [['replay', '--unknown'], "Unknown option '--unknown'"],
    ])('rejects %j', async (argv, message) => {
      const run = await runCommand(argv);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(message);
    });
  });
});
