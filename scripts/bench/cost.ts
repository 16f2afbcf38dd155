import { round } from './figures';

/** Counts and durations measured per webhook. */
export interface CallCounts {
  readonly sqsSendsPerWebhook: number;
  readonly sqsReceivesAndDeletesPerWebhook: number;
  readonly writesPerNewCall: number;
  readonly readsPerNewCall: number;
  readonly writesPerDuplicate: number;
  readonly readsPerDuplicateLocal: number;
  readonly ingestMs: number;
  readonly consumerMsPerMessage: number;
  /** Log lines of one call (ingest and consumer, default hook included), metric lines apart. */
  readonly logLineBytesPerCall: number;
  /** Embedded-metric line of a consumer batch holding one call. */
  readonly metricBytesPerBatchOfOne: number;
  /** Embedded-metric line of a consumer batch of ten calls, per call. */
  readonly metricBytesPerCallInBatchOfTen: number;
}

/**
 * Public on-demand list prices, region us-east-1 (US East, N. Virginia), first tier; DynamoDB
 * after the November 2024 reduction. docs/benchmarks.md names the pages they were read from.
 * NOTE: AWS changes prices; check aws.amazon.com/<service>/pricing before quoting a total.
 */
export const PRICES_USD = {
  region: 'us-east-1',
  httpApiPerMillion: 1.0,
  lambdaPerMillionRequests: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  sqsPerMillionRequests: 0.4,
  dynamoDbPerMillionWrites: 0.625,
  dynamoDbPerMillionReads: 0.125,
} as const;

/** Memory of every function in lib/handler-function.ts. */
export const LAMBDA_MEMORY_GB = 256 / 1024;

/** Messages per consumer invocation: the event source mapping's batch size. */
export const CONSUMER_BATCH_SIZE = 10;

/**
 * Cost per million new webhooks: one HTTP API request, one ingest invocation, one consumer
 * invocation per batch of ten, the SQS requests counted, two DynamoDB writes and no read.
 * Lambda bills whole milliseconds; free tiers are left out.
 */
export function costPerMillion(counts: CallCounts): { total: number; breakdown: string } {
  const ingestGbSeconds = (Math.ceil(counts.ingestMs) / 1000) * LAMBDA_MEMORY_GB;
  const consumerInvocationMs = Math.ceil(counts.consumerMsPerMessage * CONSUMER_BATCH_SIZE);
  const consumerGbSeconds =
    ((consumerInvocationMs / 1000) * LAMBDA_MEMORY_GB) / CONSUMER_BATCH_SIZE;
  const parts = {
    apiGateway: PRICES_USD.httpApiPerMillion,
    lambdaRequests: PRICES_USD.lambdaPerMillionRequests * (1 + 1 / CONSUMER_BATCH_SIZE),
    lambdaDuration: (ingestGbSeconds + consumerGbSeconds) * PRICES_USD.lambdaArmPerGbSecond * 1e6,
    sqs:
      PRICES_USD.sqsPerMillionRequests *
      (counts.sqsSendsPerWebhook + counts.sqsReceivesAndDeletesPerWebhook),
    dynamoDb:
      PRICES_USD.dynamoDbPerMillionWrites * counts.writesPerNewCall +
      PRICES_USD.dynamoDbPerMillionReads * counts.readsPerNewCall,
  };
  const total = Object.values(parts).reduce((sum, value) => sum + value, 0);
  const breakdown = Object.entries(parts)
    .map(([name, value]) => `${name} ${round(value, 3)}`)
    .join(', ');

  return { total, breakdown: `${PRICES_USD.region}: ${breakdown}` };
}
