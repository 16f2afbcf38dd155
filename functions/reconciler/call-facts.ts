import { parseApiTime } from '../talkpilot/api-time';
import type { ApiRecord } from '../talkpilot/talkpilot-records';

/** What the reconciler reads from a listed call; missing fields stay `undefined`. */
export interface CallFacts {
  readonly id: string;
  /** Call start, epoch milliseconds. */
  readonly createdAtMs?: number;
  readonly durationSeconds?: number;
  /** Personal data was removed by retention, so the transcript and phone number are gone. */
  readonly isPurged: boolean;
}

/** Reads the timing and purge state of a call record without trusting any field's type. */
export function readCallFacts(call: ApiRecord): CallFacts {
  const duration = call.duration;

  return {
    id: call.id,
    createdAtMs: parseApiTime(call.created_at),
    durationSeconds:
      typeof duration === 'number' && Number.isFinite(duration) && duration >= 0
        ? duration
        : undefined,
    isPurged: call.is_purged === true,
  };
}

/**
 * Returns the time after which a call's webhook should have arrived: start plus duration plus
 * `graceMs`. A missing duration counts as `unknownDurationMs`, because a call still running may
 * be listed without one. A missing start returns `undefined`: the API listed the call in a
 * window that ended a settle delay ago, so the caller treats it as finished.
 *
 * NOTE: the docs do not say how a call still in progress is listed. A running call listed with
 * `duration: 0` counts as due at start plus grace (the window's settle delay adds to that), so a
 * call running longer than about grace plus settle delay (15 minutes by default) could be
 * reconciled before its webhook arrives. It is assumed that the API lists a running call without
 * a duration (null), which waits `unknownDurationMs`, or only after the call has ended. Either way
 * the consumer's dedupe keeps the first of the two copies.
 */
export function webhookDueAt(
  facts: CallFacts,
  graceMs: number,
  unknownDurationMs: number,
): number | undefined {
  if (facts.createdAtMs === undefined) {
    return undefined;
  }
  const durationMs =
    facts.durationSeconds === undefined ? unknownDurationMs : facts.durationSeconds * 1000;

  return facts.createdAtMs + durationMs + graceMs;
}
