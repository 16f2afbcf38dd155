import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { createSourceIpAllowlist } from '../../functions/ingest/source-ip-allowlist';
import { VisibilityTimeoutFactor } from '../constructs/message-processing';
import { ContextReader } from './context-reader';

/** The stack's configuration, read once from CDK context with the defaults below. */
export interface StackSettings {
  readonly stackName: string;
  readonly alarmEmail: string | undefined;
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
  readonly allowedSourceCidrs: readonly string[];
  readonly maxReceiveCount: number;
  readonly consumerMaxConcurrency: number;
  readonly consumerTimeoutSeconds: number;
  readonly leaseSeconds: number;
  readonly retentionDays: number;
  readonly reconcileIntervalMinutes: number;
  readonly reconcileLookbackHours: number;
  readonly reconcileRatePerMinute: number;
  readonly reconcileRatePerHour: number;
  readonly talkpilotBaseUrl: string;
  readonly logRetentionDays: RetentionDays;
  readonly logLevel: string;
  readonly throwawayStage: boolean;
}

/** Default of every context key; the deploy guide's table lists the same values. */
export const StackSettingsDefaults = {
  stackName: 'TalkPilotWebhooks',
  throttleRateLimit: 50,
  throttleBurstLimit: 100,
  maxReceiveCount: 5,
  consumerMaxConcurrency: 2,
  consumerTimeoutSeconds: 30,
  leaseSeconds: 60,
  retentionDays: 30,
  reconcileIntervalMinutes: 15,
  reconcileLookbackHours: 24,
  reconcileRatePerMinute: 60,
  reconcileRatePerHour: 1000,
  talkpilotBaseUrl: 'https://api.talkpilot.io/v1',
  logRetentionDays: RetentionDays.ONE_MONTH,
  logLevel: 'INFO',
  throwawayStage: false,
} as const;

const logLevels = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'];
const retentionDayValues = Object.values(RetentionDays).filter(
  (value) => typeof value === 'number',
);
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const stackNamePattern = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/**
 * Reads the stack's settings from CDK context (`cdk.json` or `-c key=value`), applies the
 * defaults and throws `StackContextInvalidError` listing every invalid key.
 */
export function readStackSettings(node: Node): StackSettings {
  const reader = new ContextReader(node);
  const defaults = StackSettingsDefaults;
  const settings: StackSettings = {
    stackName: reader.optionalString('stackName', defaults.stackName) ?? defaults.stackName,
    alarmEmail: reader.optionalString('alarmEmail'),
    throttleRateLimit: reader.integer('throttleRateLimit', defaults.throttleRateLimit, {
      min: 1,
      max: 10_000,
    }),
    throttleBurstLimit: reader.integer('throttleBurstLimit', defaults.throttleBurstLimit, {
      min: 1,
      max: 5_000,
    }),
    allowedSourceCidrs: reader.list('allowedSourceCidrs'),
    maxReceiveCount: reader.integer('maxReceiveCount', defaults.maxReceiveCount, {
      min: 1,
      max: 1_000,
    }),
    consumerMaxConcurrency: reader.integer(
      'consumerMaxConcurrency',
      defaults.consumerMaxConcurrency,
      { min: 2, max: 1_000 },
    ),
    consumerTimeoutSeconds: reader.integer(
      'consumerTimeoutSeconds',
      defaults.consumerTimeoutSeconds,
      { min: 3, max: 900 },
    ),
    leaseSeconds: reader.integer('leaseSeconds', defaults.leaseSeconds, { min: 1, max: 3_600 }),
    retentionDays: reader.integer('retentionDays', defaults.retentionDays, { min: 1, max: 3_650 }),
    ...readReconcileSettings(reader),
    talkpilotBaseUrl:
      reader.optionalString('talkpilotBaseUrl', defaults.talkpilotBaseUrl) ??
      defaults.talkpilotBaseUrl,
    logRetentionDays: reader.integer('logRetentionDays', defaults.logRetentionDays, {
      min: 1,
      max: 9_999,
    }),
    logLevel: (reader.optionalString('logLevel', defaults.logLevel) ?? '').toUpperCase(),
    throwawayStage: reader.boolean('throwawayStage', defaults.throwawayStage),
  };

  checkCombinations(settings, reader);
  reader.finish();

  return settings;
}

function readReconcileSettings(reader: ContextReader) {
  const defaults = StackSettingsDefaults;

  return {
    reconcileIntervalMinutes: reader.integer(
      'reconcileIntervalMinutes',
      defaults.reconcileIntervalMinutes,
      { min: 5, max: 1_440 },
    ),
    reconcileLookbackHours: reader.integer(
      'reconcileLookbackHours',
      defaults.reconcileLookbackHours,
      { min: 1, max: 24 * 90 },
    ),
    reconcileRatePerMinute: reader.integer(
      'reconcileRatePerMinute',
      defaults.reconcileRatePerMinute,
      { min: 1, max: 10_000 },
    ),
    reconcileRatePerHour: reader.integer('reconcileRatePerHour', defaults.reconcileRatePerHour, {
      min: 1,
      max: 1_000_000,
    }),
  };
}

function checkCombinations(settings: StackSettings, reader: ContextReader): void {
  if (!stackNamePattern.test(settings.stackName)) {
    reader.addProblem('stackName must start with a letter and contain only letters, digits and -');
  }
  if (settings.alarmEmail !== undefined && !emailPattern.test(settings.alarmEmail)) {
    reader.addProblem('alarmEmail must be an e-mail address');
  }
  for (const cidr of settings.allowedSourceCidrs.filter((value) => !isSourceCidr(value))) {
    reader.addProblem(
      `allowedSourceCidrs entry ${cidr} is not an IPv4 or IPv6 CIDR range such as ` +
        '192.0.2.0/24 or 2001:db8::/32; ingest would reject it at cold start',
    );
  }
  checkLease(settings, reader);
  if (!retentionDayValues.includes(settings.logRetentionDays)) {
    reader.addProblem(`logRetentionDays must be one of ${retentionDayValues.join(', ')}`);
  }
  if (!logLevels.includes(settings.logLevel)) {
    reader.addProblem(`logLevel must be one of ${logLevels.join(', ')}`);
  }
  if (!/^https:\/\/[^\s/]+/.test(settings.talkpilotBaseUrl)) {
    reader.addProblem('talkpilotBaseUrl must be an https:// URL');
  }
}

// The ingest function reads ALLOWED_SOURCE_CIDRS with the same parser and fails to start on an
// entry it rejects, so synth checks each entry with it.
function isSourceCidr(cidr: string): boolean {
  try {
    createSourceIpAllowlist([cidr]);

    return true;
  } catch {
    return false;
  }
}

function checkLease(settings: StackSettings, reader: ContextReader): void {
  // A lease shorter than one invocation lets a second worker take over a call in progress.
  if (settings.leaseSeconds < settings.consumerTimeoutSeconds) {
    reader.addProblem('leaseSeconds must be at least consumerTimeoutSeconds');
  }
  // A lease that outlasts the visibility timeout makes the retry of a crashed worker's message
  // find the call still claimed, so the message uses up receives and can land in the DLQ.
  const visibilityTimeoutSeconds = settings.consumerTimeoutSeconds * VisibilityTimeoutFactor;
  if (settings.leaseSeconds >= visibilityTimeoutSeconds) {
    reader.addProblem(
      `leaseSeconds (${settings.leaseSeconds}) must be below the queue visibility timeout of ` +
        `${visibilityTimeoutSeconds} s (${VisibilityTimeoutFactor} x consumerTimeoutSeconds); ` +
        'lower leaseSeconds or raise consumerTimeoutSeconds',
    );
  }
}
