/**
 * Layout of the ledger table, which the consumer, the reconciler and the operator commands
 * share. The table has one string partition key and a TTL attribute in epoch seconds.
 */
export const LedgerAttribute = {
  partitionKey: 'pk',
  timeToLive: 'expires_at',
} as const;

/** Key of a call's dedupe record. The webhook and the reconciler both use TalkPilot's `id`. */
export function callKey(callId: string): string {
  return `call#${callId}`;
}

/** Key of an employee event's dedupe record, from the hash of its canonical payload. */
export function employeeEventKey(payloadHash: string): string {
  return `employee#${payloadHash}`;
}

/** Key of a reconciler watermark for one agent. */
export function watermarkKey(agentId: string): string {
  return `watermark#${agentId}`;
}
