import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Webhook secret of the hardening pipelines; listed in the log scan's forbidden strings. */
export const HARDENING_SECRET = 'hardening-secret-7d1f0c2a9b';

/** Previous secret of the hardening pipelines, also forbidden in logs. */
export const HARDENING_PREVIOUS_SECRET = 'hardening-previous-4e8b2f61';

/** Personal values the hardening payloads carry, so the log scan also guards them. */
export const HARDENING_PERSONAL = {
  customerName: 'Greta Lasttest',
  phoneNumber: '+4915112345678',
  transcriptText: 'Lasttest Transkript Satz',
} as const;

const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'call-completed.json'), 'utf8'),
) as { event: string; call: Record<string, unknown> };

/**
 * Builds a documented `call.completed` body for `callId` with the hardening personal values,
 * and with `agentId` in place of the fixture's short placeholder when given.
 */
export function buildCallBody(callId: string, padBytes = 0, agentId?: string): string {
  const call = {
    ...fixture.call,
    id: callId,
    ...(agentId === undefined ? {} : { agent_id: agentId }),
    customer_name: HARDENING_PERSONAL.customerName,
    phone_number: HARDENING_PERSONAL.phoneNumber,
    transcript: JSON.stringify([
      { role: 'user', text: `${HARDENING_PERSONAL.transcriptText} ${'x'.repeat(padBytes)}` },
    ]),
  };

  return JSON.stringify({ event: fixture.event, call });
}

/** Returns `call.id` of a call hook payload of either call format. */
export function callIdOf(payload: unknown): string {
  const value = payload as { call?: { id?: unknown }; call_id?: unknown };

  return String(value.call?.id ?? value.call_id ?? '');
}
