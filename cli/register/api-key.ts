import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  API_KEY_PLACEHOLDER,
  normalizeApiKey,
} from '../../functions/reconciler/api-key-placeholder';
import { callAws } from '../aws/aws-errors';
import { CliApiKeyMissingError } from '../cli-errors';

/** Environment variable that overrides the API key stored in the stack's secret. */
export const API_KEY_ENV = 'TALKPILOT_API_KEY';

export { API_KEY_PLACEHOLDER };

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
  const apiKey = normalizeApiKey(response.SecretString);
  if (apiKey === undefined) {
    throw new CliApiKeyMissingError(`secret ${secretArn} holds no key yet`);
  }

  return apiKey;
}
