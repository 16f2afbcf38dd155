import { type Deployment, openDeployment } from '../aws/deployment';
import { StackOutputKey } from '../aws/stack-outputs';
import type { CliContext } from '../cli-context';
import type { OptionValues } from '../command';
import { readWebhookSecret } from './webhook-secret';
import { buildWebhookUrl } from './webhook-url';

/** A webhook endpoint: the full URL and whether a secret rotation is in progress. */
export interface WebhookEndpoint {
  /** URL with the current secret in its query string. */
  readonly url: string;
  readonly rotationInProgress: boolean;
}

/** Reads the local runtime's webhook URL and secret; registers the secret for redaction. */
export async function readLocalEndpoint(context: CliContext): Promise<WebhookEndpoint> {
  const local = await context.findLocalTarget();
  context.output.protect(local.secret);

  return { url: buildWebhookUrl(local.webhookUrl, local.secret), rotationInProgress: false };
}

/** Reads the webhook URL and secret of the stack named by `--stack` and `--region`. */
export async function readDeployedEndpoint(
  context: CliContext,
  values: OptionValues,
): Promise<WebhookEndpoint> {
  return readStackEndpoint(context, await openDeployment(context, values));
}

/** Reads a deployment's webhook URL and secret; registers the secrets for redaction. */
export async function readStackEndpoint(
  context: CliContext,
  deployment: Deployment,
): Promise<WebhookEndpoint> {
  const { outputs, clients } = deployment;
  const secret = await readWebhookSecret(
    clients.secretsManager,
    outputs.require(StackOutputKey.webhookSecretArn),
  );
  context.output.protect(secret.current);
  context.output.protect(secret.previous ?? '');
  const url = buildWebhookUrl(outputs.require(StackOutputKey.webhookUrl), secret.current);

  return { url, rotationInProgress: secret.previous !== undefined };
}
