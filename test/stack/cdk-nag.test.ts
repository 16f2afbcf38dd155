import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildTestStack } from './support/synth-stack';

describe('TalkPilotWebhooksStack', () => {
  describe('cdk-nag AwsSolutions checks', () => {
    it('finds nothing unacknowledged when synthesized', () => {
      const { app } = buildTestStack({ alarmEmail: 'ops@example.com' });
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

      const synthesize = () => app.synth();

      expect(synthesize).not.toThrow();
    });
  });
});
