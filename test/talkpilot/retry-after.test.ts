import fc from 'fast-check';
import {
  DEFAULT_RETRY_AFTER_MS,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
} from '../../functions/talkpilot/retry-after';

const NOW_MS = Date.parse('2026-03-22T12:00:00Z');

describe('parseRetryAfter', () => {
  describe('valid values', () => {
    it.each([
      ['18', 18_000],
      [' 60 ', 60_000],
      ['0', 0],
      ['3600', 3_600_000],
      ['Sun, 22 Mar 2026 12:00:30 GMT', 30_000],
      ['Sun, 22 Mar 2026 11:59:00 GMT', 0],
    ])('returns the wait for %p', (value, expected) => {
      expect(parseRetryAfter(value, NOW_MS)).toBe(expected);
    });
  });

  describe('missing or garbled values', () => {
    it.each([
      [undefined],
      [null],
      [''],
      ['soon'],
      ['-5'],
      ['1.5'],
      ['Mon, 99 Foo 2026 25:61:61 GMT'],
    ])('returns the default for %p', (value) => {
      expect(parseRetryAfter(value, NOW_MS)).toBe(DEFAULT_RETRY_AFTER_MS);
    });
  });

  describe('any input', () => {
    it('returns a wait within the bounds when given any string', () => {
      fc.assert(
        fc.property(fc.string(), (value) => {
          const waitMs = parseRetryAfter(value, NOW_MS);

          expect(waitMs).toBeGreaterThanOrEqual(0);
          expect(waitMs).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS);
        }),
      );
    });

    it('reads every whole number of seconds, capped at an hour', () => {
      fc.assert(
        fc.property(fc.nat(), (seconds) => {
          expect(parseRetryAfter(String(seconds), NOW_MS)).toBe(
            Math.min(seconds * 1000, MAX_RETRY_AFTER_MS),
          );
        }),
      );
    });

    it('reads every HTTP date within the hour', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 3600 }), (seconds) => {
          const value = new Date(NOW_MS + seconds * 1000).toUTCString();

          expect(parseRetryAfter(value, NOW_MS)).toBe(seconds * 1000);
        }),
      );
    });
  });
});
