import type { HookContext } from '../hooks/on-call';
import type { LedgerRecord } from '../ledger/ledger-record';
import type { ConsumerDependencies } from './consumer-dependencies';
import { type HandledMessage, MessageOutcome, OutcomeReason } from './message-outcome';

/** Log message when a claim could not be released after a failure. */
export const RELEASE_FAILED_MESSAGE = 'claim release failed';

/** Log message when a completion attempt after a successful hook failed and is retried. */
export const COMPLETE_RETRY_MESSAGE = 'claim completion failed, retrying';

/**
 * Completion attempts after a successful hook. The write is conditional on the claim token, so
 * repeating it is safe. Waits of 50, 100 and 200 ms between them add at most 350 ms.
 */
export const MAX_COMPLETE_ATTEMPTS = 4;

const COMPLETE_RETRY_BASE_MS = 50;

/** One unit of work to run at most once to completion per ledger key. */
export interface ClaimedWork {
  /** Ledger key, such as `callKey(id)` or `replay#...`. */
  readonly key: string;
  readonly record: LedgerRecord;
  readonly hookContext: HookContext;
  /** Runs the user hook; a throw makes the message retry. */
  readonly runHook: (context: HookContext) => Promise<void>;
  /**
   * Milliseconds after completion within which the key stays a duplicate; after that it can be
   * claimed again. Unset means a completed key is a duplicate until TTL deletes it.
   */
  readonly dedupeWindowMs?: number;
}

type Outcome = Pick<HandledMessage, 'outcome' | 'reason' | 'error'>;

/**
 * Claims the key, runs the hook and completes the claim. A completed key is a duplicate, a
 * key under another live lease a retry. A hook that throws releases the claim, so the retry
 * can claim it at once. After a successful hook the claim is never released: completion is
 * retried, and if it still fails the claim stays until its lease ends, so only a delivery
 * after that runs the hook again.
 */
export async function runOnce(work: ClaimedWork, deps: ConsumerDependencies): Promise<Outcome> {
  const now = deps.clock();
  const claim = await deps.ledger.claim(work.key, {
    leaseMs: deps.leaseMs,
    now,
    retentionDays: deps.retentionDays,
    record: work.record,
    ...(work.dedupeWindowMs === undefined
      ? {}
      : { reclaimCompletedBefore: new Date(now.getTime() - work.dedupeWindowMs) }),
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

  return completeAfterHook(work, token, deps);
}

async function completeAfterHook(
  work: ClaimedWork,
  token: string,
  deps: ConsumerDependencies,
): Promise<Outcome> {
  const sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  let lastError: unknown;
  for (let attempt = 1; attempt <= MAX_COMPLETE_ATTEMPTS; attempt += 1) {
    if (attempt > 1) {
      logCompletionRetry(work, attempt - 1, lastError, deps);
      await sleep(COMPLETE_RETRY_BASE_MS * 2 ** (attempt - 2));
    }
    try {
      const completion = await deps.ledger.complete(work.key, token, {
        now: deps.clock(),
        retentionDays: deps.retentionDays,
      });

      return completion.outcome === 'lost'
        ? { outcome: MessageOutcome.duplicate, reason: OutcomeReason.leaseLost }
        : { outcome: MessageOutcome.processed };
    } catch (error) {
      lastError = error;
    }
  }

  return {
    outcome: MessageOutcome.retry,
    reason: OutcomeReason.completionFailed,
    error: lastError,
  };
}

function logCompletionRetry(
  work: ClaimedWork,
  failedAttempts: number,
  error: unknown,
  deps: ConsumerDependencies,
): void {
  deps.logger.warn(COMPLETE_RETRY_MESSAGE, {
    call_id: work.hookContext.callId,
    message_id: work.hookContext.messageId,
    attempt: failedAttempts,
    max_attempts: MAX_COMPLETE_ATTEMPTS,
    error,
  });
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
