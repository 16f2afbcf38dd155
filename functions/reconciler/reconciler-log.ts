/** Log messages of the reconciler, kept constant so they can be queried in CloudWatch. */
export const ReconcilerLogMessage = {
  notConfigured: 'reconciler not configured',
  runStarted: 'reconcile run started',
  runFinished: 'reconcile run finished',
  agentsUnavailable: 'reconcile agents unavailable',
  agentSummary: 'reconcile agent summary',
  agentFailed: 'reconcile agent failed',
  missedCall: 'missed call found',
  purgedCall: 'missed call purged',
  vanishedCall: 'missed call vanished',
  detailFailed: 'call detail failed',
  enqueueFailed: 'reconciled call not queued',
  transcriptOmitted: 'reconciled call queued without transcript',
  oversizedCall: 'reconciled call too large',
  invalidCalls: 'listed calls without id',
  incompleteScan: 'call scan incomplete',
} as const;
