import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AccessLogFields } from '../../lib/constructs/access-log-format';
import { synthesizeTestStack } from './support/synth-stack';

/** `$context` variables that cannot contain the query string or a header. */
const queryFreeVariables = new Set([
  '$context.requestId',
  '$context.requestTime',
  '$context.identity.sourceIp',
  '$context.identity.userAgent',
  '$context.httpMethod',
  '$context.routeKey',
  '$context.path',
  '$context.protocol',
  '$context.status',
  '$context.responseLength',
  '$context.responseLatency',
  '$context.integrationStatus',
  '$context.integrationLatency',
  '$context.integrationErrorMessage',
  '$context.error.message',
]);

function accessLogFormat(template: Template): string {
  const stages = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));

  return stages[0]?.Properties.AccessLogSettings.Format;
}

describe('WebhookIngest', () => {
  let template: Template;

  beforeAll(() => {
    ({ template } = synthesizeTestStack({
      throttleRateLimit: '20',
      throttleBurstLimit: 40,
      allowedSourceCidrs: '192.0.2.0/24, 198.51.100.7/32',
    }));
  });

  describe('route', () => {
    it('routes every method of /webhooks/talkpilot only', () => {
      const routes = template.findResources('AWS::ApiGatewayV2::Route');

      const routeKeys = Object.values(routes).map((route) => route.Properties.RouteKey);

      expect(routeKeys).toEqual(['ANY /webhooks/talkpilot']);
    });

    it('uses payload format 2.0 for the Lambda integration', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
      });
    });
  });

  describe('stage', () => {
    it('throttles with the rate and burst from context', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      });
    });

    it('writes access logs to a log group with retention', () => {
      const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];

      const destination = stage?.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];

      expect(template.toJSON().Resources[destination].Properties.RetentionInDays).toBe(30);
    });

    it('logs only variables that exclude the query string', () => {
      const fields = JSON.parse(accessLogFormat(template));

      for (const variable of Object.values<string>(fields)) {
        expect(queryFreeVariables.has(variable)).toBe(true);
      }
    });

    it('logs the path and route key in place of the raw request', () => {
      const format = accessLogFormat(template);

      expect(format).not.toMatch(/querystring|requestOverride|\$request\.|header/i);
      expect(JSON.parse(format)).toEqual(AccessLogFields);
    });
  });

  describe('secret', () => {
    it('generates 48 URL-safe characters under the key current', () => {
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        GenerateSecretString: {
          SecretStringTemplate: '{}',
          GenerateStringKey: 'current',
          ExcludePunctuation: true,
          IncludeSpace: false,
          PasswordLength: 48,
        },
      });
    });
  });

  describe('function', () => {
    it('receives the queue URL, the secret ARN and the allowed CIDRs', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            POWERTOOLS_SERVICE_NAME: 'ingest',
            QUEUE_URL: Match.anyValue(),
            WEBHOOK_SECRET_ARN: Match.anyValue(),
            ALLOWED_SOURCE_CIDRS: '192.0.2.0/24,198.51.100.7/32',
          }),
        },
      });
    });

    it('may send to the queue and read the webhook secret only', () => {
      const policies = template.findResources('AWS::IAM::Policy', {
        Properties: { PolicyName: Match.stringLikeRegexp('^IngestRole') },
      });

      const actions = Object.values(policies).flatMap((policy) =>
        policy.Properties.PolicyDocument.Statement.flatMap(
          (statement: { Action: string[] }) => statement.Action,
        ),
      );

      expect(actions.sort()).toEqual([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
      ]);
    });
  });
});
