import { Match, type Template } from 'aws-cdk-lib/assertions';
import { normalizeApiKey } from '../../functions/reconciler/api-key-source';
import { ApiKeyPlaceholder } from '../../lib/constructs/call-reconciliation';
import { synthesizeTestStack, type TemplateResource } from './support/synth-stack';

function reconcilerFunctionEntry(template: Template): [string, TemplateResource] {
  const functions = Object.entries(template.findResources('AWS::Lambda::Function'));
  const reconciler = functions.find(
    ([, fn]) => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'reconciler',
  );
  if (reconciler === undefined) {
    throw new Error('expected a reconciler function');
  }

  return reconciler;
}

function reconcilerFunction(template: Template): TemplateResource {
  return reconcilerFunctionEntry(template)[1];
}

describe('CallReconciliation', () => {
  let template: Template;
  let defaultTemplate: Template;

  beforeAll(() => {
    ({ template } = synthesizeTestStack({
      reconcileIntervalMinutes: '30',
      reconcileRatePerMinute: 30,
      reconcileRatePerHour: 500,
      reconcileLookbackHours: 48,
      talkpilotBaseUrl: 'https://talkpilot.example.com/v1',
    }));
    ({ template: defaultTemplate } = synthesizeTestStack());
  });

  describe('schedule', () => {
    it('runs every 15 minutes by default', () => {
      defaultTemplate.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(15 minutes)',
      });
    });

    it('runs at the interval from context without retries', () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(30 minutes)',
        Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 0 } })],
      });
    });

    it('turns off Lambda retries of a failed run', () => {
      const [logicalId] = reconcilerFunctionEntry(template);

      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalId },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 0,
      });
    });
  });

  describe('function', () => {
    it('sets a time budget below its Lambda timeout', () => {
      const reconciler = reconcilerFunction(template);

      const budget = Number(
        reconciler.Properties.Environment.Variables.RECONCILE_TIME_BUDGET_SECONDS,
      );

      expect(budget).toBeGreaterThan(0);
      expect(budget).toBeLessThan(reconciler.Properties.Timeout);
    });

    it('receives the rate budget, lookback and base URL from context', () => {
      const reconciler = reconcilerFunction(template);

      expect(reconciler.Properties.Environment.Variables).toMatchObject({
        RECONCILE_RATE_PER_MINUTE: '30',
        RECONCILE_RATE_PER_HOUR: '500',
        RECONCILE_LOOKBACK_HOURS: '48',
        TALKPILOT_BASE_URL: 'https://talkpilot.example.com/v1',
        TALKPILOT_API_KEY_SECRET_ARN: expect.anything(),
        QUEUE_URL: expect.anything(),
        LEDGER_TABLE_NAME: expect.anything(),
      });
    });

    it('may read the API key secret but not the webhook secret', () => {
      const policy = Object.values(
        template.findResources('AWS::IAM::Policy', {
          Properties: { PolicyName: Match.stringLikeRegexp('^ReconciliationReconcilerRole') },
        }),
      )[0];

      const secretResources = policy?.Properties.PolicyDocument.Statement.filter(
        (statement: { Action: string[] }) =>
          statement.Action.includes('secretsmanager:GetSecretValue'),
      ).map((statement: { Resource: { Ref: string } }) => statement.Resource.Ref);

      expect(secretResources).toEqual([expect.stringMatching(/^ReconciliationApiKeySecret/)]);
    });
  });

  describe('API key secret', () => {
    it('starts with the placeholder for the user to replace', () => {
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        SecretString: ApiKeyPlaceholder,
      });
    });

    it('holds a placeholder the reconciler reads as no key', () => {
      const apiKey = normalizeApiKey(ApiKeyPlaceholder);

      expect(apiKey).toBeUndefined();
    });
  });
});
