import type { ListMessageMoveTasksResultEntry } from '@aws-sdk/client-sqs';
import type { CliContext } from '../cli-context';
import { CliError, CliMoveTaskRunningError } from '../cli-errors';
import { booleanOption, type Command } from '../command';
import {
  LOCAL_OPTION_HELP,
  localOption,
  STACK_OPTIONS_HELP,
  stackOptions,
} from '../command-options';
import { type QueueTarget, resolveQueueTarget } from '../queue-target';
import {
  describeMoveTask,
  listMoveTasks,
  MoveTaskStatus,
  readQueueState,
  startMoveTask,
} from '../redrive/message-move';

/** Time between two progress checks of a running move task. */
export const MOVE_TASK_POLL_MS = 2000;

/** `redrive`: moves the DLQ's messages back to the calls queue with an SQS move task. */
export const redriveCommand: Command = {
  name: 'redrive',
  summary: 'move the messages of the DLQ back to the calls queue',
  help: [
    'Usage: npm run tp -- redrive [--status] [--no-wait] [--stack NAME] [--region REGION] [--local]',
    '',
    'Starts an SQS message move task from the dead-letter queue to the calls queue and prints',
    'its progress until it ends. Rejects the request when a move task is already running.',
    '',
    'Options:',
    '  --status          print the recent move tasks of the DLQ and change nothing',
    '  --no-wait         start the task and return without waiting for it to end',
    STACK_OPTIONS_HELP,
    LOCAL_OPTION_HELP,
  ].join('\n'),
  options: {
    ...stackOptions,
    ...localOption,
    status: { type: 'boolean' },
    'no-wait': { type: 'boolean' },
  },
  async run(values, context) {
    const target = await resolveQueueTarget(context, values);
    const dlq = await readQueueState(target.sqs, target.deadLetterQueueUrl);
    const tasks = await listMoveTasks(target.sqs, dlq.arn);

    if (booleanOption(values, 'status')) {
      printStatus(context, dlq.approximateMessages, tasks);

      return;
    }
    if (tasks.some((task) => task.Status === MoveTaskStatus.running)) {
      throw new CliMoveTaskRunningError(dlq.arn);
    }
    if (dlq.approximateMessages === 0) {
      context.output.info(`DLQ empty: nothing to redrive (${target.description}).`);

      return;
    }

    const queue = await readQueueState(target.sqs, target.queueUrl);
    const handle = await startMoveTask(target.sqs, dlq.arn, queue.arn);
    context.output.info(
      `Started moving about ${dlq.approximateMessages} messages from the DLQ to the calls queue.`,
    );
    if (!booleanOption(values, 'no-wait')) {
      await waitForMoveTask(context, target, dlq.arn, handle);
    }
  },
};

function printStatus(
  context: CliContext,
  approximateMessages: number,
  tasks: readonly ListMessageMoveTasksResultEntry[],
): void {
  context.output.info(`DLQ holds about ${approximateMessages} messages.`);
  if (tasks.length === 0) {
    context.output.info('No move tasks in the last 14 days.');
  }
  for (const task of tasks) {
    const started = new Date(task.StartedTimestamp ?? 0).toISOString();
    context.output.info(`Move task started ${started}: ${describeMoveTask(task)}`);
  }
}

async function waitForMoveTask(
  context: CliContext,
  target: QueueTarget,
  sourceArn: string,
  handle: string,
): Promise<void> {
  for (;;) {
    const tasks = await listMoveTasks(target.sqs, sourceArn);
    const task = tasks.find((entry) => entry.TaskHandle === handle) ?? tasks[0];
    if (task === undefined) {
      throw new CliError(`The move task of ${sourceArn} is gone. Check with redrive --status.`);
    }
    if (task.Status === MoveTaskStatus.running || task.Status === MoveTaskStatus.cancelling) {
      context.output.progress(`Move task ${describeMoveTask(task)}`);
      await context.sleep(MOVE_TASK_POLL_MS);
      continue;
    }
    if (task.Status !== MoveTaskStatus.completed) {
      throw new CliError(`Move task ended ${describeMoveTask(task)}. Run redrive again to retry.`);
    }
    context.output.info(`Move task ${describeMoveTask(task)}.`);

    return;
  }
}
