import fc from 'fast-check';
import { nextAllowedTime } from '../../functions/talkpilot/rate-window';

describe('nextAllowedTime', () => {
  describe('requests sent at the allowed times', () => {
    it('keeps every minute and hour within the caps', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 10 }),
          fc.integer({ min: 1, max: 40 }),
          fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 1, maxLength: 80 }),
          (perMinute, perHour, gaps) => {
            const limits = { perMinute, perHour };
            const sent: number[] = [];
            let nowMs = 0;

            for (const gap of gaps) {
              nowMs = nextAllowedTime(sent, nowMs + gap, limits);
              sent.push(nowMs);
            }

            for (const time of sent) {
              const inMinute = sent.filter((other) => other > time - 60_000 && other <= time);
              const inHour = sent.filter((other) => other > time - 3_600_000 && other <= time);
              expect(inMinute.length).toBeLessThanOrEqual(perMinute);
              expect(inHour.length).toBeLessThanOrEqual(perHour);
            }
          },
        ),
      );
    });
  });

  describe('an empty history', () => {
    it('allows a request at once', () => {
      expect(nextAllowedTime([], 5000, { perMinute: 1, perHour: 1 })).toBe(5000);
    });
  });
});
