/**
 * Service names and metric names shared by the handlers and the CloudWatch dashboard and
 * alarms. Every metric is a count in the `TalkPilotWebhooks` namespace with the `service`
 * dimension only.
 */
export const ServiceName = {
  ingest: 'ingest',
  consumer: 'consumer',
  reconciler: 'reconciler',
} as const;

/**
 * Metrics of the ingest handler. Accepted webhooks have none: the HTTP API's request counts
 * show them, and a metric would write an extra log line for every call.
 */
export const IngestMetric = {
  rejected: 'WebhooksRejected',
  queueSendFailed: 'QueueSendFailed',
} as const;

/** Metrics of the consumer, one per message outcome. */
export const ConsumerMetric = {
  processed: 'MessagesProcessed',
  duplicate: 'MessagesDuplicate',
  retry: 'MessagesRetried',
  quarantined: 'MessagesQuarantined',
} as const;

/** Metrics of the reconciler, summed over the agents of a run. */
export const ReconcilerMetric = {
  callsSeen: 'CallsSeen',
  callsMissed: 'CallsMissed',
  callsEnqueued: 'CallsEnqueued',
  apiRequests: 'ApiRequests',
  rateLimited: 'RateLimited',
  /** One per agent whose part of a run failed (API, ledger or queue error). */
  agentsFailed: 'ReconcileAgentsFailed',
} as const;
