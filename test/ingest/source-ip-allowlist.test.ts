import {
  createSourceIpAllowlist,
  SourceCidrInvalidError,
} from '../../functions/ingest/source-ip-allowlist';

describe('createSourceIpAllowlist', () => {
  describe('ranges', () => {
    const allowlist = createSourceIpAllowlist(['198.51.100.0/24', '2001:db8::/32', '192.0.2.5']);

    it.each([
      ['198.51.100.255', true],
      ['198.51.101.1', false],
      ['::ffff:198.51.100.1', true],
      ['2001:db8:ffff::1', true],
      ['2001:db9::1', false],
      ['192.0.2.5', true],
      ['192.0.2.6', false],
      ['not an address', false],
      [undefined, false],
    ])('returns the expected decision for %s', (sourceIp, expected) => {
      const allowed = allowlist.allows(sourceIp);

      expect(allowed).toBe(expected);
    });

    it('allows every address when the list is empty', () => {
      const allowed = createSourceIpAllowlist([]).allows(undefined);

      expect(allowed).toBe(true);
    });
  });

  describe('invalid entry', () => {
    it.each(['10.0.0.0/33', '2001:db8::/129', 'example.com/24', '10.0.0.0/8/1', '10.0.0.0/x'])(
      'throws for %s',
      (cidr) => {
        const create = () => createSourceIpAllowlist([cidr]);

        expect(create).toThrow(SourceCidrInvalidError);
      },
    );
  });
});
