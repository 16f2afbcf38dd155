/** Timing of a reconcile run; every value is in milliseconds. */
export interface ReconcileSettings {
  /** How far back an agent without a watermark is scanned; default 24 hours. */
  readonly lookbackMs: number;
  /** How far before the watermark a window starts again, for late and boundary calls. */
  readonly overlapMs: number;
  /** How far before now a window ends, so calls created during the scan do not shift pages. */
  readonly settleDelayMs: number;
  /** Time after a call's end (start plus duration) for its webhook to arrive. */
  readonly graceMs: number;
  /** Length of the slices a window is scanned in, oldest first; the watermark moves per slice. */
  readonly sliceMs: number;
  /** Time after which a run starts no more work, well under the Lambda timeout. */
  readonly timeBudgetMs: number;
  /** Length assumed for a call whose `duration` is missing, before it counts as finished. */
  readonly unknownDurationMs: number;
}

const MINUTE_MS = 60_000;

/** Defaults of `ReconcileSettings`. */
export const DEFAULT_RECONCILE_SETTINGS: ReconcileSettings = {
  lookbackMs: 24 * 60 * MINUTE_MS,
  overlapMs: 15 * MINUTE_MS,
  settleDelayMs: 10 * MINUTE_MS,
  graceMs: 5 * MINUTE_MS,
  sliceMs: 60 * MINUTE_MS,
  timeBudgetMs: 10 * MINUTE_MS,
  unknownDurationMs: 60 * MINUTE_MS,
};
