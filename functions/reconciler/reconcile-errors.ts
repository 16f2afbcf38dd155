/** Base of the reconciler's own failures; API failures are `TalkPilotError`s. */
export class ReconcileError extends Error {
  override readonly name: string = 'ReconcileError';
}

/** The run reached its time budget; the next run resumes from the stored watermarks. */
export class ReconcileTimeBudgetError extends ReconcileError {
  override readonly name = 'ReconcileTimeBudgetError';

  constructor(readonly deadlineMs: number) {
    super(
      `Reconcile run stopped at its time budget (${new Date(deadlineMs).toISOString()}); the next run resumes`,
    );
  }
}

/** The agent list could not be read, so the run reconciled nothing. */
export class ReconcileAgentsUnavailableError extends ReconcileError {
  override readonly name = 'ReconcileAgentsUnavailableError';

  constructor(
    readonly runId: string,
    options: { cause: unknown },
  ) {
    super(
      `Reconcile run ${runId} could not list the agents; check the API key and TalkPilot's status`,
      options,
    );
  }
}

/**
 * Every agent the run reached failed, for example because the key lacks `calls:read`. Thrown at
 * the end of the run so the function's error alarm fires as well.
 */
export class ReconcileAllAgentsFailedError extends ReconcileError {
  override readonly name = 'ReconcileAllAgentsFailedError';

  constructor(
    readonly runId: string,
    readonly agentCount: number,
  ) {
    super(
      `Reconcile run ${runId} failed for all ${agentCount} agents; see the 'reconcile agent failed' log lines`,
    );
  }
}
