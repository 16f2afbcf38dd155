import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetQueueAttributesCommand,
  type QueueAttributeName,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { LoggerPort } from '../functions/observability/logger';

/** Log messages of `drainQueue`. */
export const QueueDrainLogMessage = {
  progress: 'draining queue',
  drained: 'queue drained',
  timedOut: 'queue drain timed out',
} as const;

/** Options of `drainQueue`. */
export interface QueueDrainOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly logger: LoggerPort;
  /** Maximum wait in milliseconds; 0 checks the queue once and does not wait. */
  readonly timeoutMs: number;
  /** Pause between two checks; default 100 ms. */
  readonly intervalMs?: number;
  /** Pause between two progress lines; default 1000 ms. */
  readonly progressIntervalMs?: number;
}

/** Messages of a queue by state, as SQS approximates them. */
export interface QueueCounts {
  readonly visible: number;
  /** Received and not yet deleted, or delayed. */
  readonly inFlight: number;
}

/**
 * Waits until the queue contains no visible, in-flight or delayed message, so pollers that still
 * run can finish its work before the servers close. Logs `draining queue` with the counts at
 * the start and about once a second, and a warning with the messages left when `timeoutMs`
 * runs out. Resolves to the number of messages left; a failed count is logged and counts as 0.
 */
export async function drainQueue(options: QueueDrainOptions): Promise<number> {
  const deadline = Date.now() + options.timeoutMs;
  const progressIntervalMs = options.progressIntervalMs ?? 1000;
  let nextProgressAt = 0;
  for (;;) {
    const counts = await readCounts(options);
    const left = counts === undefined ? 0 : counts.visible + counts.inFlight;
    if (left === 0) {
      if (nextProgressAt > 0) {
        options.logger.info(QueueDrainLogMessage.drained, { queue_url: options.queueUrl });
      }

      return 0;
    }
    if (Date.now() >= deadline) {
      options.logger.warn(QueueDrainLogMessage.timedOut, {
        queue_url: options.queueUrl,
        messages_dropped: left,
        timeout_seconds: options.timeoutMs / 1000,
      });

      return left;
    }
    if (Date.now() >= nextProgressAt) {
      options.logger.info(QueueDrainLogMessage.progress, {
        queue_url: options.queueUrl,
        messages_visible: counts?.visible,
        messages_in_flight: counts?.inFlight,
      });
      nextProgressAt = Date.now() + progressIntervalMs;
    }
    await sleep(Math.min(options.intervalMs ?? 100, Math.max(0, deadline - Date.now())));
  }
}

/** Reads the queue's message counts. Throws the SDK error when the request fails. */
export async function readQueueCounts(
  sqs: SQSClient,
  queueUrl: string,
): Promise<QueueCounts | undefined> {
  // local-aws-sqs returns only the attributes requested by name, not those of `All`.
  const output = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  const count = (name: QueueAttributeName) => Number(output.Attributes?.[name] ?? 0) || 0;

  return {
    visible: count('ApproximateNumberOfMessages'),
    inFlight:
      count('ApproximateNumberOfMessagesNotVisible') + count('ApproximateNumberOfMessagesDelayed'),
  };
}

async function readCounts(options: QueueDrainOptions): Promise<QueueCounts | undefined> {
  try {
    return await readQueueCounts(options.sqs, options.queueUrl);
  } catch (error) {
    options.logger.error('queue count failed', { queue_url: options.queueUrl, error });

    return undefined;
  }
}
