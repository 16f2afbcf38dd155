/**
 * Returns the media type of a `Content-Type` value, lowercased and without parameters
 * (`Application/JSON; charset=utf-8` gives `application/json`), or `undefined` when the value
 * is missing or blank.
 */
export function readMediaType(contentType: string | undefined): string | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();

  return mediaType === undefined || mediaType === '' ? undefined : mediaType;
}

/** Returns whether a media type is JSON: `application/json` or any `+json` suffix type. */
export function isJsonMediaType(mediaType: string | undefined): boolean {
  return mediaType === 'application/json' || (mediaType?.endsWith('+json') ?? false);
}
