import { setTimeout as delay } from 'node:timers/promises';

/** Clock and sleep in one port, so tests can run hours of rate-limit waits in no real time. */
export interface TimePort {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The real clock and timers. */
export const systemTime: TimePort = {
  now: () => Date.now(),
  sleep: (ms) => delay(Math.max(0, ms)),
};
