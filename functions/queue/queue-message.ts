/** Where a queued message came from. */
export const MessageSource = {
  webhook: 'webhook',
  reconcile: 'reconcile',
  replay: 'replay',
} as const;

export type MessageSource = (typeof MessageSource)[keyof typeof MessageSource];

/**
 * Facts about a message that travel beside its body as SQS message attributes, so the body
 * stays exactly what TalkPilot sent.
 */
export interface MessageMetadata {
  readonly source: MessageSource;
  /** ISO 8601 time at which the webhook was received or the reconciler found the call. */
  readonly receivedAt: string;
  /** API Gateway request id, or the reconcile run id. */
  readonly requestId: string;
  /** The payload's `event` value, for routing and for reading the DLQ. */
  readonly event?: string;
  /** The call's `id` when the event is about a call. */
  readonly callId?: string;
}

/** One message for the calls queue. */
export interface QueueMessage {
  /** The payload as text; for webhooks, the request body unchanged. */
  readonly body: string;
  readonly metadata: MessageMetadata;
}

/** Names of the SQS message attributes that carry `MessageMetadata`. */
export const MessageAttributeName = {
  source: 'source',
  receivedAt: 'received_at',
  requestId: 'request_id',
  event: 'event',
  callId: 'call_id',
} as const;

/** Result of sending messages: the indexes of the messages that SQS did not accept. */
export interface SendMessagesResult {
  readonly failedIndexes: readonly number[];
}

/** Port to the calls queue; the SQS adapter implements it in AWS and locally. */
export interface QueuePort {
  /** Sends up to any number of messages, in batches of at most 10. */
  sendMessages(messages: readonly QueueMessage[]): Promise<SendMessagesResult>;
}
