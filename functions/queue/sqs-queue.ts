import {
  type BatchResultErrorEntry,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SendMessageBatchResultEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { LoggerPort } from '../observability/logger';
import type { QueueMessage, QueuePort, SendMessagesResult } from './queue-message';
import { splitIntoBatches } from './sqs-batches';
import { toMessageAttributes } from './sqs-message-attributes';
import { escapeSqsInvalidCharacters } from './sqs-message-body';
import {
  describeSendError,
  isRetryableEntryFailure,
  isRetryableSendError,
} from './sqs-send-errors';

export { readMessageMetadata } from './sqs-message-attributes';
export { measureMessageBytes } from './sqs-message-size';

/** Log messages of `SqsQueue`. */
export const SqsQueueLogMessage = {
  requestFailed: 'queue send request failed',
  entryFailed: 'queue send entry failed',
  retrying: 'queue send retrying',
} as const;

/** Options of `SqsQueue`; every time is in milliseconds. */
export interface SqsQueueOptions {
  readonly queueUrl: string;
  /** Time allowed for one batch, retries and backoff included. Default 2500. */
  readonly batchDeadlineMs?: number;
  /** Requests per batch, the first included. Default 3. */
  readonly maxAttempts?: number;
  /** Backoff before the first retry; it doubles for each further retry. Default 100. */
  readonly baseBackoffMs?: number;
  /** Largest summed size of one batch as SQS counts it. Default 1048576, SQS's maximum. */
  readonly maxBatchBytes?: number;
  /** Receives one warning per failed request or entry, with error names and codes only. */
  readonly logger?: Pick<LoggerPort, 'warn'>;
}

interface AttemptOutcome {
  readonly retryable: SendMessageBatchRequestEntry[];
  readonly failedIds: string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends messages to an SQS queue with SendMessageBatch. Bodies are sent as given except that
 * characters SQS rejects become JSON escapes; metadata travels as String message attributes.
 * Failed entries, throttles and network errors are retried with exponential backoff until the
 * attempts or the batch deadline run out. Never throws: unsent messages come back in
 * `failedIndexes`.
 */
export class SqsQueue implements QueuePort {
  private readonly batchDeadlineMs: number;
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly maxBatchBytes: number;

  constructor(
    private readonly client: Pick<SQSClient, 'send'>,
    private readonly options: SqsQueueOptions,
  ) {
    this.batchDeadlineMs = options.batchDeadlineMs ?? 2500;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.baseBackoffMs = options.baseBackoffMs ?? 100;
    this.maxBatchBytes = options.maxBatchBytes ?? 1_048_576;
  }

  /** Sends the messages in batches of at most 10 and returns the indexes that were not sent. */
  async sendMessages(messages: readonly QueueMessage[]): Promise<SendMessagesResult> {
    const entries = messages.map((message, index) => ({
      Id: String(index),
      MessageBody: escapeSqsInvalidCharacters(message.body),
      MessageAttributes: toMessageAttributes(message.metadata),
    }));
    const failedIndexes: number[] = [];
    for (const batch of splitIntoBatches(entries, this.maxBatchBytes)) {
      const failedIds = await this.sendBatch(batch);
      failedIndexes.push(...failedIds.map(Number));
    }

    return { failedIndexes: failedIndexes.sort((a, b) => a - b) };
  }

  private async sendBatch(batch: SendMessageBatchRequestEntry[]): Promise<string[]> {
    const deadline = Date.now() + this.batchDeadlineMs;
    const failedIds: string[] = [];
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const outcome = await this.attemptSend(pending, deadline);
      failedIds.push(...outcome.failedIds);
      pending = outcome.retryable;

      const backoffMs = this.baseBackoffMs * 2 ** (attempt - 1);
      const outOfTime = Date.now() + backoffMs >= deadline;
      if (pending.length > 0 && (attempt >= this.maxAttempts || outOfTime)) {
        failedIds.push(...pending.map((entry) => entry.Id ?? ''));

        break;
      }
      if (pending.length > 0) {
        this.options.logger?.warn(SqsQueueLogMessage.retrying, {
          attempt,
          entries: pending.length,
          backoff_ms: backoffMs,
        });
        await sleep(backoffMs);
      }
    }

    return failedIds;
  }

  private async attemptSend(
    pending: SendMessageBatchRequestEntry[],
    deadline: number,
  ): Promise<AttemptOutcome> {
    const command = new SendMessageBatchCommand({
      QueueUrl: this.options.queueUrl,
      Entries: pending,
    });
    try {
      const abortSignal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
      const output = await this.client.send(command, { abortSignal });

      return this.sortFailedEntries(pending, output.Successful ?? [], output.Failed ?? []);
    } catch (error) {
      const retryable = isRetryableSendError(error);
      this.options.logger?.warn(SqsQueueLogMessage.requestFailed, {
        ...describeSendError(error),
        retryable,
      });

      return retryable
        ? { retryable: pending, failedIds: [] }
        : { retryable: [], failedIds: pending.map((entry) => entry.Id ?? '') };
    }
  }

  private sortFailedEntries(
    pending: SendMessageBatchRequestEntry[],
    successful: readonly SendMessageBatchResultEntry[],
    failed: readonly BatchResultErrorEntry[],
  ): AttemptOutcome {
    const successfulIds = new Set(successful.map((entry) => entry.Id));
    const outcome: AttemptOutcome = { retryable: [], failedIds: [] };
    for (const entry of pending) {
      if (successfulIds.has(entry.Id)) {
        continue;
      }
      const failure = failed.find((candidate) => candidate.Id === entry.Id);
      const retryable = failure === undefined || isRetryableEntryFailure(failure);
      this.options.logger?.warn(SqsQueueLogMessage.entryFailed, {
        error_code: failure?.Code ?? 'missing from response',
        sender_fault: failure?.SenderFault ?? false,
        retryable,
      });
      if (retryable) {
        outcome.retryable.push(entry);
      } else {
        outcome.failedIds.push(entry.Id ?? '');
      }
    }

    return outcome;
  }
}
