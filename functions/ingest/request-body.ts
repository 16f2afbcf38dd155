import { IngestRejection } from './ingest-result';

/** The request body as API Gateway delivers it. */
export interface RawRequestBody {
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
}

/** A decoded body: its text and the JSON object it holds, or why it has none. */
export type DecodedRequestBody =
  | { readonly ok: true; readonly text: string; readonly payload: Record<string, unknown> }
  | { readonly ok: false; readonly reason: IngestRejection };

const BYTE_ORDER_MARK = '\uFEFF';

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeText(raw: RawRequestBody): string | undefined {
  if (!raw.isBase64Encoded) {
    return raw.body ?? '';
  }
  try {
    return utf8Decoder.decode(Buffer.from(raw.body ?? '', 'base64'));
  } catch {
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a request body: base64 when `isBase64Encoded` is set (the bytes must be valid
 * UTF-8), otherwise the text as given, with one leading byte-order mark removed. Text longer
 * than `maxBytes` in UTF-8 is rejected before parsing; the rest must hold a JSON object.
 * Never throws.
 */
export function decodeRequestBody(raw: RawRequestBody, maxBytes: number): DecodedRequestBody {
  const decoded = decodeText(raw);
  if (decoded === undefined) {
    return { ok: false, reason: IngestRejection.bodyNotUtf8 };
  }
  const text = decoded.startsWith(BYTE_ORDER_MARK) ? decoded.slice(1) : decoded;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    return { ok: false, reason: IngestRejection.bodyTooLarge };
  }

  const payload = parseJson(text);
  if (payload === undefined) {
    return { ok: false, reason: IngestRejection.bodyNotJson };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, reason: IngestRejection.bodyNotObject };
  }

  return { ok: true, text, payload: payload as Record<string, unknown> };
}
