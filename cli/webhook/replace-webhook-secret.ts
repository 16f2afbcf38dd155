import { randomUUID } from 'node:crypto';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { callAws } from '../aws/aws-errors';
import { CliSecretChangedError } from '../cli-errors';
import type { WebhookSecretValue } from './webhook-secret';

/** Staging labels of Secrets Manager: readers get `AWSCURRENT` unless they ask otherwise. */
export const SecretStage = {
  current: 'AWSCURRENT',
  pending: 'AWSPENDING',
} as const;

/**
 * Stores `value` as the new current version of the webhook secret, but only if the version
 * labelled `AWSCURRENT` is still `expectedVersionId`, the one the caller read. The new version
 * is written as `AWSPENDING` first. Then `AWSCURRENT` moves to it with `RemoveFromVersionId`,
 * and Secrets Manager rejects that move when the label is on another version (API reference of
 * UpdateSecretVersionStage). So of two rotations that read the same version, only one takes
 * effect, and the other gets `CliSecretChangedError`. Returns the id of the new version.
 */
export async function replaceWebhookSecret(
  client: SecretsManagerClient,
  secretId: string,
  expectedVersionId: string,
  value: WebhookSecretValue,
): Promise<string> {
  const versionId = randomUUID();
  await callAws(() =>
    client.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        ClientRequestToken: versionId,
        SecretString: JSON.stringify(value),
        VersionStages: [SecretStage.pending],
      }),
    ),
  );
  try {
    await callAws(() =>
      client.send(
        new UpdateSecretVersionStageCommand({
          SecretId: secretId,
          VersionStage: SecretStage.current,
          MoveToVersionId: versionId,
          RemoveFromVersionId: expectedVersionId,
        }),
      ),
    );
  } catch (error) {
    await rethrowIfUnchanged(client, secretId, expectedVersionId, error);
    throw new CliSecretChangedError(secretId, { cause: error });
  }

  return versionId;
}

// The move fails either because another run moved `AWSCURRENT` first, or for another reason
// (permissions, throttling), which is rethrown as it is. NOTE: the exception name for a moved
// label is not documented, so the version is read again instead of matching the name.
async function rethrowIfUnchanged(
  client: SecretsManagerClient,
  secretId: string,
  expectedVersionId: string,
  error: unknown,
): Promise<void> {
  const response = await callAws(() =>
    client.send(new GetSecretValueCommand({ SecretId: secretId })),
  );
  if (response.VersionId === expectedVersionId) {
    throw error;
  }
}
