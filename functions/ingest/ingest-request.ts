/** Route that TalkPilot posts to. */
export const WEBHOOK_PATH = '/webhooks/talkpilot';

/** Header that may carry the webhook secret instead of the `secret` query parameter. */
export const WEBHOOK_SECRET_HEADER = 'x-webhook-secret';

/** One webhook request, taken out of the API Gateway event by the adapter. */
export interface IngestRequest {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Request path without the stage prefix. */
  readonly path: string;
  /** Headers with lowercase names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The `secret` query parameter. */
  readonly querySecret?: string;
  readonly sourceIp?: string;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  /** API Gateway request id, or a generated one when the event has none. */
  readonly requestId: string;
}
