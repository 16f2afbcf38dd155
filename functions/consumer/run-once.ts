import type { HookContext } from '../hooks/on-call';
import type { LedgerRecord } from '../ledger/ledger-record';
import type { ConsumerDependencies } from './consumer-dependencies';
import { type HandledMessage, MessageOutcome, OutcomeReason } from './message-outcome';

/** Log message when a claim could not be released after a failure. */
export const RELEASE_FAILED_MESSAGE = 'claim release failed';

/** One unit of work to run at most once to completion per ledger key. */
export interface ClaimedWork {
  /** Ledger key, such as `callKey(id)` or `replay#...`. */
  readonly key: string;
  readonly record: LedgerRecord;
  readonly hookContext: HookContext;
  /** Runs the user hook; a throw makes the message retry. */
  readonly runHook: (context: HookContext) => Promise<void>;
}

type Outcome = Pick<HandledMessage, 'outcome' | 'reason' | 'error'>;

/**
 * Claims the key, runs the hook and completes the claim. A completed key is a duplicate, a
 * key under another live lease a retry. After a failure past the claim, the claim is released
 * so the retry can claim it at once, which makes a failure lead to reprocessing, never a skip.
 */
export async function runOnce(work: ClaimedWork, deps: ConsumerDependencies): Promise<Outcome> {
  const claim = await deps.ledger.claim(work.key, {
    leaseMs: deps.leaseMs,
    now: deps.clock(),
    retentionDays: deps.retentionDays,
    record: work.record,
  });
  if (claim.outcome === 'completed') {
    return { outcome: MessageOutcome.duplicate };
  }
  if (claim.outcome === 'in_progress') {
    return { outcome: MessageOutcome.retry, reason: OutcomeReason.inProgress };
  }

  return runClaimed(work, claim.token, deps);
}

async function runClaimed(
  work: ClaimedWork,
  token: string,
  deps: ConsumerDependencies,
): Promise<Outcome> {
  try {
    await work.runHook(work.hookContext);
  } catch (error) {
    await releaseAfterFailure(work, token, deps);

    return { outcome: MessageOutcome.retry, reason: OutcomeReason.hookFailed, error };
  }

  try {
    const completion = await deps.ledger.complete(work.key, token, {
      now: deps.clock(),
      retentionDays: deps.retentionDays,
    });
    if (completion.outcome === 'lost') {
      return { outcome: MessageOutcome.duplicate, reason: OutcomeReason.leaseLost };
    }
  } catch (error) {
    await releaseAfterFailure(work, token, deps);

    return { outcome: MessageOutcome.retry, reason: OutcomeReason.ledgerFailed, error };
  }

  return { outcome: MessageOutcome.processed };
}

// A release that fails leaves the claim to expire after its lease, so the retry still runs
// later; the failure is logged here because the outcome line carries the first error only.
async function releaseAfterFailure(
  work: ClaimedWork,
  token: string,
  deps: ConsumerDependencies,
): Promise<void> {
  try {
    await deps.ledger.release(work.key, token);
  } catch (error) {
    deps.logger.error(RELEASE_FAILED_MESSAGE, {
      call_id: work.hookContext.callId,
      message_id: work.hookContext.messageId,
      error,
    });
  }
}
