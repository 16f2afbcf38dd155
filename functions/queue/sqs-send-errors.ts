import { type BatchResultErrorEntry, SQSServiceException } from '@aws-sdk/client-sqs';

const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'RequestThrottled',
  'ThrottlingException',
  'KmsThrottled',
]);

/**
 * Tells whether a failed SendMessageBatch request may succeed when sent again: network errors,
 * timeouts, throttling and 5xx responses may; other SQS 4xx errors (missing queue, access
 * denied, invalid parameters) will not.
 */
export function isRetryableSendError(error: unknown): boolean {
  if (!(error instanceof SQSServiceException)) {
    return true;
  }
  const status = error.$metadata.httpStatusCode ?? 500;

  return status >= 500 || status === 429 || THROTTLING_CODES.has(error.name);
}

/** Tells whether one failed entry of a batch may succeed when sent again. */
export function isRetryableEntryFailure(entry: BatchResultErrorEntry): boolean {
  return !entry.SenderFault || THROTTLING_CODES.has(entry.Code ?? '');
}

/** Returns the error's name and, for SDK and network errors, its code, never its message. */
export function describeSendError(error: unknown): { error_name: string; error_code?: string } {
  if (!(error instanceof Error)) {
    return { error_name: typeof error };
  }
  const code = (error as { code?: unknown }).code;

  return typeof code === 'string'
    ? { error_name: error.name, error_code: code }
    : { error_name: error.name };
}
