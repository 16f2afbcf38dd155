import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import sample from '../../../cli/samples/call-completed.json';
import { buildCallRecord } from '../../../functions/consumer/build-ledger-record';
import { DedupeLedger } from '../../../functions/ledger/dedupe-ledger';
import { callKey } from '../../../functions/ledger/ledger-keys';
import { MessageSource } from '../../../functions/queue/queue-message';

/** Where a stored call's ledger record is: claimed by a consumer, or done. */
export const StoredCallState = {
  inProgress: 'in_progress',
  completed: 'completed',
} as const;

export type StoredCallState = (typeof StoredCallState)[keyof typeof StoredCallState];

/** Stores the sample call under a new id as the consumer does, and returns the id. */
export async function givenStoredCall(
  ledgerTable: { readonly dynamodb: DynamoDBClient; readonly tableName: string },
  receivedAt: string,
  state: StoredCallState = StoredCallState.completed,
): Promise<string> {
  const call = { ...sample.call, id: randomUUID() };
  const metadata = { source: MessageSource.webhook, receivedAt, requestId: randomUUID() };
  const ledger = new DedupeLedger({
    client: ledgerTable.dynamodb,
    tableName: ledgerTable.tableName,
  });
  const now = new Date(receivedAt);
  const claim = await ledger.claim(callKey(call.id), {
    leaseMs: 60_000,
    now,
    retentionDays: 30,
    record: buildCallRecord(call, metadata, sample.event),
  });
  if (claim.outcome !== 'claimed') {
    throw new Error(`claim of ${call.id} returned ${claim.outcome}`);
  }
  if (state === StoredCallState.completed) {
    await ledger.complete(callKey(call.id), claim.token, { now, retentionDays: 30 });
  }

  return call.id;
}
