/**
 * The user action hook: put your CRM, ticket or notification logic here. The consumer calls
 * these functions once per new call or employee event, after deduplication, so a duplicate
 * delivery never reaches them. A hook that throws makes the message retry: the claim is
 * released and a later delivery runs the hook again. Keep a hook idempotent where you can,
 * because a crash after your side effect but before completion runs it a second time, and so
 * does a completion that fails on every retry: the claim then stays until its lease ends.
 */
import type { LoggerPort } from '../observability/logger';
import type { MessageSource } from '../queue/queue-message';
import type { CallCompletedEvent } from '../schemas/call-completed-schema';
import type { CallEndedEvent } from '../schemas/call-ended-schema';
import type { EmployeeEvent } from '../schemas/employee-event-schema';

/** Log message of the default call hook. */
export const DEFAULT_CALL_HOOK_MESSAGE = 'call hook ran';

/** Log message of the default employee hook. */
export const DEFAULT_EMPLOYEE_HOOK_MESSAGE = 'employee hook ran';

/**
 * A validated call payload, distinguished by `event`: `call.completed` (documented webhook and
 * reconciled calls, with the call under `call`) or `call_ended` (flat newer webhook format).
 * Fields TalkPilot adds later are kept.
 */
export type CallPayload = CallCompletedEvent | CallEndedEvent;

/** What a hook knows about the message besides its payload. */
export interface HookContext {
  /** Logger of the consumer; never log names, phone numbers, e-mails or transcript text. */
  readonly logger: LoggerPort;
  /** The payload's `event`, cut to 128 printable ASCII characters for logs. */
  readonly event: string;
  readonly source: MessageSource;
  /** ISO 8601 time the webhook was received or the reconciler found the call. */
  readonly receivedAt: string;
  /** Request id of the webhook delivery, reconcile run or replay. */
  readonly requestId: string;
  readonly messageId: string;
  /** `true` when an operator replayed the message; the hook runs again on purpose. */
  readonly isReplay: boolean;
  /** TalkPilot's record `id`, or the LiveKit `call_id` for `call_ended`; unset for employees. */
  readonly callId?: string;
  readonly agentId?: string;
}

/** The hooks the consumer runs; the handler injects them so tests can pass their own. */
export interface ActionHooks {
  /** Runs once for each new call. Throw to have the message retried. */
  onCallCompleted(call: CallPayload, context: HookContext): Promise<void>;
  /** Runs once for each new employee event. Throw to have the message retried. */
  onEmployeeEvent(event: EmployeeEvent, context: HookContext): Promise<void>;
}

/**
 * Default call hook: writes one structured log line with the call id, and `replay` when an
 * operator replayed the call. The consumer's outcome line already carries the other ids.
 */
export async function onCallCompleted(_call: CallPayload, context: HookContext): Promise<void> {
  context.logger.info(DEFAULT_CALL_HOOK_MESSAGE, {
    call_id: context.callId,
    ...(context.isReplay ? { replay: true } : {}),
  });
}

/** Default employee hook: writes one structured log line with the event name only. */
export async function onEmployeeEvent(_event: EmployeeEvent, context: HookContext): Promise<void> {
  context.logger.info(DEFAULT_EMPLOYEE_HOOK_MESSAGE, {
    event: context.event,
    source: context.source,
    replay: context.isReplay,
  });
}

/** The hooks of this module, as the Lambda handler and the local runtime wire them. */
export const defaultActionHooks: ActionHooks = { onCallCompleted, onEmployeeEvent };
