import type { LedgerRecord } from './ledger-record';

/** Options of `DedupeLedger.claim`. */
export interface ClaimOptions {
  /** Lease duration in milliseconds; after it ends, another worker may take the claim over. */
  readonly leaseMs: number;
  readonly now: Date;
  /** Days after the lease ends at which DynamoDB's TTL deletes an abandoned claim. */
  readonly retentionDays: number;
  /** Record written with the claim in the same request, so storing it costs no extra write. */
  readonly record?: LedgerRecord;
  /**
   * When set, a completed item whose `processed_at` is before this time can be claimed again,
   * which gives the key a dedupe window. When unset, a completed key stays a duplicate until
   * TTL deletes it.
   */
  readonly reclaimCompletedBefore?: Date;
}

/** Result of a claim: the caller owns the key, or another worker completed it or owns it. */
export type ClaimResult =
  | { readonly outcome: 'claimed'; readonly token: string }
  | { readonly outcome: 'completed' }
  | { readonly outcome: 'in_progress' };

/** Options of `DedupeLedger.complete`. */
export interface CompleteOptions {
  readonly now: Date;
  /** Days after completion at which DynamoDB's TTL deletes the item. */
  readonly retentionDays: number;
}

/** Result of `complete`: `lost` when another worker took over the claim after its lease ended. */
export type CompleteResult = { readonly outcome: 'completed' } | { readonly outcome: 'lost' };

/** Result of `release`: `lost` when the claim no longer belongs to the token. */
export type ReleaseResult = { readonly outcome: 'released' } | { readonly outcome: 'lost' };
