import { randomUUID } from 'node:crypto';
import callCompleted from './call-completed.json';
import employeeForwardingCreated from './employee-forwarding-created.json';

/** Which samples `send-sample` sends. */
export const SampleEvent = {
  call: 'call',
  employee: 'employee',
  all: 'all',
} as const;

export type SampleEvent = (typeof SampleEvent)[keyof typeof SampleEvent];

/** One request body to send, with the ids that the output shows. */
export interface SamplePayload {
  /** The payload's `event` value. */
  readonly event: string;
  /** `call.id` of a call sample. */
  readonly callId?: string;
  readonly body: string;
}

/**
 * Builds the documented webhook samples for `event`. A call sample gets a random `call.id` so
 * the consumer does not drop it as a duplicate, unless `fixedId` keeps the documented one.
 */
export function buildSamplePayloads(event: SampleEvent, fixedId: boolean): SamplePayload[] {
  const payloads: SamplePayload[] = [];
  if (event === SampleEvent.call || event === SampleEvent.all) {
    const callId = fixedId ? callCompleted.call.id : randomUUID();
    const body = { ...callCompleted, call: { ...callCompleted.call, id: callId } };
    payloads.push({ event: callCompleted.event, callId, body: JSON.stringify(body) });
  }
  if (event === SampleEvent.employee || event === SampleEvent.all) {
    payloads.push({
      event: employeeForwardingCreated.event,
      body: JSON.stringify(employeeForwardingCreated),
    });
  }

  return payloads;
}
