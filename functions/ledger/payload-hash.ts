import { createHash } from 'node:crypto';

/**
 * Serializes a JSON value canonically: object keys sorted by UTF-16 code unit at every level,
 * no whitespace, `undefined` properties left out. Equal payloads give equal text whatever
 * their key order or formatting.
 */
export function toCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => toCanonicalJson(item ?? null)).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .sort()
      .filter((name) => object[name] !== undefined)
      .map((name) => `${JSON.stringify(name)}:${toCanonicalJson(object[name])}`);

    return `{${members.join(',')}}`;
  }

  return JSON.stringify(value) ?? 'null';
}

/** Returns the SHA-256 of a payload's canonical JSON as lowercase hex. */
export function hashCanonicalPayload(value: unknown): string {
  return createHash('sha256').update(toCanonicalJson(value)).digest('hex');
}
