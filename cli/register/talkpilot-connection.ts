import { createLedgerRateStateStore } from '../../functions/talkpilot/ledger-rate-state-store';
import { createRateLimiter } from '../../functions/talkpilot/rate-limiter';
import { DEFAULT_RATE_LIMITS } from '../../functions/talkpilot/rate-window';
import {
  createTalkPilotClient,
  type TalkPilotClient,
} from '../../functions/talkpilot/talkpilot-client';
import type { TimePort } from '../../functions/talkpilot/time-port';
import {
  DEFAULT_TALKPILOT_BASE_URL,
  readCdkContextInteger,
  readCdkContextString,
} from '../aws/cdk-context';
import type { Deployment } from '../aws/deployment';
import { StackOutputKey } from '../aws/stack-outputs';
import type { CliContext } from '../cli-context';
import { API_KEY_ENV, readApiKeySecret } from './api-key';

/** Environment variable that overrides the API base URL. */
export const BASE_URL_ENV = 'TALKPILOT_BASE_URL';

/** A TalkPilot client and the base URL it talks to, for messages. */
export interface TalkPilotConnection {
  readonly client: TalkPilotClient;
  readonly baseUrl: string;
}

/**
 * Creates a TalkPilot client for a deployment. The API key comes from `TALKPILOT_API_KEY` or the
 * stack's API key secret, the base URL from `TALKPILOT_BASE_URL`, the CDK context or the
 * default. Requests share the reconciler's rate budget through the rate state item in the
 * ledger table, with the limits of the CDK context (`reconcileRatePerMinute`,
 * `reconcileRatePerHour`; 60 and 1,000 by default).
 */
export async function connectTalkPilot(
  context: CliContext,
  deployment: Deployment,
): Promise<TalkPilotConnection> {
  const apiKey = await resolveApiKey(context, deployment);
  context.output.protect(apiKey);
  const baseUrl =
    nonEmpty(context.env[BASE_URL_ENV]) ??
    readCdkContextString('talkpilotBaseUrl') ??
    DEFAULT_TALKPILOT_BASE_URL;
  const time: TimePort = { now: () => context.now().getTime(), sleep: context.sleep };
  const store = createLedgerRateStateStore({
    dynamodb: deployment.clients.dynamodb,
    tableName: deployment.outputs.require(StackOutputKey.ledgerTableName),
    apiKey,
    time,
  });
  const limits = {
    perMinute: readCdkContextInteger('reconcileRatePerMinute') ?? DEFAULT_RATE_LIMITS.perMinute,
    perHour: readCdkContextInteger('reconcileRatePerHour') ?? DEFAULT_RATE_LIMITS.perHour,
  };
  const rateLimiter = createRateLimiter(store, limits, time);
  const client = createTalkPilotClient({
    baseUrl,
    apiKey,
    rateLimiter,
    fetch: context.fetch,
    time,
  });

  return { client, baseUrl };
}

async function resolveApiKey(context: CliContext, deployment: Deployment): Promise<string> {
  const fromEnv = nonEmpty(context.env[API_KEY_ENV]);
  if (fromEnv !== undefined) {
    return fromEnv;
  }
  const secretArn = deployment.outputs.require(StackOutputKey.apiKeySecretArn);

  return readApiKeySecret(deployment.clients.secretsManager, secretArn);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();

  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
