import { openDeployment } from '../aws/deployment';
import { StackOutputKey } from '../aws/stack-outputs';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-errors';
import { booleanOption, type Command, type OptionValues } from '../command';
import { STACK_OPTIONS_HELP, stackOptions } from '../command-options';
import { replaceWebhookSecret } from '../webhook/replace-webhook-secret';
import { generateWebhookSecret, readWebhookSecretVersion } from '../webhook/webhook-secret';

/** Reminder for the webhooks that `register` cannot set: TalkPilot has no API for them. */
export const EMPLOYEE_WEBHOOK_REMINDER =
  'Employee webhooks are set in the TalkPilot dashboard (Settings > Webhooks), not by register: ' +
  'put the URL from npm run webhook-url there too, or their deliveries get 401.';

/** `rotate-secret`: starts or finishes a rotation of the webhook secret. */
export const rotateSecretCommand: Command = {
  name: 'rotate-secret',
  summary: 'start (or --finish) a rotation of the webhook secret',
  help: [
    'Usage: npm run tp -- rotate-secret [--finish] [--force] [--stack NAME] [--region REGION]',
    '',
    'Without --finish, generates a new secret and keeps the old one valid as the previous',
    'secret, so deliveries with either are accepted. Then run register --yes to put the new',
    'URL on every agent, set it on the employee webhooks in the TalkPilot dashboard',
    '(Settings > Webhooks), and run rotate-secret --finish to drop the old secret.',
    'If someone else changes the secret meanwhile, the command fails and changes nothing.',
    '',
    'Options:',
    '  --finish          end the rotation: the previous secret stops being accepted',
    '  --force           start a new rotation although one is in progress; this drops the',
    '                    previous secret at once',
    STACK_OPTIONS_HELP,
  ].join('\n'),
  options: { ...stackOptions, finish: { type: 'boolean' }, force: { type: 'boolean' } },
  async run(values, context) {
    if (booleanOption(values, 'finish')) {
      await finishRotation(context, values);
    } else {
      await startRotation(context, values);
    }
  },
};

async function openSecret(context: CliContext, values: OptionValues) {
  const { outputs, clients } = await openDeployment(context, values);
  const secretArn = outputs.require(StackOutputKey.webhookSecretArn);
  const { value, versionId } = await readWebhookSecretVersion(clients.secretsManager, secretArn);
  context.output.protect(value.current);
  context.output.protect(value.previous ?? '');

  return { client: clients.secretsManager, secretArn, value, versionId };
}

async function startRotation(context: CliContext, values: OptionValues): Promise<void> {
  const { client, secretArn, value, versionId } = await openSecret(context, values);
  if (value.previous !== undefined && !booleanOption(values, 'force')) {
    throw new CliError(
      `A rotation of ${secretArn} is already in progress. Register the current URL on every ` +
        'agent and run rotate-secret --finish, or pass --force to start over.',
    );
  }

  const current = generateWebhookSecret();
  context.output.protect(current);
  await replaceWebhookSecret(client, secretArn, versionId, { current, previous: value.current });

  context.output.info(`Started the rotation of ${secretArn}.`);
  context.output.info(
    'The ingest function accepts the new secret within about 30 seconds: after a delivery with ' +
      'a secret it does not know, it reloads the secret, at most once every 30 seconds. The old ' +
      'secret stays valid until rotate-secret --finish.',
  );
  context.output.info(
    'Next: npm run register -- --yes to set the new URL on every agent, update the employee ' +
      'webhooks in the TalkPilot dashboard (Settings > Webhooks), then ' +
      'npm run rotate-secret -- --finish.',
  );
}

async function finishRotation(context: CliContext, values: OptionValues): Promise<void> {
  const { client, secretArn, value, versionId } = await openSecret(context, values);
  if (value.previous === undefined) {
    context.output.info(`No rotation of ${secretArn} is in progress; nothing to finish.`);

    return;
  }

  await replaceWebhookSecret(client, secretArn, versionId, { current: value.current });

  context.output.info(`Finished the rotation of ${secretArn}: the previous secret is removed.`);
  context.output.info(
    'The ingest function caches secrets for SECRET_CACHE_SECONDS (default 300), so it may ' +
      'accept the old secret for up to that long.',
  );
  context.output.info(EMPLOYEE_WEBHOOK_REMINDER);
}
