import { type Environment, EnvironmentReader } from './read-env';

/** Environment variable names of the consumer; the CDK stack sets them. */
export const ConsumerEnvironment = {
  ledgerTableName: 'LEDGER_TABLE_NAME',
  leaseSeconds: 'LEASE_SECONDS',
  retentionDays: 'RETENTION_DAYS',
  employeeDedupeMinutes: 'EMPLOYEE_DEDUPE_MINUTES',
} as const;

/** Default of `EMPLOYEE_DEDUPE_MINUTES`. */
export const DEFAULT_EMPLOYEE_DEDUPE_MINUTES = 60;

/** Settings of the consumer, read once at cold start. */
export interface ConsumerConfig {
  readonly ledgerTableName: string;
  /** Lease of a claim; default 60 s. Keep it above the consumer's Lambda timeout. */
  readonly leaseSeconds: number;
  /** Days completed and quarantined ledger items are kept before TTL deletion; default 30. */
  readonly retentionDays: number;
  /**
   * Minutes after its completion within which an identical employee event is a duplicate;
   * default 60. Later, the same event runs the hook again, because employee events have no id
   * and a rule re-created days later is a new event. Calls are deduplicated for good.
   */
  readonly employeeDedupeMinutes: number;
}

/**
 * Reads and validates the consumer's configuration. Throws `ConfigInvalidError` listing every
 * problem when a variable is missing or out of range.
 */
export function readConsumerConfig(env: Environment = process.env): ConsumerConfig {
  const reader = new EnvironmentReader(env);
  const config = {
    ledgerTableName: reader.requireString(ConsumerEnvironment.ledgerTableName),
    leaseSeconds: reader.integer(ConsumerEnvironment.leaseSeconds, 60, { min: 1, max: 43_200 }),
    retentionDays: reader.integer(ConsumerEnvironment.retentionDays, 30, { min: 1, max: 3_650 }),
    employeeDedupeMinutes: reader.integer(
      ConsumerEnvironment.employeeDedupeMinutes,
      DEFAULT_EMPLOYEE_DEDUPE_MINUTES,
      { min: 1, max: 525_600 },
    ),
  };
  reader.finish();

  return config;
}
