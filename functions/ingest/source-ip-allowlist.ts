import { BlockList, isIP } from 'node:net';

/** Source addresses allowed to post webhooks; empty means every address is allowed. */
export interface SourceIpAllowlist {
  allows(sourceIp: string | undefined): boolean;
}

/** Thrown for an allowlist entry that is not an IPv4 or IPv6 CIDR range or address. */
export class SourceCidrInvalidError extends Error {
  override readonly name = 'SourceCidrInvalidError';

  constructor(readonly cidr: string) {
    super(`Source CIDR '${cidr}' is invalid; use a range such as 203.0.113.0/24 or 2001:db8::/32`);
  }
}

function addRange(list: BlockList, cidr: string): void {
  const [address = '', prefixText, extra] = cidr.trim().split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) {
    throw new SourceCidrInvalidError(cidr);
  }
  const maxPrefix = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? String(maxPrefix)) || prefix > maxPrefix) {
    throw new SourceCidrInvalidError(cidr);
  }
  list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Builds an allowlist from CIDR ranges (a bare address counts as a /32 or /128 range). IPv4
 * ranges also match IPv4-mapped IPv6 addresses. Throws `SourceCidrInvalidError` for the first
 * invalid entry.
 */
export function createSourceIpAllowlist(cidrs: readonly string[]): SourceIpAllowlist {
  if (cidrs.length === 0) {
    return { allows: () => true };
  }
  const list = new BlockList();
  for (const cidr of cidrs) {
    addRange(list, cidr);
  }

  return {
    allows(sourceIp) {
      const family = sourceIp === undefined ? 0 : isIP(sourceIp);
      if (sourceIp === undefined || family === 0) {
        return false;
      }

      return list.check(sourceIp, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
