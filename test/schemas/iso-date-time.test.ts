import fc from 'fast-check';
import { parseIsoDateTime } from '../../functions/schemas/iso-date-time';

const HALF_PAST_TEN_UTC = Date.UTC(2026, 2, 22, 10, 30, 0);

describe('parseIsoDateTime', () => {
  describe('zones and separators', () => {
    it.each([
      ['Z', '2026-03-22T10:30:00Z', 0],
      ['lowercase z', '2026-03-22t10:30:00z', 0],
      ['an hour-only offset', '2026-03-22T10:30:00+00', 0],
      ['an hour-only negative offset', '2026-03-22T10:30:00-02', 2],
      ['a compact offset', '2026-03-22T11:30:00+0100', 0],
      ['an extended offset', '2026-03-22T11:30:00+01:00', 0],
      ['no zone, read as UTC', '2026-03-22T10:30:00', 0],
      ['a space separator', '2026-03-22 10:30:00+00:00', 0],
      ['no seconds', '2026-03-22T10:30Z', 0],
      ['surrounding whitespace', ' 2026-03-22T10:30:00Z ', 0],
    ])('reads %s', (_name, text, hoursAfter) => {
      expect(parseIsoDateTime(text)).toBe(HALF_PAST_TEN_UTC + hoursAfter * 3_600_000);
    });

    it.each([
      ['milliseconds', '2026-03-22T10:30:00.123Z', 123],
      ['microseconds, cut to milliseconds', '2026-03-22T10:30:00.123456+00:00', 123],
      ['one fraction digit', '2026-03-22T10:30:00.5Z', 500],
      ['a comma as decimal sign', '2026-03-22T10:30:00,25Z', 250],
    ])('reads %s', (_name, text, milliseconds) => {
      expect(parseIsoDateTime(text)).toBe(HALF_PAST_TEN_UTC + milliseconds);
    });
  });

  describe('invalid text', () => {
    it.each([
      ['a word', 'yesterday'],
      ['a date only', '2026-03-22'],
      ['a day past the month end', '2026-02-30T10:30:00Z'],
      ['hour 24', '2026-03-22T24:00:00Z'],
      ['an offset over 23 hours', '2026-03-22T10:30:00+24:00'],
      ['a three-digit offset', '2026-03-22T10:30:00+010'],
      ['an empty string', ''],
    ])('returns undefined for %s', (_name, text) => {
      expect(parseIsoDateTime(text)).toBeUndefined();
    });
  });

  describe('properties', () => {
    const instant = fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });

    it('reads back every toISOString value', () => {
      fc.assert(
        fc.property(instant, (date) => {
          expect(parseIsoDateTime(date.toISOString())).toBe(date.getTime());
        }),
      );
    });

    it('gives the same instant for every offset form', () => {
      fc.assert(
        fc.property(instant, fc.integer({ min: -12, max: 14 }), (date, offsetHours) => {
          const local = new Date(date.getTime() + offsetHours * 3_600_000).toISOString();
          const sign = offsetHours < 0 ? '-' : '+';
          const hours = String(Math.abs(offsetHours)).padStart(2, '0');
          const base = local.slice(0, -1);

          for (const zone of [`${sign}${hours}`, `${sign}${hours}00`, `${sign}${hours}:00`]) {
            expect(parseIsoDateTime(`${base}${zone}`)).toBe(date.getTime());
          }
        }),
      );
    });

    it('never throws on arbitrary text', () => {
      fc.assert(
        fc.property(fc.string(), (text) => {
          expect(() => parseIsoDateTime(text)).not.toThrow();
        }),
      );
    });
  });
});
