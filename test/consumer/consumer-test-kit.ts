import { randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';
import type { ConsumerDependencies } from '../../functions/consumer/consumer-dependencies';
import type { ActionHooks, CallPayload, HookContext } from '../../functions/hooks/on-call';
import { DedupeLedger } from '../../functions/ledger/dedupe-ledger';
import { QuarantineStore } from '../../functions/ledger/quarantine-store';
import type { LoggerPort } from '../../functions/observability/logger';
import type { MetricsPort } from '../../functions/observability/metrics';
import type { MessageMetadata } from '../../functions/queue/queue-message';
import type { EmployeeEvent } from '../../functions/schemas/employee-event-schema';
import type { LocalAws } from '../support/local-aws';
import { recordFakeLogLine } from '../support/log-capture-sink';

/** Fixed start of the fake clock. */
export const START = new Date('2026-03-22T10:31:00.000Z');

/** One captured log line. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** Creates a logger that keeps its lines for assertions. */
export function createCapturingLogger(): LoggerPort & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const capture =
    (level: LogLine['level']) =>
    (message: unknown, fields: unknown = {}) => {
      lines.push({ level, message: String(message), fields: fields as Record<string, unknown> });
      recordFakeLogLine(level, message, fields);
    };

  return {
    lines,
    debug: capture('debug'),
    info: capture('info'),
    warn: capture('warn'),
    error: capture('error'),
  } as unknown as LoggerPort & { lines: LogLine[] };
}

/** Creates metrics that count by name. */
export function createCountingMetrics(): MetricsPort & { counts: Map<string, number> } {
  const counts = new Map<string, number>();

  return {
    counts,
    addMetric: (name: string, _unit: unknown, value = 1) => {
      counts.set(name, (counts.get(name) ?? 0) + value);
    },
  } as unknown as MetricsPort & { counts: Map<string, number> };
}

/** Hooks that record each call; `behaviour` may throw, wait or advance the clock. */
export interface RecordingHooks extends ActionHooks {
  readonly calls: { payload: CallPayload | EmployeeEvent; context: HookContext }[];
  behaviour: (context: HookContext) => Promise<void>;
}

/** Creates hooks that record each run and then run `behaviour`. */
export function createRecordingHooks(): RecordingHooks {
  const hooks: RecordingHooks = {
    calls: [],
    behaviour: async () => {},
    async onCallCompleted(payload, context) {
      hooks.calls.push({ payload, context });
      await hooks.behaviour(context);
    },
    async onEmployeeEvent(payload, context) {
      hooks.calls.push({ payload, context });
      await hooks.behaviour(context);
    },
  };

  return hooks;
}

/** Test dependencies over real dynalite, with a clock the test moves by hand. */
export interface ConsumerTestKit {
  readonly deps: ConsumerDependencies;
  readonly logger: ReturnType<typeof createCapturingLogger>;
  readonly metrics: ReturnType<typeof createCountingMetrics>;
  readonly hooks: RecordingHooks;
  readonly ledger: DedupeLedger;
  readonly tableName: string;
  /** Milliseconds of each wait the consumer asked for; the fake sleep returns at once. */
  readonly sleeps: number[];
  /** Moves the fake clock forward. */
  advance(ms: number): void;
}

export const LEASE_MS = 60_000;
export const RETENTION_DAYS = 30;

/** Creates a fresh ledger table and consumer dependencies over it. */
export async function createConsumerTestKit(aws: LocalAws): Promise<ConsumerTestKit> {
  const tableName = await aws.createTable();
  const ledger = new DedupeLedger({ client: aws.dynamodb, tableName });
  const logger = createCapturingLogger();
  const metrics = createCountingMetrics();
  const hooks = createRecordingHooks();
  let now = START.getTime();
  const sleeps: number[] = [];
  const deps: ConsumerDependencies = {
    ledger,
    quarantine: new QuarantineStore({ client: aws.dynamodb, tableName }),
    hooks,
    logger,
    metrics,
    clock: () => new Date(now),
    leaseMs: LEASE_MS,
    retentionDays: RETENTION_DAYS,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };

  return {
    deps,
    sleeps,
    logger,
    metrics,
    hooks,
    ledger,
    tableName,
    advance: (ms) => {
      now += ms;
    },
  };
}

/** Builds a `call.completed` body with a random call id; `call` overrides its fields. */
export function buildCallCompletedBody(call: Record<string, unknown> = {}): string {
  return JSON.stringify({
    event: 'call.completed',
    call: {
      id: randomUUID(),
      call_id: `lk_call_${randomUUID().slice(0, 8)}`,
      customer_name: 'Hans Meier',
      customer_request: 'Frage zu Rechnung #1234',
      phone_number: '+491701234567',
      duration: 180,
      done: false,
      general_success: true,
      disconnection_reason: 'user_hangup',
      call_summary: 'Kunde fragte nach Rechnung #1234.',
      transcript: '[{"role":"agent","text":"Guten Tag"}]',
      employee: null,
      agent_id: randomUUID(),
      created_at: '2026-03-22T10:30:00Z',
      ...call,
    },
  });
}

/** Reads `call.id` back from a body built by `buildCallCompletedBody`. */
export function callIdOf(body: string): string {
  return JSON.parse(body).call.id;
}

/** Builds an SQS record as Lambda delivers it, with the metadata attributes of a producer. */
export function buildSqsRecord(
  body: string,
  metadata: Partial<MessageMetadata> = {},
  receiveCount = 1,
): SQSRecord {
  const values: Record<string, string | undefined> = {
    source: 'webhook',
    received_at: START.toISOString(),
    request_id: randomUUID(),
    ...toAttributeNames(metadata),
  };
  const messageAttributes: SQSRecord['messageAttributes'] = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) {
      messageAttributes[name] = { dataType: 'String', stringValue: value };
    }
  }

  return {
    messageId: randomUUID(),
    receiptHandle: 'receipt',
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(START.getTime()),
      SenderId: 'sender',
      ApproximateFirstReceiveTimestamp: String(START.getTime()),
    },
    messageAttributes,
    md5OfBody: 'md5',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-central-1:000000000000:calls',
    awsRegion: 'eu-central-1',
  };
}

function toAttributeNames(metadata: Partial<MessageMetadata>): Record<string, string | undefined> {
  const names: Record<string, string | undefined> = {};
  if ('source' in metadata) names.source = metadata.source;
  if ('receivedAt' in metadata) names.received_at = metadata.receivedAt;
  if ('requestId' in metadata) names.request_id = metadata.requestId;
  if ('event' in metadata) names.event = metadata.event;
  if ('callId' in metadata) names.call_id = metadata.callId;

  return names;
}

/** Returns the `message handled` lines in order. */
export function outcomeLines(logger: { lines: LogLine[] }): LogLine[] {
  return logger.lines.filter((line) => line.message === 'message handled');
}
