import { SqsQueue } from '../../functions/queue/sqs-queue';
import type { CliContext } from '../cli-context';
import { CliError, CliNotConfirmedError, CliPartialFailureError } from '../cli-errors';
import { booleanOption, type Command, integerOption } from '../command';
import {
  LOCAL_OPTION_HELP,
  localOption,
  STACK_OPTIONS_HELP,
  stackOptions,
} from '../command-options';
import { type QueueTarget, resolveQueueTarget } from '../queue-target';
import { findStoredCall, scanStoredCalls } from '../replay/find-stored-calls';
import { buildReplayMessage, newReplayRequestId } from '../replay/replay-messages';
import { type ReplaySelection, readReplaySelection } from '../replay/replay-selection';
import { describeSkipped, skipCallsInProgress } from '../replay/skip-in-progress';
import type { StoredCall } from '../replay/stored-call';

/** Calls above which `replay` asks for confirmation unless `--yes`. */
export const DEFAULT_CONFIRM_ABOVE = 20;

/** `replay`: queues stored calls again so the consumer runs the action hook for them. */
export const replayCommand: Command = {
  name: 'replay',
  summary: 'run the action hook again for one call or the calls received in a time range',
  help: [
    'Usage: npm run tp -- replay (--call-id ID... | --from TIME --to TIME) [--yes] [--confirm-above N]',
    '                 [--dry-run] [--include-in-progress] [--stack NAME] [--region REGION] [--local]',
    '',
    'Reads the stored calls from the ledger table and queues each one again with source',
    'replay. The consumer runs the action hook for it once more and leaves the dedupe record',
    'of the original delivery alone, so later deliveries of the call are still dropped.',
    'The stored call has no transcript and no audio URL.',
    '',
    'Options:',
    '  --call-id ID      replay this call (TalkPilot record id); repeat for more calls',
    '  --from TIME       start of the received-time range, ISO 8601 such as 2026-03-22T10:00:00Z',
    '                    (a date alone is 00:00 UTC; a time without a zone is UTC)',
    '  --to TIME         end of the range, ISO 8601; inclusive to the end of its second',
    '  --include-in-progress',
    '                    also replay calls that a consumer is still processing; by default',
    '                    they are skipped, since the hook could run twice at the same time',
    '  --yes             replay without asking, whatever the number of calls',
    `  --confirm-above N ask before replaying more than N calls (default ${DEFAULT_CONFIRM_ABOVE})`,
    '  --dry-run         list the calls that would be replayed and queue nothing',
    STACK_OPTIONS_HELP,
    LOCAL_OPTION_HELP,
  ].join('\n'),
  options: {
    ...stackOptions,
    ...localOption,
    'call-id': { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    yes: { type: 'boolean' },
    'confirm-above': { type: 'string' },
    'dry-run': { type: 'boolean' },
    'include-in-progress': { type: 'boolean' },
  },
  async run(values, context) {
    const selection = readReplaySelection(values);
    const confirmAbove = integerOption(values, 'confirm-above', DEFAULT_CONFIRM_ABOVE);
    const target = await resolveQueueTarget(context, values);
    const found = await findCalls(context, target, selection);
    const { calls, skipped } = booleanOption(values, 'include-in-progress')
      ? { calls: found, skipped: 0 }
      : skipCallsInProgress(context, found);
    if (calls.length === 0) {
      context.output.info(
        `No stored calls to replay${describeSkipped(skipped)} (${target.description}).`,
      );

      return;
    }
    if (booleanOption(values, 'dry-run')) {
      for (const call of calls) {
        context.output.info(`Would replay call ${call.callId} received ${call.receivedAt ?? '?'}`);
      }
      context.output.info(
        `Dry run: ${calls.length} calls would be replayed${describeSkipped(skipped)}.`,
      );

      return;
    }
    await confirmReplay(context, calls.length, confirmAbove, booleanOption(values, 'yes'));
    await queueReplays(context, target, calls, skipped);
  },
};

async function findCalls(
  context: CliContext,
  target: QueueTarget,
  selection: ReplaySelection,
): Promise<StoredCall[]> {
  if ('range' in selection) {
    return scanStoredCalls(target.dynamodb, target.tableName, selection.range, (progress) =>
      context.output.progress(
        `Scanned ${progress.scannedItems} ledger items, found ${progress.matchedCalls} calls`,
      ),
    );
  }
  const calls: StoredCall[] = [];
  for (const callId of selection.callIds) {
    const call = await findStoredCall(target.dynamodb, target.tableName, callId);
    if (call === undefined) {
      throw new CliError(
        `Call ${callId} is not in ledger table ${target.tableName}. Check the id (TalkPilot's ` +
          'record id, call.id); the ledger keeps calls for RETENTION_DAYS (default 30).',
      );
    }
    calls.push(call);
  }

  return calls;
}

async function confirmReplay(
  context: CliContext,
  count: number,
  confirmAbove: number,
  yes: boolean,
): Promise<void> {
  if (yes || count <= confirmAbove) {
    return;
  }
  if (!context.confirm.interactive) {
    throw new CliNotConfirmedError(
      `Replaying ${count} calls needs confirmation (more than --confirm-above ${confirmAbove}), ` +
        'and no terminal is attached to ask. Pass --yes to replay them.',
    );
  }
  if (!(await context.confirm.confirm(`Replay ${count} calls?`))) {
    throw new CliNotConfirmedError('Replay cancelled; nothing was queued.');
  }
}

async function queueReplays(
  context: CliContext,
  target: QueueTarget,
  calls: readonly StoredCall[],
  skipped: number,
): Promise<void> {
  const requestId = newReplayRequestId();
  const now = context.now();
  const messages = calls.map((call) => buildReplayMessage(call, requestId, now));
  const queue = new SqsQueue(target.sqs, { queueUrl: target.queueUrl });
  const { failedIndexes } = await queue.sendMessages(messages);

  const failed = new Set(failedIndexes);
  for (const [index, call] of calls.entries()) {
    if (failed.has(index)) {
      context.output.error(`Call ${call.callId}: failed to queue`);
    }
  }
  const queued = calls.length - failed.size;
  context.output.info(
    `Queued ${queued} of ${calls.length} calls for replay (request id ${requestId})` +
      `${describeSkipped(skipped)}.`,
  );
  if (failed.size > 0) {
    throw new CliPartialFailureError(
      `${failed.size} calls were not queued. Run replay again for them with --call-id.`,
    );
  }
}
