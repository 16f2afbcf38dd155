import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { callAws } from '../aws/aws-errors';
import { CliSecretInvalidError } from '../cli-errors';

/** Value of the webhook secret: the secret in use and, during a rotation, the one before. */
export interface WebhookSecretValue {
  readonly current: string;
  readonly previous?: string;
}

/** Length of a generated webhook secret in characters (36 random bytes, base64url). */
export const WEBHOOK_SECRET_LENGTH = 48;

/** Generates a new URL-safe webhook secret of `WEBHOOK_SECRET_LENGTH` characters. */
export function generateWebhookSecret(): string {
  return randomBytes((WEBHOOK_SECRET_LENGTH * 3) / 4).toString('base64url');
}

/** Parses the secret's JSON; throws `CliSecretInvalidError` without quoting the value. */
export function parseWebhookSecret(text: string | undefined, secretId: string): WebhookSecretValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    throw invalidSecret(secretId);
  }
  if (typeof parsed !== 'object' || parsed === null) {
    throw invalidSecret(secretId);
  }
  const { current, previous } = parsed as Record<string, unknown>;
  if (typeof current !== 'string' || current === '') {
    throw invalidSecret(secretId);
  }
  if (typeof previous === 'string' && previous !== '') {
    return { current, previous };
  }

  return { current };
}

/** Reads and parses the webhook secret `secretId` (name or ARN). */
export async function readWebhookSecret(
  client: SecretsManagerClient,
  secretId: string,
): Promise<WebhookSecretValue> {
  return (await readWebhookSecretVersion(client, secretId)).value;
}

/** The webhook secret's value and the id of the version it was read from. */
export interface WebhookSecretVersion {
  readonly value: WebhookSecretValue;
  /** `VersionId` of the version labelled `AWSCURRENT` when it was read. */
  readonly versionId: string;
}

/** Reads the current version of the webhook secret `secretId` with its version id. */
export async function readWebhookSecretVersion(
  client: SecretsManagerClient,
  secretId: string,
): Promise<WebhookSecretVersion> {
  const response = await callAws(() =>
    client.send(new GetSecretValueCommand({ SecretId: secretId })),
  );

  return {
    value: parseWebhookSecret(response.SecretString, secretId),
    versionId: response.VersionId ?? '',
  };
}

function invalidSecret(secretId: string): CliSecretInvalidError {
  return new CliSecretInvalidError(
    `Secret ${secretId} is not JSON of the form {"current":"...","previous":"..."}. ` +
      'Store a value of that form, for example by running rotate-secret.',
  );
}
