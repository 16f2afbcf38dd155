import {
  GetQueueAttributesCommand,
  SendMessageCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { LocalTarget } from '../../cli/local/local-target';
import type { QueueUrls } from '../../local/resources';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { runCommand } from './support/cli-harness';
import { mockStack } from './support/stack-mocks';

const stack = mockStack();
let aws: LocalAws;

beforeAll(async () => {
  aws = await startLocalAws();
});
afterEach(() => stack.reset());
afterAll(async () => {
  stack.restore();
  await aws.stop();
});

async function givenDeadLetters(queues: QueueUrls, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await aws.sqs.send(
      new SendMessageCommand({
        QueueUrl: queues.deadLetterQueueUrl,
        MessageBody: `{"n":${index}}`,
      }),
    );
  }
}

async function countMessages(sqs: SQSClient, queueUrl: string): Promise<number> {
  const response = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages'],
    }),
  );

  return Number(response.Attributes?.ApproximateNumberOfMessages);
}

async function queueArn(queueUrl: string): Promise<string> {
  const response = await aws.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );

  return response.Attributes?.QueueArn ?? '';
}

async function givenDeployedQueues(): Promise<QueueUrls> {
  const queues = await aws.createQueues();
  stack.givenStack('TalkPilotWebhooks', queues);

  return queues;
}

describe('redrive', () => {
  describe('deployed stack', () => {
    it('moves every DLQ message back to the calls queue', async () => {
      const queues = await givenDeployedQueues();
      await givenDeadLetters(queues, 3);

      const run = await runCommand(['redrive'], { sqs: aws.sqs });

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('Started moving about 3 messages');
      expect(run.stdout).toContain('COMPLETED, moved 3 of 3 messages');
      expect(await countMessages(aws.sqs, queues.queueUrl)).toBe(3);
      expect(await countMessages(aws.sqs, queues.deadLetterQueueUrl)).toBe(0);
    });

    it('says DLQ empty and starts no task when the DLQ has no messages', async () => {
      await givenDeployedQueues();

      const run = await runCommand(['redrive'], { sqs: aws.sqs });

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('DLQ empty: nothing to redrive');
      expect(run.stdout).not.toContain('Started');
    });

    it('rejects the request while a move task is running', async () => {
      const queues = await givenDeployedQueues();
      await givenDeadLetters(queues, 50);
      const sourceArn = await queueArn(queues.deadLetterQueueUrl);
      await aws.sqs.send(
        new StartMessageMoveTaskCommand({
          SourceArn: sourceArn,
          DestinationArn: await queueArn(queues.queueUrl),
        }),
      );

      const run = await runCommand(['redrive'], { sqs: aws.sqs });

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe(
        `A message move task is already running for ${sourceArn}. Wait for it to finish ` +
          '(check with redrive --status), then run redrive again.\n',
      );
    });

    it('lists the move tasks with --status and changes nothing', async () => {
      const queues = await givenDeployedQueues();
      await givenDeadLetters(queues, 2);

      const run = await runCommand(['redrive', '--status'], { sqs: aws.sqs });

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('DLQ holds about 2 messages.');
      expect(await countMessages(aws.sqs, queues.deadLetterQueueUrl)).toBe(2);
    });
  });

  describe('local runtime', () => {
    it('moves the messages of the local DLQ with --local', async () => {
      const queues = await aws.createQueues();
      await givenDeadLetters(queues, 2);
      const local = { ...queues, sqs: aws.sqs } as unknown as LocalTarget;

      const run = await runCommand(['redrive', '--local'], { findLocalTarget: async () => local });

      expect(run.exitCode).toBe(0);
      expect(await countMessages(aws.sqs, queues.queueUrl)).toBe(2);
      expect(stack.cloudFormation.calls()).toHaveLength(0);
    });
  });
});
