import type { ActionHooks } from '../hooks/on-call';
import type { DedupeLedgerPort } from '../ledger/dedupe-ledger';
import type { QuarantineStorePort } from '../ledger/quarantine-store';
import type { LoggerPort } from '../observability/logger';
import type { MetricsPort } from '../observability/metrics';

/** Ports and settings of the consumer core; the handler and the local runtime build them. */
export interface ConsumerDependencies {
  readonly ledger: DedupeLedgerPort;
  readonly quarantine: QuarantineStorePort;
  readonly hooks: ActionHooks;
  readonly logger: LoggerPort;
  readonly metrics: MetricsPort;
  /** Current time; tests pass a fixed clock. */
  readonly clock: () => Date;
  /** Lease of a claim in milliseconds; keep it above the time a hook may take. */
  readonly leaseMs: number;
  /** Days DynamoDB keeps completed and quarantined items before TTL deletes them. */
  readonly retentionDays: number;
  /**
   * Window after completion, in milliseconds, within which an identical employee event is a
   * duplicate; default `DEFAULT_EMPLOYEE_DEDUPE_MINUTES` (60 minutes).
   */
  readonly employeeDedupeMs?: number;
  /** Waits between completion attempts; defaults to `setTimeout`, tests pass a fake. */
  readonly sleep?: (ms: number) => Promise<void>;
}
