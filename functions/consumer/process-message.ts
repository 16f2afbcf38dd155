import { LedgerError } from '../ledger/ledger-errors';
import type { MessageMetadata } from '../queue/queue-message';
import { sanitizeAttributeValue } from '../queue/sqs-message-attributes';
import { readMessageMetadata } from '../queue/sqs-queue';
import {
  type ParsedPayload,
  parseQueuedPayload,
  RejectionReason,
} from '../schemas/parse-queued-payload';
import { type ActionablePayload, buildClaimedWork, type WorkOrigin } from './build-claimed-work';
import type { ConsumerDependencies } from './consumer-dependencies';
import { type ConsumerMessage, readReceiveCount } from './consumer-message';
import { type HandledMessage, MessageOutcome, OutcomeReason } from './message-outcome';
import { recordOutcome } from './record-outcome';
import { type ClaimedWork, runOnce } from './run-once';

type MessageIds = Omit<HandledMessage, 'outcome' | 'reason' | 'invalidPath' | 'error'>;
type Outcome = Pick<HandledMessage, 'outcome' | 'reason' | 'invalidPath' | 'error'>;

/**
 * Handles one queued message: validates it, runs the user hook at most once to completion per
 * call or employee event, and writes one outcome log line and metric. Never throws: a failure
 * comes back as `retry`, and a message that can never be processed as `quarantined`. Any error
 * while parsing, validating or hashing the payload quarantines it, because a retry would fail
 * the same way.
 */
export async function processMessage(
  message: ConsumerMessage,
  deps: ConsumerDependencies,
): Promise<HandledMessage> {
  const metadata = readMetadataOrUndefined(message);
  const parsed = parseOrReject(message.body);
  const ids = describeMessage(parsed, metadata);
  let handled: HandledMessage;
  try {
    handled = { ...ids, ...(await decideOutcome(message, parsed, metadata, deps)) };
  } catch (error) {
    const reason =
      error instanceof LedgerError ? OutcomeReason.ledgerFailed : OutcomeReason.unexpectedError;
    handled = { ...ids, outcome: MessageOutcome.retry, reason, error };
  }
  recordOutcome(message, handled, deps);

  return handled;
}

async function decideOutcome(
  message: ConsumerMessage,
  parsed: ParsedPayload,
  metadata: MessageMetadata | undefined,
  deps: ConsumerDependencies,
): Promise<Outcome> {
  if (metadata === undefined) {
    return quarantine(message, { reason: OutcomeReason.invalidMetadata }, undefined, deps);
  }
  if (parsed.kind === 'rejected') {
    const rejection = {
      reason: parsed.reason,
      invalidPath: parsed.invalidPath,
      error: parsed.error,
    };

    return quarantine(message, rejection, metadata, deps);
  }
  if (parsed.kind === 'ignored') {
    return { outcome: MessageOutcome.processed, reason: OutcomeReason.eventIgnored };
  }

  const event = describeEvent(parsed, metadata) ?? '';
  const origin = { metadata, messageId: message.messageId, event };
  const work = buildWorkOrError(parsed, origin, deps);
  if (!('key' in work)) {
    const rejection = { reason: RejectionReason.unprocessablePayload, error: work.error };

    return quarantine(message, rejection, metadata, deps);
  }

  return runOnce(work, deps);
}

function parseOrReject(body: string): ParsedPayload {
  try {
    return parseQueuedPayload(body);
  } catch (error) {
    return { kind: 'rejected', reason: RejectionReason.unprocessablePayload, error };
  }
}

// Building the work hashes an employee payload, the last step that reads the payload itself.
function buildWorkOrError(
  parsed: ActionablePayload,
  origin: WorkOrigin,
  deps: ConsumerDependencies,
): ClaimedWork | { readonly error: unknown } {
  try {
    return buildClaimedWork(parsed, origin, deps);
  } catch (error) {
    return { error };
  }
}

async function quarantine(
  message: ConsumerMessage,
  rejection: { readonly reason: string; readonly invalidPath?: string; readonly error?: unknown },
  metadata: MessageMetadata | undefined,
  deps: ConsumerDependencies,
): Promise<Outcome> {
  await deps.quarantine.store(
    {
      messageId: message.messageId,
      body: message.body,
      reason: rejection.reason,
      invalidPath: rejection.invalidPath,
      receiveCount: readReceiveCount(message),
      metadata,
    },
    { now: deps.clock(), retentionDays: deps.retentionDays },
  );

  return { outcome: MessageOutcome.quarantined, ...rejection };
}

// A message without valid metadata is still parsed, so its outcome line carries its ids.
function readMetadataOrUndefined(message: ConsumerMessage): MessageMetadata | undefined {
  try {
    return readMessageMetadata(message);
  } catch {
    return undefined;
  }
}

function describeMessage(parsed: ParsedPayload, metadata: MessageMetadata | undefined): MessageIds {
  return {
    event: describeEvent(parsed, metadata),
    source: metadata?.source,
    receivedAt: metadata?.receivedAt,
    requestId: metadata?.requestId,
    ...describeCall(parsed, metadata),
  };
}

// Payload text is cut to printable ASCII as the ingest handler cuts attributes, because an
// unknown event name can be any string.
function describeEvent(
  parsed: ParsedPayload,
  metadata: MessageMetadata | undefined,
): string | undefined {
  switch (parsed.kind) {
    case 'call_completed':
    case 'call_ended':
    case 'employee':
      return sanitizeAttributeValue(parsed.payload.event);
    case 'ignored':
      return parsed.event;
    case 'rejected':
      return sanitizeAttributeValue(parsed.event) ?? metadata?.event;
  }
}

function describeCall(
  parsed: ParsedPayload,
  metadata: MessageMetadata | undefined,
): Pick<MessageIds, 'callId' | 'agentId'> {
  if (parsed.kind === 'call_completed') {
    return { callId: parsed.payload.call.id, agentId: parsed.payload.call.agent_id };
  }
  if (parsed.kind === 'call_ended') {
    return { callId: parsed.payload.call_id, agentId: parsed.payload.agent_id };
  }

  return { callId: metadata?.callId };
}
