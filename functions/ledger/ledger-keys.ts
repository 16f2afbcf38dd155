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

/**
 * Key of a `call_ended` webhook's dedupe record. That format carries only the LiveKit
 * `call_id`, not TalkPilot's record `id`, so it cannot share `callKey`.
 */
export function liveKitCallKey(liveKitCallId: string): string {
  return `livekit-call#${liveKitCallId}`;
}

/**
 * Key of a replay's dedupe record: `subject` is the call id (or employee event key) and
 * `requestId` the replay request, so one replay runs once without touching the original record.
 */
export function replayKey(subject: string, requestId: string): string {
  return `replay#${subject}#${requestId}`;
}

/** Key of a quarantined message, stored with its body and the reason it was rejected. */
export function quarantineKey(messageId: string): string {
  return `quarantine#${messageId}`;
}
