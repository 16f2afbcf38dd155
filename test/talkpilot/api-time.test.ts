import fc from 'fast-check';
import { parseApiTime } from '../../functions/talkpilot/api-time';

const utc = (...parts: [number, number, number, number, number, number, number?]) => {
  const [year, month, ...rest] = parts;

  return Date.UTC(year, month - 1, ...rest);
};

describe('parseApiTime', () => {
  describe('values without a zone', () => {
    it.each([
      ['2026-03-22 11:49:00', utc(2026, 3, 22, 11, 49, 0)],
      ['2026-03-22T11:49:00', utc(2026, 3, 22, 11, 49, 0)],
      ['2026-03-22T11:49:00.250', utc(2026, 3, 22, 11, 49, 0, 250)],
      ['2026-03-22T11:49', utc(2026, 3, 22, 11, 49, 0)],
      ['2026-03-22', utc(2026, 3, 22, 0, 0, 0)],
    ])('reads %p as UTC whatever the local zone', (text, expected) => {
      expect(parseApiTime(text)).toBe(expected);
    });
  });

  describe('values with a zone', () => {
    it.each([
      ['2026-03-22T11:49:00Z', utc(2026, 3, 22, 11, 49, 0)],
      ['2026-03-22T11:49:00.123456Z', utc(2026, 3, 22, 11, 49, 0, 123)],
      ['2026-03-22T11:49:00+00', utc(2026, 3, 22, 11, 49, 0)],
      ['2026-03-22T12:49:00+0100', utc(2026, 3, 22, 11, 49, 0)],
      ['2026-03-22T12:49:00+01:00', utc(2026, 3, 22, 11, 49, 0)],
      ['2026-03-22 06:19:00-05:30', utc(2026, 3, 22, 11, 49, 0)],
      ['2026-03-22T11:49:00.290z', utc(2026, 3, 22, 11, 49, 0, 290)],
    ])('reads %p at its offset', (text, expected) => {
      expect(parseApiTime(text)).toBe(expected);
    });
  });

  describe('values that are no time', () => {
    it.each([
      [''],
      ['yesterday'],
      ['2026-02-30T10:00:00Z'],
      ['2026-03-22T24:30:00Z'],
      ['2026-03-22T11:49:00+25:00'],
      ['1774180140000'],
      [1_774_180_140_000],
      [null],
    ])('returns undefined for %p', (value) => {
      expect(parseApiTime(value)).toBeUndefined();
    });
  });

  describe('any instant', () => {
    const instant = fc.integer({
      min: Date.UTC(2000, 0, 1),
      max: Date.UTC(2100, 0, 1),
    });
    const offsetMinutes = fc.integer({ min: -12 * 60, max: 14 * 60 });

    it('reads every ISO form back to the instant', () => {
      fc.assert(
        fc.property(instant, offsetMinutes, (epochMs, offset) => {
          const iso = new Date(epochMs).toISOString();
          const local = new Date(epochMs + offset * 60_000).toISOString().slice(0, -1);
          const sign = offset < 0 ? '-' : '+';
          const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
          const minutes = String(Math.abs(offset) % 60).padStart(2, '0');

          expect(parseApiTime(iso)).toBe(epochMs);
          expect(parseApiTime(iso.slice(0, -1).replace('T', ' '))).toBe(epochMs);
          expect(parseApiTime(`${local}${sign}${hours}:${minutes}`)).toBe(epochMs);
          expect(parseApiTime(`${local}${sign}${hours}${minutes}`)).toBe(epochMs);
        }),
      );
    });

    it('never throws on any text', () => {
      fc.assert(
        fc.property(fc.string(), (text) => {
          const parsed = parseApiTime(text);

          expect(parsed === undefined || Number.isFinite(parsed)).toBe(true);
        }),
      );
    });
  });
});
