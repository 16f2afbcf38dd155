import type { TalkPilotClient } from '../talkpilot/talkpilot-client';
import type { ApiRecord } from '../talkpilot/talkpilot-records';
import { ReconcileTimeBudgetError } from './reconcile-errors';

/** Passes over a slice while its `total` keeps changing between pages. */
const MAX_PASSES = 3;

/** Pages read in one pass before the scan gives up on a slice that never ends. */
const MAX_PAGES_PER_PASS = 1000;

/** Options of `scanCalls`. */
export interface ScanCallsOptions {
  readonly client: Pick<TalkPilotClient, 'listCalls'>;
  readonly agentId: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly deadlineMs: number;
  readonly now: () => number;
}

/** Reason a scan may have skipped a row. */
export const IncompleteScanReason = {
  /** `total` changed between pages in every pass. */
  totalChanged: 'total_changed',
  /** Fewer distinct ids than `total` were collected, as when rows with equal `created_at` come
   * back in a different order on each page. */
  idsMissing: 'ids_missing',
} as const;

export type IncompleteScanReason = (typeof IncompleteScanReason)[keyof typeof IncompleteScanReason];

/** Calls found in one slice, deduplicated by `id`. */
export interface ScanCallsResult {
  readonly calls: ReadonlyMap<string, ApiRecord>;
  /** `false` when a row may have been skipped, for the reason in `incompleteReason`. */
  readonly complete: boolean;
  readonly incompleteReason?: IncompleteScanReason;
  /** Listed items without a string `id`. */
  readonly invalidItems: number;
}

/**
 * Reads every page of an agent's calls in `[fromMs, toMs]`, soft-deleted ones included. Offset
 * paging repeats or skips rows when calls are added or removed mid-scan, or when rows with equal
 * `created_at` are ordered differently per page, so calls are merged by `id`. Another pass over
 * the same slice follows a pass in which `total` changed, or after which fewer distinct ids than
 * `total` were collected. Throws the client's error when a page cannot be read.
 */
export async function scanCalls(options: ScanCallsOptions): Promise<ScanCallsResult> {
  const calls = new Map<string, ApiRecord>();
  let invalidItems = 0;
  let reason: IncompleteScanReason = IncompleteScanReason.totalChanged;

  for (let pass = 1; pass <= MAX_PASSES; pass += 1) {
    const result = await scanOnce(options, calls);
    invalidItems = Math.max(invalidItems, result.invalidItems);
    if (result.stable) {
      const total = result.total ?? 0;
      if (calls.size + invalidItems >= total) {
        return { calls, complete: true, invalidItems };
      }
      reason = IncompleteScanReason.idsMissing;
    } else {
      reason = IncompleteScanReason.totalChanged;
    }
  }

  return { calls, complete: false, incompleteReason: reason, invalidItems };
}

interface PassResult {
  readonly stable: boolean;
  /** `total` the pages reported, when they all agreed. */
  readonly total?: number;
  readonly invalidItems: number;
}

async function scanOnce(
  options: ScanCallsOptions,
  calls: Map<string, ApiRecord>,
): Promise<PassResult> {
  let firstTotal: number | undefined;
  let stable = true;
  let invalidItems = 0;

  for (let page = 1; page <= MAX_PAGES_PER_PASS; page += 1) {
    if (options.now() >= options.deadlineMs) {
      throw new ReconcileTimeBudgetError(options.deadlineMs);
    }
    const result = await options.client.listCalls(options.agentId, {
      fromMs: options.fromMs,
      toMs: options.toMs,
      page,
      deadlineMs: options.deadlineMs,
    });
    for (const call of result.items) {
      calls.set(call.id, call);
    }
    invalidItems += result.invalidItems;
    firstTotal ??= result.total;
    stable &&= result.total === firstTotal;

    // NOTE: the docs do not say what a page past the last one returns; an empty `data` is
    // assumed and ends the pass. Without a `pages` count the scan reads until an empty page.
    const lastPage = result.pages > 0 ? result.pages : Number.POSITIVE_INFINITY;
    if (result.items.length + result.invalidItems === 0 || page >= lastPage) {
      return { stable, total: firstTotal, invalidItems };
    }
  }

  return { stable: false, invalidItems };
}
