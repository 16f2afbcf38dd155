/** Marks a query or fragment that was left out. */
const LEFT_OUT = '…';

/** Value of a query parameter that the output filter already masked. */
const MASKED_VALUE = '***';

// A scheme and `//`, then everything up to white space or a quote; trailing punctuation of the
// sentence is not part of the URL.
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]*[^\s'"<>`.,;:!?)\]]/gi;

/**
 * Masks every URL in `text`: user info is dropped, and a query or fragment becomes `?…` unless
 * each of its values is already `***`. Error messages of other code (fetch, the AWS SDK) may
 * quote a URL with a credential in any part, so every output line passes through this.
 */
export function maskUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, maskUrl);
}

/** Masks one URL as `maskUrlsInText` does. */
export function maskUrl(url: string): string {
  const withoutUserInfo = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  const queryStart = withoutUserInfo.search(/[?#]/);
  if (queryStart === -1) {
    return withoutUserInfo;
  }
  const base = withoutUserInfo.slice(0, queryStart);
  const rest = withoutUserInfo.slice(queryStart);

  return isAlreadyMasked(rest) ? `${base}${rest}` : `${base}?${LEFT_OUT}`;
}

function isAlreadyMasked(queryAndFragment: string): boolean {
  if (!queryAndFragment.startsWith('?') || queryAndFragment.includes('#')) {
    return false;
  }
  const parameters = queryAndFragment.slice(1).split('&');

  return parameters.every((parameter) => {
    const [name = '', value] = parameter.split('=');

    return /^[a-z_-]+$/i.test(name) && value === MASKED_VALUE;
  });
}
