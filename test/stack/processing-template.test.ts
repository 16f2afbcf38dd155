import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthesizeTestStack, type TemplateResource } from './support/synth-stack';

function queues(template: Template): {
  queue: TemplateResource;
  deadLetterQueue: TemplateResource;
} {
  const all = Object.values(template.findResources('AWS::SQS::Queue'));
  const queue = all.find((resource) => resource.Properties.RedrivePolicy !== undefined);
  const deadLetterQueue = all.find((resource) => resource.Properties.RedrivePolicy === undefined);
  if (queue === undefined || deadLetterQueue === undefined) {
    throw new Error('expected a queue with a redrive policy and a dead-letter queue');
  }

  return { queue, deadLetterQueue };
}

function consumerFunction(template: Template): TemplateResource {
  const functions = Object.values(template.findResources('AWS::Lambda::Function'));
  const consumer = functions.find(
    (fn) => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'consumer',
  );
  if (consumer === undefined) {
    throw new Error('expected a consumer function');
  }

  return consumer;
}

describe('MessageProcessing', () => {
  let template: Template;

  beforeAll(() => {
    ({ template } = synthesizeTestStack({
      maxReceiveCount: '7',
      consumerMaxConcurrency: 3,
      consumerTimeoutSeconds: 40,
      leaseSeconds: 90,
      retentionDays: 14,
    }));
  });

  describe('queues', () => {
    it('moves a message to the DLQ after maxReceiveCount receives', () => {
      const { queue } = queues(template);

      expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(7);
    });

    it('keeps DLQ messages longer than queue messages', () => {
      const { queue, deadLetterQueue } = queues(template);

      expect(deadLetterQueue.Properties.MessageRetentionPeriod).toBeGreaterThan(
        queue.Properties.MessageRetentionPeriod,
      );
    });

    it('sets the visibility timeout to six times the consumer timeout', () => {
      const { queue } = queues(template);

      expect(queue.Properties.VisibilityTimeout).toBe(6 * 40);
    });

    it('encrypts both queues', () => {
      const { queue, deadLetterQueue } = queues(template);

      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      expect(deadLetterQueue.Properties.SqsManagedSseEnabled).toBe(true);
    });

    it('denies requests without TLS on both queues', () => {
      const policies = template.findResources('AWS::SQS::QueuePolicy', {
        Properties: {
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Effect: 'Deny',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              }),
            ]),
          },
        },
      });

      expect(Object.keys(policies)).toHaveLength(2);
    });
  });

  describe('event source', () => {
    it('reports batch item failures with the maximum concurrency from context', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 3 },
        BatchSize: 10,
      });
    });
  });

  describe('ledger table', () => {
    it('uses the string partition key pk and the TTL attribute expires_at', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
      });
    });

    it('bills on demand with point-in-time recovery and encryption', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
    });

    it('is retained when the stack is deleted', () => {
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });
  });

  describe('consumer function', () => {
    it('receives the table name, lease and retention from context', () => {
      const consumer = consumerFunction(template);

      expect(consumer.Properties.Environment.Variables).toMatchObject({
        LEDGER_TABLE_NAME: expect.anything(),
        LEASE_SECONDS: '90',
        RETENTION_DAYS: '14',
      });
    });

    it('times out after consumerTimeoutSeconds', () => {
      const consumer = consumerFunction(template);

      expect(consumer.Properties.Timeout).toBe(40);
    });

    it('may use only item reads and writes on the ledger', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyName: Match.stringLikeRegexp('^ProcessingConsumerRole'),
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: [
                'dynamodb:GetItem',
                'dynamodb:PutItem',
                'dynamodb:UpdateItem',
                'dynamodb:DeleteItem',
              ],
            }),
          ]),
        },
      });
    });
  });
});
