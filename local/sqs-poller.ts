import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { LoggerPort } from '../functions/observability/logger';
import { toSqsRecord } from './sqs-record';

/** A Lambda handler for SQS events that may report partial batch failures. */
export type SqsBatchHandler = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

/** Options of `startSqsPoller`. */
export interface SqsPollerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly handler: SqsBatchHandler;
  readonly logger: LoggerPort;
  /** Pollers that receive and handle batches in parallel; default 2. */
  readonly concurrency?: number;
  /** Messages per batch, 1 to 10; default 10. */
  readonly batchSize?: number;
  /** Pause after an empty receive; default 200 ms. */
  readonly idleDelayMs?: number;
  /** Pause after a failed receive; default 1000 ms. */
  readonly errorDelayMs?: number;
}

/** A running poller. */
export interface SqsPoller {
  /** Stops receiving, waits for the batches in flight to finish and resolves. */
  stop(): Promise<void>;
}

/**
 * Starts pollers that feed a queue to a handler the way Lambda's SQS event source mapping
 * does with `ReportBatchItemFailures`. Successful messages are deleted; the ones listed in
 * `batchItemFailures` stay and become visible again after the visibility timeout. If the
 * handler throws, or lists an id that is not in the batch, the whole batch stays.
 */
export async function startSqsPoller(options: SqsPollerOptions): Promise<SqsPoller> {
  const queueArn = await readQueueArn(options.sqs, options.queueUrl);
  const stopController = new AbortController();
  const workers = Array.from({ length: options.concurrency ?? 2 }, () =>
    pollUntilStopped(options, queueArn, stopController.signal),
  );

  return {
    async stop() {
      stopController.abort();
      await Promise.all(workers);
    },
  };
}

async function pollUntilStopped(
  options: SqsPollerOptions,
  queueArn: string,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    const messages = await receiveBatch(options);
    if (messages === undefined) {
      await pause(options.errorDelayMs ?? 1000, signal);
    } else if (messages.length === 0) {
      await pause(options.idleDelayMs ?? 200, signal);
    } else {
      await handleBatch(options, queueArn, messages);
    }
  }
}

/** Receives one batch with a short poll; returns undefined when the receive failed. */
async function receiveBatch(options: SqsPollerOptions): Promise<Message[] | undefined> {
  // A short poll, because local-aws-sqs keeps a long poll open for its full wait time.
  const command = new ReceiveMessageCommand({
    QueueUrl: options.queueUrl,
    MaxNumberOfMessages: options.batchSize ?? 10,
    AttributeNames: ['All'],
    MessageAttributeNames: ['All'],
    WaitTimeSeconds: 0,
  });
  try {
    const output = await options.sqs.send(command);

    return output.Messages ?? [];
  } catch (error) {
    options.logger.error('sqs receive failed', { queue_url: options.queueUrl, error });

    return undefined;
  }
}

async function handleBatch(
  options: SqsPollerOptions,
  queueArn: string,
  messages: readonly Message[],
): Promise<void> {
  const records = messages.map((message) => toSqsRecord(message, queueArn));
  const failedIds = await invokeHandler(options, { Records: records });
  if (failedIds === undefined) {
    return;
  }

  const succeeded = records.filter((record) => !failedIds.has(record.messageId));
  await deleteMessages(options, succeeded);
}

/** Returns the ids the handler reported as failed, or undefined when the whole batch failed. */
async function invokeHandler(
  options: SqsPollerOptions,
  event: SQSEvent,
): Promise<Set<string> | undefined> {
  const batchIds = new Set(event.Records.map((record) => record.messageId));
  try {
    const response = await options.handler(event);
    const failedIds = new Set(
      (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier),
    );
    if ([...failedIds].some((id) => !batchIds.has(id))) {
      options.logger.error('sqs handler reported an unknown message id', {
        message_count: batchIds.size,
      });

      return undefined;
    }

    return failedIds;
  } catch (error) {
    options.logger.error('sqs handler failed', { message_count: batchIds.size, error });

    return undefined;
  }
}

async function deleteMessages(
  options: SqsPollerOptions,
  records: readonly { messageId: string; receiptHandle: string }[],
): Promise<void> {
  if (records.length === 0) {
    return;
  }

  const entries = records.map((record, index) => ({
    Id: String(index),
    ReceiptHandle: record.receiptHandle,
  }));
  try {
    const output = await options.sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: entries }),
    );
    for (const failure of output.Failed ?? []) {
      const record = records[Number(failure.Id)];
      options.logger.error('sqs delete failed', {
        message_id: record?.messageId,
        reason: failure.Code,
      });
    }
  } catch (error) {
    options.logger.error('sqs delete failed', { message_count: records.length, error });
  }
}

async function readQueueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const output = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );

  return output.Attributes?.QueueArn ?? '';
}

async function pause(delayMs: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(delayMs, undefined, { signal });
  } catch {
    // Aborted by stop(); the loop condition ends the poller.
  }
}
