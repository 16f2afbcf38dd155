// With the `u` flag, a surrogate range matches only a surrogate that is not part of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;

const REPLACEMENT_CHARACTER = '\uFFFD';

/** Text prepared for a ledger record, and whether it was cut. */
export interface RecordText {
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * Prepares text for a ledger record: replaces each lone UTF-16 surrogate with U+FFFD, because
 * it has no UTF-8 form, and cuts the text to at most `maxLength` UTF-16 code units without
 * splitting a surrogate pair, so a cut before an emoji keeps one code unit fewer.
 */
export function toRecordText(value: string, maxLength: number): RecordText {
  const wellFormed = value.replace(LONE_SURROGATE, REPLACEMENT_CHARACTER);
  if (wellFormed.length <= maxLength) {
    return { text: wellFormed, truncated: false };
  }
  const lastKept = wellFormed.charCodeAt(maxLength - 1);
  const splitsPair = lastKept >= 0xd800 && lastKept <= 0xdbff;

  return { text: wellFormed.slice(0, splitsPair ? maxLength - 1 : maxLength), truncated: true };
}
