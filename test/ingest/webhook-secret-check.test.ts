import fc from 'fast-check';
import {
  matchesAnyWebhookSecret,
  matchesWebhookSecret,
} from '../../functions/ingest/webhook-secret-check';

describe('matchesWebhookSecret', () => {
  describe('known secrets', () => {
    it.each([
      ['current', 'current-secret', true],
      ['previous', 'previous-secret', true],
      ['prefix of current', 'current-secre', false],
      ['current with a suffix', 'current-secretx', false],
      ['empty string', '', false],
      ['other case', 'CURRENT-SECRET', false],
    ])('returns the expected match for the %s', (_name, provided, expected) => {
      const secrets = { current: 'current-secret', previous: 'previous-secret' };

      const matches = matchesWebhookSecret(provided, secrets);

      expect(matches).toBe(expected);
    });

    it('never matches an empty previous secret', () => {
      const matches = matchesWebhookSecret('', { current: 'c', previous: '' });

      expect(matches).toBe(false);
    });
  });

  describe('any input', () => {
    it('matches exactly the current or previous secret', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'binary', minLength: 1 }),
          fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
          (provided, current, previous) => {
            const expected =
              provided !== '' && (provided === current || (!!previous && provided === previous));

            const matches = matchesWebhookSecret(provided, { current, previous });

            expect(matches).toBe(expected);
          },
        ),
      );
    });

    it('accepts a list when any entry matches', () => {
      fc.assert(
        fc.property(fc.array(fc.string()), fc.string({ minLength: 1 }), (others, current) => {
          const provided = [...others, current];

          const matches = matchesAnyWebhookSecret(provided, { current });

          expect(matches).toBe(true);
        }),
      );
    });
  });
});
