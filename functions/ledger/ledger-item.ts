import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** Attribute names of a dedupe item besides the key `pk` and the TTL `expires_at`. */
export const DedupeAttribute = {
  status: 'status',
  claimToken: 'claim_token',
  /** End of the current claim's lease, epoch milliseconds. */
  leaseExpiresAt: 'lease_expires_at',
  claimedAt: 'claimed_at',
  processedAt: 'processed_at',
  record: 'record',
} as const;

/** Values of the `status` attribute of a dedupe item. */
export const DedupeStatus = {
  inProgress: 'in_progress',
  completed: 'completed',
} as const;

const SECONDS_PER_DAY = 86_400;

/** Returns the TTL value, in epoch seconds, `retentionDays` after `fromMs` (epoch ms). */
export function expiresAtSeconds(fromMs: number, retentionDays: number): number {
  return Math.ceil(fromMs / 1000) + retentionDays * SECONDS_PER_DAY;
}

/** Returns the string of a DynamoDB `S` attribute, or `undefined` for any other type. */
export function readStringAttribute(
  item: Record<string, AttributeValue> | undefined,
  name: string,
): string | undefined {
  const value = item?.[name];

  return value !== undefined && 'S' in value ? value.S : undefined;
}
