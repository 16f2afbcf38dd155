import type { MessageSource } from '../queue/queue-message';

/** What the consumer did with a message; each has a metric in `ConsumerMetric`. */
export const MessageOutcome = {
  /** The hook ran and the ledger item is completed; the message is acknowledged. */
  processed: 'processed',
  /** Another delivery already processed it; acknowledged without running the hook. */
  duplicate: 'duplicate',
  /** Reported as a batch item failure, so SQS delivers the message again. */
  retry: 'retry',
  /** Never processable; stored in the ledger table, logged and acknowledged. */
  quarantined: 'quarantined',
} as const;

export type MessageOutcome = (typeof MessageOutcome)[keyof typeof MessageOutcome];

/** Values of the `reason` log field beside an outcome. */
export const OutcomeReason = {
  /** A known event that needs no action (`call_started`). */
  eventIgnored: 'event_ignored',
  /** Another worker holds a live lease on the same key. */
  inProgress: 'in_progress',
  hookFailed: 'hook_failed',
  ledgerFailed: 'ledger_failed',
  /**
   * The hook ran but every completion attempt failed. The claim is kept, so a delivery after
   * the lease ends takes it over and runs the hook again.
   */
  completionFailed: 'completion_failed',
  /** The lease ended during the hook and another worker took the claim over. */
  leaseLost: 'lease_lost',
  /** The message attributes lack `source`, `received_at` or `request_id`. */
  invalidMetadata: 'invalid_metadata',
  unexpectedError: 'unexpected_error',
} as const;

/** Result of handling one message, with the ids for its outcome log line. */
export interface HandledMessage {
  readonly outcome: MessageOutcome;
  /** A value of `OutcomeReason` or, for quarantined messages, of `RejectionReason`. */
  readonly reason?: string;
  readonly event?: string;
  readonly source?: MessageSource;
  readonly receivedAt?: string;
  readonly requestId?: string;
  readonly callId?: string;
  readonly agentId?: string;
  /** Dot path of the first invalid field of a quarantined payload. */
  readonly invalidPath?: string;
  /** The caught error behind a retry or an `unprocessable_payload` quarantine; logged. */
  readonly error?: unknown;
}
