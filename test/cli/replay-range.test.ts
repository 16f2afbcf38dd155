import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { CliUsageError } from '../../cli/cli-errors';
import { parseReplayTime } from '../../cli/replay/replay-selection';
import type { QueueUrls } from '../../local/resources';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { runCommand } from './support/cli-harness';
import { mockStack } from './support/stack-mocks';
import { givenStoredCall, StoredCallState } from './support/stored-calls';

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

async function queuedCallIds(): Promise<string[]> {
  const response = await aws.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queues.queueUrl,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
    }),
  );

  return (response.Messages ?? []).map(
    (message) => message.MessageAttributes?.call_id?.StringValue ?? '',
  );
}

function ledger() {
  return { dynamodb: aws.dynamodb, tableName };
}

function replay(argv: readonly string[]) {
  return runCommand(['replay', ...argv], { sqs: aws.sqs, dynamodb: aws.dynamodb });
}

describe('replay range', () => {
  describe('end of the range', () => {
    it('includes a call received within the last second of --to', async () => {
      const lastSecond = await givenStoredCall(ledger(), '2026-03-22T23:59:59.500Z');
      await givenStoredCall(ledger(), '2026-03-23T00:00:00.000Z');

      const run = await replay(['--from', '2026-03-22', '--to', '2026-03-22T23:59:59Z']);

      expect(run.exitCode).toBe(0);
      expect(await queuedCallIds()).toEqual([lastSecond]);
    });

    it('reads a time without a zone as UTC', async () => {
      const inside = await givenStoredCall(ledger(), '2026-03-22T10:30:00.000Z');
      await givenStoredCall(ledger(), '2026-03-22T11:30:00.000Z');

      const run = await replay(['--from', '2026-03-22T10:00:00', '--to', '2026-03-22T11:00:00']);

      expect(run.exitCode).toBe(0);
      expect(await queuedCallIds()).toEqual([inside]);
    });
  });

  describe('calls in progress', () => {
    it('skips and counts a call in progress', async () => {
      const done = await givenStoredCall(ledger(), '2026-03-22T10:00:00.000Z');
      const inProgressCall = await givenStoredCall(
        ledger(),
        '2026-03-22T11:00:00.000Z',
        StoredCallState.inProgress,
      );

      const run = await replay(['--from', '2026-03-22', '--to', '2026-03-23']);

      expect(run.exitCode).toBe(0);
      expect(run.stderr).toContain(
        `Call ${inProgressCall} is still being processed; replay it after it completes`,
      );
      expect(run.stdout).toContain('Queued 1 of 1 calls for replay');
      expect(run.stdout).toContain('skipped 1 still being processed');
      expect(await queuedCallIds()).toEqual([done]);
    });

    it('queues nothing when the only given call is in progress', async () => {
      const inProgressCall = await givenStoredCall(
        ledger(),
        '2026-03-22T11:00:00.000Z',
        StoredCallState.inProgress,
      );

      const run = await replay(['--call-id', inProgressCall]);

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('No stored calls to replay; skipped 1 still being processed');
      expect(await queuedCallIds()).toEqual([]);
    });

    it('replays a call in progress with --include-in-progress', async () => {
      const inProgressCall = await givenStoredCall(
        ledger(),
        '2026-03-22T11:00:00.000Z',
        StoredCallState.inProgress,
      );

      const run = await replay(['--call-id', inProgressCall, '--include-in-progress']);

      expect(run.exitCode).toBe(0);
      expect(await queuedCallIds()).toEqual([inProgressCall]);
    });
  });
});

describe('parseReplayTime', () => {
  describe('accepted forms', () => {
    it.each([
      ['from', '2026-03-22', '2026-03-22T00:00:00.000Z'],
      ['to', '2026-03-22', '2026-03-22T23:59:59.999Z'],
      ['to', '2026-03-22T23:59:59Z', '2026-03-22T23:59:59.999Z'],
      ['to', '2026-03-22T23:59:59.250Z', '2026-03-22T23:59:59.250Z'],
      ['from', '2026-03-22T12:00:00+02:00', '2026-03-22T10:00:00.000Z'],
      ['from', '2026-03-22T12:00', '2026-03-22T12:00:00.000Z'],
    ] as const)('reads --%s %s as %s', (end, text, expected) => {
      expect(parseReplayTime(end, text)).toBe(expected);
    });

    it('reads UTC times back unchanged', () => {
      const times = fc.date({ min: new Date('2000-01-01Z'), max: new Date('2099-12-31Z') });
      fc.assert(
        fc.property(times, (time) => {
          const text = time.toISOString().replace(/\.\d{3}Z$/, 'Z');
          const start = Math.floor(time.getTime() / 1000) * 1000;

          return (
            parseReplayTime('from', text) === new Date(start).toISOString() &&
            parseReplayTime('to', text) === new Date(start + 999).toISOString()
          );
        }),
      );
    });
  });

  describe('rejected forms', () => {
    it.each(['March 22, 2026', '22.03.2026', '2026-02-30', 'now', '1711065600'])(
      'rejects %s',
      (text) => {
        expect(() => parseReplayTime('from', text)).toThrow(CliUsageError);
      },
    );
  });
});
