import { normalizeApiKey } from '../../functions/reconciler/api-key-source';

describe('normalizeApiKey', () => {
  describe('values that mean no key', () => {
    it.each([
      [''],
      ['   '],
      ['PLACEHOLDER'],
      ['PLACEHOLDER: replace with your TalkPilot API key'],
      ['changeme'],
      [undefined],
      [42],
    ])('returns undefined for %p', (value) => {
      expect(normalizeApiKey(value)).toBeUndefined();
    });
  });

  describe('a real key', () => {
    it('returns the trimmed key', () => {
      expect(normalizeApiKey(' tp_live_0123456789abcdef0123456789abcdef\n')).toBe(
        'tp_live_0123456789abcdef0123456789abcdef',
      );
    });
  });
});
