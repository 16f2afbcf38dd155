/** Start of the fake clock: 2026-03-22T10:00:00Z. */
export const FAKE_CLOCK_START_MS = Date.parse('2026-03-22T10:00:00Z');

/**
 * Fakes `Date` only, which both the sources and the Powertools parameter cache read, and
 * leaves timers and ticks real so the SDK mocks resolve as usual.
 */
export function useFakeClock(): void {
  jest.useFakeTimers({
    now: FAKE_CLOCK_START_MS,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

/** Moves the fake clock forward by `ms` milliseconds. */
export function advanceClock(ms: number): void {
  jest.setSystemTime(Date.now() + ms);
}
