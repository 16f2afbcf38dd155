import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { callAws } from '../aws/aws-errors';
import { CliApiKeyMissingError } from '../cli-errors';

/** Environment variable that overrides the API key stored in the stack's secret. */
export const API_KEY_ENV = 'TALKPILOT_API_KEY';

/**
 * Value the stack puts in the API key secret until the user stores a key; the same value as
 * `ApiKeyPlaceholder` in `lib/constructs/call-reconciliation.ts`, copied so the commands do
 * not load the CDK library.
 */
export const API_KEY_PLACEHOLDER = 'REPLACE_WITH_TALKPILOT_API_KEY';

/** Reads the API key from the secret `secretArn`; throws `CliApiKeyMissingError` without one. */
export async function readApiKeySecret(
  client: SecretsManagerClient,
  secretArn: string,
): Promise<string> {
  const response = await callAws(async () => {
    try {
      return await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) {
        throw new CliApiKeyMissingError(`secret ${secretArn} does not exist`);
      }
      throw error;
    }
  });
  const apiKey = response.SecretString?.trim() ?? '';
  if (apiKey === '' || apiKey === API_KEY_PLACEHOLDER) {
    throw new CliApiKeyMissingError(`secret ${secretArn} holds no key yet`);
  }

  return apiKey;
}
