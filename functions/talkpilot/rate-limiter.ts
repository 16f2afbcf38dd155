import { nextAllowedTime, pruneRequestTimes, type RateLimits } from './rate-window';
import { TalkPilotDeadlineError } from './talkpilot-errors';
import type { TimePort } from './time-port';

/** Shared rate state of one API key: recent request times and a pause the API asked for. */
export interface RateState {
  /** Epoch milliseconds of the requests in the last hour, ascending. */
  readonly requestTimes: readonly number[];
  /** Epoch milliseconds before which no request may be sent (from `Retry-After`), or 0. */
  readonly pausedUntilMs: number;
}

/** A stored `RateState` with the version that a conditional write must match. */
export interface VersionedRateState {
  readonly state: RateState;
  readonly version: number;
}

/** Storage of the rate state; a write succeeds only if nobody wrote since the read. */
export interface RateStateStore {
  read(): Promise<VersionedRateState>;
  /** Returns `false` when another writer changed the state since `expectedVersion`. */
  write(state: RateState, expectedVersion: number): Promise<boolean>;
}

/** Port through which the client asks permission before every request. */
export interface RateLimiterPort {
  /**
   * Waits until one more request fits both limits and records it. Throws
   * `TalkPilotDeadlineError` without waiting when that time is after `deadlineMs`.
   */
  acquire(options: { operation: string; deadlineMs?: number }): Promise<void>;
  /** Stops all requests of this key until `untilMs`, for example after a 429. */
  pauseUntil(untilMs: number): Promise<void>;
}

const MAX_WRITE_CONFLICTS = 20;

/**
 * Creates a rate limiter over a shared store, so runs that overlap or follow each other stay
 * within one budget per key. Request times are recorded before the request is sent, so a
 * request that fails still counts, as it does at the API.
 */
export function createRateLimiter(
  store: RateStateStore,
  limits: RateLimits,
  time: TimePort,
): RateLimiterPort {
  async function acquire(options: { operation: string; deadlineMs?: number }): Promise<void> {
    for (let conflicts = 0; conflicts < MAX_WRITE_CONFLICTS; ) {
      const { state, version } = await store.read();
      const nowMs = time.now();
      const allowedAtMs = Math.max(
        nextAllowedTime(state.requestTimes, nowMs, limits),
        state.pausedUntilMs,
      );

      if (allowedAtMs > nowMs) {
        if (options.deadlineMs !== undefined && allowedAtMs > options.deadlineMs) {
          throw new TalkPilotDeadlineError(options.operation, allowedAtMs);
        }
        await time.sleep(allowedAtMs - nowMs);
        continue;
      }

      const requestTimes = [...pruneRequestTimes(state.requestTimes, nowMs), nowMs];
      if (await store.write({ ...state, requestTimes }, version)) {
        return;
      }
      conflicts += 1;
    }
    throw new Error(
      `Rate limiter could not record a request after ${MAX_WRITE_CONFLICTS} write conflicts; another process is writing the same key continuously`,
    );
  }

  async function pauseUntil(untilMs: number): Promise<void> {
    for (let attempt = 0; attempt < MAX_WRITE_CONFLICTS; attempt += 1) {
      const { state, version } = await store.read();
      if (state.pausedUntilMs >= untilMs) {
        return;
      }
      if (await store.write({ ...state, pausedUntilMs: untilMs }, version)) {
        return;
      }
    }
  }

  return { acquire, pauseUntil };
}

/** A store in process memory, for a single process such as a command-line run or a test. */
export function createMemoryRateStateStore(): RateStateStore {
  let current: VersionedRateState = { state: { requestTimes: [], pausedUntilMs: 0 }, version: 0 };

  return {
    read: async () => current,
    async write(state, expectedVersion) {
      if (current.version !== expectedVersion) {
        return false;
      }
      current = { state, version: expectedVersion + 1 };

      return true;
    },
  };
}
