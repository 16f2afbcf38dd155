import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  QueueAttributeName,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { callAws } from '../aws/aws-errors';

/** Status values of an SQS message move task. */
export const MoveTaskStatus = {
  running: 'RUNNING',
  completed: 'COMPLETED',
  cancelling: 'CANCELLING',
  cancelled: 'CANCELLED',
  failed: 'FAILED',
} as const;

/** ARN and approximate message count of a queue. */
export interface QueueState {
  readonly arn: string;
  readonly approximateMessages: number;
}

/** Reads a queue's ARN and `ApproximateNumberOfMessages`. */
export async function readQueueState(sqs: SQSClient, queueUrl: string): Promise<QueueState> {
  const response = await callAws(() =>
    sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: [
          QueueAttributeName.QueueArn,
          QueueAttributeName.ApproximateNumberOfMessages,
        ],
      }),
    ),
  );
  const attributes = response.Attributes ?? {};

  return {
    arn: attributes.QueueArn ?? '',
    approximateMessages: Number(attributes.ApproximateNumberOfMessages ?? '0'),
  };
}

/** Lists the recent move tasks of `sourceArn`, newest first. */
export async function listMoveTasks(
  sqs: SQSClient,
  sourceArn: string,
): Promise<readonly ListMessageMoveTasksResultEntry[]> {
  const response = await callAws(() =>
    sqs.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 10 })),
  );

  return response.Results ?? [];
}

/** Starts a move of every message of `sourceArn` to `destinationArn`; returns the task handle. */
export async function startMoveTask(
  sqs: SQSClient,
  sourceArn: string,
  destinationArn: string,
): Promise<string> {
  const response = await callAws(() =>
    sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: sourceArn, DestinationArn: destinationArn }),
    ),
  );

  return response.TaskHandle ?? '';
}

/** Formats a task as "STATUS, moved N of M messages". */
export function describeMoveTask(task: ListMessageMoveTasksResultEntry): string {
  const moved = task.ApproximateNumberOfMessagesMoved ?? 0;
  const total = task.ApproximateNumberOfMessagesToMove;
  const progress =
    total === undefined ? `moved ${moved} messages` : `moved ${moved} of ${total} messages`;
  const reason = task.FailureReason === undefined ? '' : ` (${task.FailureReason})`;

  return `${task.Status ?? 'UNKNOWN'}, ${progress}${reason}`;
}
