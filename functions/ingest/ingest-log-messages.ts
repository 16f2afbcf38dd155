/** Messages of the ingest handler's log lines, kept constant for CloudWatch queries. */
export const IngestLogMessage = {
  accepted: 'webhook accepted',
  rejected: 'webhook rejected',
  queueSendFailed: 'webhook queue send failed',
  secretUnavailable: 'webhook secret unavailable',
  secretRefreshFailed: 'webhook secret refresh failed',
  unexpectedError: 'webhook handling failed',
} as const;
