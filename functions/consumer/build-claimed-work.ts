import { DEFAULT_EMPLOYEE_DEDUPE_MINUTES } from '../config/consumer-config';
import type { HookContext } from '../hooks/on-call';
import { callKey, employeeEventKey, liveKitCallKey, replayKey } from '../ledger/ledger-keys';
import { hashCanonicalPayload } from '../ledger/payload-hash';
import { type MessageMetadata, MessageSource } from '../queue/queue-message';
import type { ParsedPayload } from '../schemas/parse-queued-payload';
import { buildCallEndedRecord, buildCallRecord, buildEmployeeRecord } from './build-ledger-record';
import type { ConsumerDependencies } from './consumer-dependencies';
import type { ClaimedWork } from './run-once';

/** A payload the consumer runs a hook for. */
export type ActionablePayload = Extract<
  ParsedPayload,
  { kind: 'call_completed' | 'call_ended' | 'employee' }
>;

/** Facts about the message that every piece of work carries. */
export interface WorkOrigin {
  readonly metadata: MessageMetadata;
  readonly messageId: string;
  /** The payload's `event`, sanitized for logs. */
  readonly event: string;
}

/**
 * Builds the ledger key, record and hook call for a validated payload. A replay gets its own
 * key, `replay#<dedupe key>#<request id>`, so it runs the hook again without touching the
 * original record and a replay delivered twice still runs once.
 */
export function buildClaimedWork(
  parsed: ActionablePayload,
  origin: WorkOrigin,
  deps: ConsumerDependencies,
): ClaimedWork {
  const work = buildOriginalWork(parsed, origin, deps);
  if (origin.metadata.source !== MessageSource.replay) {
    return work;
  }

  // A replay key is unique per request, so it is deduplicated for good.
  return {
    ...work,
    key: replayKey(work.key, origin.metadata.requestId),
    dedupeWindowMs: undefined,
  };
}

function buildOriginalWork(
  parsed: ActionablePayload,
  origin: WorkOrigin,
  deps: ConsumerDependencies,
): ClaimedWork {
  const { metadata } = origin;
  if (parsed.kind === 'call_completed') {
    const { call } = parsed.payload;
    const hookContext = buildHookContext(origin, deps, call.id, call.agent_id);

    return {
      key: callKey(call.id),
      record: buildCallRecord(call, metadata, parsed.payload.event),
      hookContext,
      runHook: (context) => deps.hooks.onCallCompleted(parsed.payload, context),
    };
  }
  if (parsed.kind === 'call_ended') {
    const { payload } = parsed;
    const hookContext = buildHookContext(origin, deps, payload.call_id, payload.agent_id);

    // NOTE: this key differs from the `callKey(id)` of a reconciled copy of the same call. The
    // reconciler looks up both keys, so a delivered call is not reconciled; a `call_ended`
    // webhook that arrives after the reconciler already queued its call still runs twice.
    return {
      key: liveKitCallKey(payload.call_id),
      record: buildCallEndedRecord(payload, metadata),
      hookContext,
      runHook: (context) => deps.hooks.onCallCompleted(payload, context),
    };
  }

  // An employee event has no id, so the same event sent again later, such as a re-created
  // forwarding rule, is only a duplicate within the dedupe window.
  return {
    key: employeeEventKey(hashCanonicalPayload(parsed.payload)),
    record: buildEmployeeRecord(metadata, origin.event),
    hookContext: buildHookContext(origin, deps),
    runHook: (context) => deps.hooks.onEmployeeEvent(parsed.payload, context),
    dedupeWindowMs: deps.employeeDedupeMs ?? DEFAULT_EMPLOYEE_DEDUPE_MINUTES * 60_000,
  };
}

function buildHookContext(
  origin: WorkOrigin,
  deps: ConsumerDependencies,
  callId?: string,
  agentId?: string,
): HookContext {
  const { metadata } = origin;

  return {
    logger: deps.logger,
    event: origin.event,
    source: metadata.source,
    receivedAt: metadata.receivedAt,
    requestId: metadata.requestId,
    messageId: origin.messageId,
    isReplay: metadata.source === MessageSource.replay,
    ...(callId === undefined ? {} : { callId }),
    ...(agentId === undefined ? {} : { agentId }),
  };
}
