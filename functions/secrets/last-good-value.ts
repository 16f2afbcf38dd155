import type { LoggerPort } from '../observability/logger';

/** Options of `LastGoodValue`. */
export interface LastGoodValueOptions {
  /**
   * Milliseconds after a failed read during which `read` returns the last good value without
   * trying again. Each failed read logs one warning, so this also limits warnings to one per
   * interval.
   */
  readonly retryIntervalMs: number;
  /** Receives one warning per failed read that the last good value covered. */
  readonly logger?: Pick<LoggerPort, 'warn'>;
  /** Message of that warning, a lowercase constant. */
  readonly failureMessage: string;
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  readonly now: () => number;
}

// The innermost cause names the failure best, for example `TimeoutError` below Powertools'
// `GetParameterError`; a few levels are enough for the SDK's and Powertools' wrapping.
function readRootCauseName(error: unknown): string | undefined {
  let name: string | undefined;
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; depth < 5 && cause instanceof Error; depth += 1) {
    name = cause.name;
    cause = cause.cause;
  }

  return name;
}

/**
 * Keeps the last value that a read returned, so a failed refresh (an outage of the store, or
 * a value that no longer parses) does not take away a value that worked. A read fails only
 * while no read ever succeeded. After a failure, reads pause for `retryIntervalMs`, so an
 * outage costs one slow call per interval instead of one per request.
 */
export class LastGoodValue<T> {
  private value: T | undefined;
  private retryAfterMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: LastGoodValueOptions) {}

  /** Returns `readFresh()`, or the last good value when it throws or reads are paused. */
  async read(readFresh: () => Promise<T>): Promise<T> {
    if (this.value !== undefined && this.options.now() < this.retryAfterMs) {
      return this.value;
    }
    try {
      this.value = await readFresh();
      this.retryAfterMs = Number.NEGATIVE_INFINITY;

      return this.value;
    } catch (error) {
      if (this.value === undefined) {
        throw error;
      }
      this.retryAfterMs = this.options.now() + this.options.retryIntervalMs;
      this.warn(error);

      return this.value;
    }
  }

  // Names only: an SDK message may repeat request details, and the value must never appear.
  private warn(error: unknown): void {
    const causeName = readRootCauseName(error);
    this.options.logger?.warn(this.options.failureMessage, {
      error_name: error instanceof Error ? error.name : typeof error,
      ...(causeName === undefined ? {} : { cause_name: causeName }),
      retry_after_seconds: this.options.retryIntervalMs / 1000,
    });
  }
}
