import { DedupeStatus } from '../../functions/ledger/ledger-item';
import type { CliContext } from '../cli-context';
import type { StoredCall } from './stored-call';

/** Calls to replay, and the number left out because a consumer is still processing them. */
export interface ReplayableCalls {
  readonly calls: readonly StoredCall[];
  readonly skipped: number;
}

/**
 * Leaves out the calls whose ledger record is still `in_progress`, with one line each: their
 * first delivery may still be running the hook, and a replay could run it at the same time.
 */
export function skipCallsInProgress(
  context: CliContext,
  found: readonly StoredCall[],
): ReplayableCalls {
  const calls: StoredCall[] = [];
  for (const call of found) {
    if (call.status === DedupeStatus.inProgress) {
      context.output.progress(
        `Call ${call.callId} is still being processed; replay it after it completes ` +
          '(or pass --include-in-progress).',
      );
    } else {
      calls.push(call);
    }
  }

  return { calls, skipped: found.length - calls.length };
}

/** Returns the summary suffix for `skipped` calls, empty when none were skipped. */
export function describeSkipped(skipped: number): string {
  return skipped === 0 ? '' : `; skipped ${skipped} still being processed`;
}
