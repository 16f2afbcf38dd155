import type { TimePort } from '../../functions/talkpilot/time-port';

/** A clock that only moves when code sleeps or the test calls `advance`. */
export interface FakeTime extends TimePort {
  /** Every sleep requested, in milliseconds, in order. */
  readonly sleeps: number[];
  advance(ms: number): void;
}

/** Creates a fake clock starting at `startMs` (default 2026-03-22T12:00:00Z). */
export function createFakeTime(startMs = Date.parse('2026-03-22T12:00:00Z')): FakeTime {
  let nowMs = startMs;
  const sleeps: number[] = [];

  return {
    sleeps,
    now: () => nowMs,
    sleep: async (ms) => {
      sleeps.push(ms);
      nowMs += Math.max(0, ms);
    },
    advance: (ms) => {
      nowMs += ms;
    },
  };
}
