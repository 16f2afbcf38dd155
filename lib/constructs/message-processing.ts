import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LedgerAttribute } from '../../functions/ledger/ledger-keys';
import { HandlerFunction, type HandlerLoggingProps } from '../handler-function';

/** Visibility timeout of the queue, as a multiple of the consumer's timeout (AWS advice). */
export const VisibilityTimeoutFactor = 6;

/** Options of the queue, the ledger table and the consumer. */
export interface MessageProcessingProps extends HandlerLoggingProps {
  /** Receives of a message before it moves to the DLQ. @default 5 */
  readonly maxReceiveCount?: number;
  /** Concurrent consumer invocations at most, from 2 to 1,000. @default 2 */
  readonly consumerMaxConcurrency?: number;
  /** Timeout of one consumer invocation. @default Duration.seconds(30) */
  readonly consumerTimeout?: Duration;
  /** Lease of a call claim in the ledger, in seconds. @default 60 */
  readonly leaseSeconds?: number;
  /** Days a processed call's ledger record is kept before TTL deletes it. @default 30 */
  readonly retentionDays?: number;
  /** Removal policy of the ledger table on stack deletion. @default RETAIN */
  readonly tableRemovalPolicy?: RemovalPolicy;
  /** Handler entry file. @default functions/consumer/handler.ts */
  readonly entry?: string;
}

/**
 * The processing flow: the queue between ingest and consumer with its dead-letter queue, the
 * dedupe ledger table, and the consumer function fed by the queue with partial batch responses.
 */
export class MessageProcessing extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly ledgerTable: Table;
  readonly function: NodejsFunction;
  readonly functionLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: MessageProcessingProps = {}) {
    super(scope, id);

    const consumerTimeout = props.consumerTimeout ?? Duration.seconds(30);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      visibilityTimeout: Duration.seconds(consumerTimeout.toSeconds() * VisibilityTimeoutFactor),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
    this.ledgerTable = createLedgerTable(this, props.tableRemovalPolicy ?? RemovalPolicy.RETAIN);

    const consumer = new HandlerFunction(this, 'Consumer', {
      ...props,
      name: 'consumer',
      timeout: consumerTimeout,
      environment: {
        LEDGER_TABLE_NAME: this.ledgerTable.tableName,
        LEASE_SECONDS: String(props.leaseSeconds ?? 60),
        RETENTION_DAYS: String(props.retentionDays ?? 30),
      },
    });
    this.function = consumer.function;
    this.functionLogGroup = consumer.logGroup;
    this.ledgerTable.grant(
      this.function,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    );
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: props.consumerMaxConcurrency ?? 2,
      }),
    );
  }
}

function createLedgerTable(scope: Construct, removalPolicy: RemovalPolicy): Table {
  return new Table(scope, 'LedgerTable', {
    partitionKey: { name: LedgerAttribute.partitionKey, type: AttributeType.STRING },
    timeToLiveAttribute: LedgerAttribute.timeToLive,
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy,
  });
}
