import type { Template } from 'aws-cdk-lib/assertions';
import { synthesizeTestStack } from './support/synth-stack';

const outputIds = [
  'WebhookUrl',
  'WebhookSecretArn',
  'ApiKeySecretArn',
  'DashboardUrl',
  'QueueName',
  'QueueUrl',
  'DeadLetterQueueName',
  'DeadLetterQueueUrl',
  'LedgerTableName',
];

describe('TalkPilotWebhooksStack', () => {
  let template: Template;
  let throwaway: Template;

  beforeAll(() => {
    ({ template } = synthesizeTestStack({ logRetentionDays: 14 }));
    ({ template: throwaway } = synthesizeTestStack({ throwawayStage: 'true' }));
  });

  describe('outputs', () => {
    it('exports the ids the operator commands read', () => {
      const outputs = template.toJSON().Outputs;

      expect(Object.keys(outputs).sort()).toEqual([...outputIds].sort());
    });

    it('gives the webhook URL without a query string', () => {
      const value = template.toJSON().Outputs.WebhookUrl.Value;

      expect(value).toEqual({
        'Fn::Join': [
          '',
          [{ 'Fn::GetAtt': [expect.any(String), 'ApiEndpoint'] }, '/webhooks/talkpilot'],
        ],
      });
    });
  });

  describe('functions', () => {
    it('runs all three on arm64 with nodejs24.x', () => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function'));

      expect(functions).toHaveLength(3);
      for (const fn of functions) {
        expect(fn.Properties.Architectures).toEqual(['arm64']);
        expect(fn.Properties.Runtime).toBe('nodejs24.x');
      }
    });

    it('sets the Powertools variables on every function', () => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function'));

      const services = functions.map((fn) => fn.Properties.Environment.Variables);

      for (const variables of services) {
        expect(variables).toMatchObject({
          POWERTOOLS_SERVICE_NAME: expect.stringMatching(/^(ingest|consumer|reconciler)$/),
          POWERTOOLS_METRICS_NAMESPACE: 'TalkPilotWebhooks',
          POWERTOOLS_LOG_LEVEL: 'INFO',
        });
      }
    });

    it('keeps every log group for logRetentionDays', () => {
      const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup'));

      const retentions = logGroups.map((logGroup) => logGroup.Properties.RetentionInDays);

      expect(retentions).toEqual([14, 14, 14, 14]);
    });

    it('uses no managed policy and no wildcard resource', () => {
      const roles = Object.values(template.findResources('AWS::IAM::Role'));
      const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));

      for (const role of roles) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
      expect(policies).not.toContain('"Resource":"*"');
    });
  });

  describe('removal policy', () => {
    it.each(['AWS::DynamoDB::Table', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup'])(
      'retains %s by default',
      (type) => {
        const resources = Object.values(template.findResources(type));

        for (const resource of resources) {
          expect(resource.DeletionPolicy).toBe('Retain');
        }
      },
    );

    it.each(['AWS::DynamoDB::Table', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup'])(
      'deletes %s in a throwaway stage',
      (type) => {
        const resources = Object.values(throwaway.findResources(type));

        for (const resource of resources) {
          expect(resource.DeletionPolicy).toBe('Delete');
        }
      },
    );
  });
});
