import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORBIDDEN_STRINGS } from '../support/log-capture-forbidden';
import { findLeaks, maskValue } from '../support/log-capture-scan';

const ROOT = join(__dirname, '..', '..');
const PERSONAL_FIELDS = new Set([
  'customer_name',
  'phone_number',
  'email',
  'name',
  'substitute',
  'responsibilities',
]);

/** Collects the personal string values of a fixture, at any depth. */
function personalValues(value: unknown, field = ''): string[] {
  if (typeof value === 'string') {
    return PERSONAL_FIELDS.has(field) ? [value] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item) => personalValues(item, field));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => personalValues(item, key));
  }

  return [];
}

const FIXTURES = [
  'test/fixtures/call-completed.json',
  'test/fixtures/call-detail.json',
  'test/fixtures/employee-forwarding-created.json',
  'cli/samples/call-completed.json',
  'cli/samples/employee-forwarding-created.json',
];

describe('log scan', () => {
  describe('forbidden list', () => {
    it.each(FIXTURES)('covers every name, phone number and e-mail of %s', (fixture) => {
      const values = personalValues(JSON.parse(readFileSync(join(ROOT, fixture), 'utf8')));

      const listed = new Set(FORBIDDEN_STRINGS.map((entry) => entry.value));

      expect(values.filter((value) => !listed.has(value))).toEqual([]);
    });
  });

  describe('findLeaks', () => {
    it('finds a listed value and reports it masked', () => {
      const line = JSON.stringify({ message: 'call hook ran', customer_name: 'Hans Meier' });

      const leaks = findLeaks(line);

      expect(leaks).toEqual([{ label: 'fixture customer name', masked: 'Ha*** (10 chars)' }]);
    });

    it('finds an unmasked secret query parameter but not a masked one', () => {
      const leaked = findLeaks('url https://h/webhooks/talkpilot?secret=abcd1234');
      const masked = findLeaks('url https://h/webhooks/talkpilot?secret=***');

      expect(leaked.map((leak) => leak.label)).toEqual(['secret query parameter']);
      expect(masked).toEqual([]);
    });

    it('passes a line with ids only', () => {
      const line = JSON.stringify({ message: 'message handled', call_id: 'call-uuid' });

      expect(findLeaks(line)).toEqual([]);
      expect(maskValue('+491701234567')).toBe('+4*** (13 chars)');
    });
  });
});
