import { randomUUID } from 'node:crypto';
import { type AddressInfo, connect, createServer } from 'node:net';
import {
  QueueDoesNotExist,
  ReceiveMessageCommand,
  type SendMessageBatchCommand,
  type SendMessageBatchCommandOutput,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueMessage } from '../../functions/queue/queue-message';
import { readMessageMetadata, SqsQueue } from '../../functions/queue/sqs-queue';
import { localClientConfig } from '../../local/resources';
import { type LocalAws, startLocalAws } from '../support/local-aws';

function buildMessage(
  body: string,
  overrides: Partial<QueueMessage['metadata']> = {},
): QueueMessage {
  return {
    body,
    metadata: {
      source: 'reconcile',
      receivedAt: '2026-03-22T10:31:00.000Z',
      requestId: randomUUID(),
      event: 'call.completed',
      callId: randomUUID(),
      ...overrides,
    },
  };
}

type SendResult = Partial<SendMessageBatchCommandOutput> | Error;

/** A client fake that returns the given results in turn and records the entries of each call. */
function createScriptedClient(results: SendResult[]) {
  const calls: string[][] = [];
  const client = {
    send: async (command: SendMessageBatchCommand) => {
      const entries = command.input.Entries ?? [];
      calls.push(entries.map((entry) => entry.Id ?? ''));
      const result = results.shift() ?? { Successful: entries.map(({ Id }) => ({ Id })) };
      if (result instanceof Error) {
        throw result;
      }

      return result;
    },
  } as unknown as Pick<SQSClient, 'send'>;

  return { client, calls };
}

/** A TCP proxy to `target` that resets its first connection, as a server closing a socket does. */
async function startResettingProxy(target: string) {
  const { hostname, port } = new URL(target);
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    if (connections === 1) {
      socket.once('data', () => socket.resetAndDestroy());

      return;
    }
    const upstream = connect(Number(port), hostname);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: proxyPort } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${proxyPort}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('SqsQueue', () => {
  let aws: LocalAws;

  beforeAll(async () => {
    aws = await startLocalAws();
  });

  afterAll(async () => {
    await aws.stop();
  });

  async function receiveAll(queueUrl: string) {
    const output = await aws.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      }),
    );

    return output.Messages ?? [];
  }

  describe('local SQS', () => {
    it('sends the body unchanged with metadata that reads back', async () => {
      const { queueUrl } = await aws.createQueues();
      const message = buildMessage('{"event":"call.completed","call":{"id":"c-1"}}');

      const result = await new SqsQueue(aws.sqs, { queueUrl }).sendMessages([message]);

      expect(result.failedIndexes).toEqual([]);
      const [received] = await receiveAll(queueUrl);
      expect(received?.Body).toBe(message.body);
      const messageAttributes = Object.fromEntries(
        Object.entries(received?.MessageAttributes ?? {}).map(([name, value]) => [
          name,
          { dataType: value.DataType ?? '', stringValue: value.StringValue },
        ]),
      );
      expect(readMessageMetadata({ messageAttributes })).toEqual(message.metadata);
    });

    it('sends 25 messages in batches of at most 10', async () => {
      const { queueUrl } = await aws.createQueues();
      const messages = Array.from({ length: 25 }, (_, index) => buildMessage(`{"n":${index}}`));

      const result = await new SqsQueue(aws.sqs, { queueUrl }).sendMessages(messages);

      expect(result.failedIndexes).toEqual([]);
      let received = 0;
      for (let page = 0; page < 3; page += 1) {
        received += (await receiveAll(queueUrl)).length;
      }
      expect(received).toBe(25);
    });

    it('escapes characters SQS rejects so the JSON value stays the same', async () => {
      const { queueUrl } = await aws.createQueues();
      const value = { event: 'note', text: 'a\uFFFEb\uFFFF', lone: '\uD800' };
      const body = JSON.stringify(value).replace('\\ud800', '\uD800');

      await new SqsQueue(aws.sqs, { queueUrl }).sendMessages([buildMessage(body)]);

      const [received] = await receiveAll(queueUrl);
      expect(received?.Body).toBe('{"event":"note","text":"a\\ufffeb\\uffff","lone":"\\ud800"}');
      expect(JSON.parse(received?.Body ?? '')).toEqual(value);
    });

    it('omits empty event and call id attributes', async () => {
      const { queueUrl } = await aws.createQueues();
      const message = buildMessage('{}', { event: '', callId: undefined });

      const result = await new SqsQueue(aws.sqs, { queueUrl }).sendMessages([message]);

      expect(result.failedIndexes).toEqual([]);
      const [received] = await receiveAll(queueUrl);
      expect(Object.keys(received?.MessageAttributes ?? {}).sort()).toEqual([
        'received_at',
        'request_id',
        'source',
      ]);
    });
  });

  describe('retries', () => {
    const options = { queueUrl: 'http://127.0.0.1/q', baseBackoffMs: 1 };

    it('sends again only the entries that failed on the server side', async () => {
      const { client, calls } = createScriptedClient([
        {
          Successful: [{ Id: '0', MessageId: 'm', MD5OfMessageBody: '' }],
          Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }],
        },
      ]);

      const result = await new SqsQueue(client, options).sendMessages([
        buildMessage('{}'),
        buildMessage('{}'),
      ]);

      expect(result.failedIndexes).toEqual([]);
      expect(calls).toEqual([['0', '1'], ['1']]);
    });

    it('does not send again an entry rejected as the sender fault', async () => {
      const { client, calls } = createScriptedClient([
        {
          Successful: [],
          Failed: [{ Id: '0', Code: 'InvalidMessageContents', SenderFault: true }],
        },
      ]);

      const result = await new SqsQueue(client, options).sendMessages([buildMessage('{}')]);

      expect(result.failedIndexes).toEqual([0]);
      expect(calls).toHaveLength(1);
    });

    it('returns every index after the attempts run out', async () => {
      const networkError = Object.assign(new Error('connect ECONNREFUSED'), {
        code: 'ECONNREFUSED',
      });
      const { client, calls } = createScriptedClient([networkError, networkError, networkError]);

      const result = await new SqsQueue(client, options).sendMessages([
        buildMessage('{}'),
        buildMessage('{}'),
      ]);

      expect(result.failedIndexes).toEqual([0, 1]);
      expect(calls).toHaveLength(3);
    });

    it('sends again when local SQS resets the connection', async () => {
      const { queueUrl } = await aws.createQueues();
      const proxy = await startResettingProxy(new URL(queueUrl).origin);
      const client = new SQSClient(localClientConfig(proxy.endpoint));
      const logger = { warn: jest.fn() };

      const result = await new SqsQueue(client, {
        queueUrl,
        baseBackoffMs: 1,
        logger,
      }).sendMessages([buildMessage('{"event":"call.completed"}')]);

      client.destroy();
      await proxy.close();
      expect(result.failedIndexes).toEqual([]);
      expect(logger.warn).toHaveBeenCalledWith(
        'queue send request failed',
        expect.objectContaining({ retryable: true }),
      );
      expect(await receiveAll(queueUrl)).toHaveLength(1);
    });

    it('does not retry when the queue does not exist', async () => {
      const missing = new QueueDoesNotExist({
        message: 'no queue',
        $metadata: { httpStatusCode: 400 },
      });
      const { client, calls } = createScriptedClient([missing]);

      const result = await new SqsQueue(client, options).sendMessages([buildMessage('{}')]);

      expect(result.failedIndexes).toEqual([0]);
      expect(calls).toHaveLength(1);
    });

    it('stops retrying when the next backoff would pass the deadline', async () => {
      const networkError = new Error('socket hang up');
      const { client, calls } = createScriptedClient([networkError, networkError]);
      const queue = new SqsQueue(client, {
        ...options,
        baseBackoffMs: 5000,
        batchDeadlineMs: 1000,
      });

      const result = await queue.sendMessages([buildMessage('{}')]);

      expect(result.failedIndexes).toEqual([0]);
      expect(calls).toHaveLength(1);
    });
  });
});
