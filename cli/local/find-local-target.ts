import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Environment } from '../../functions/config/read-env';
import { LocalEnvName, readLocalConfig } from '../../local/local-config';
import { localClientConfig } from '../../local/resources';
import { WEBHOOK_SECRET_FILE } from '../../local/webhook-secret-file';
import { CliLocalRuntimeNotFoundError } from '../cli-errors';
import type { LocalTarget } from './local-target';

/** Path of the webhook route of the local HTTP API. */
export const LOCAL_WEBHOOK_PATH = '/webhooks/talkpilot';

const START_HINT =
  'Start the local runtime with npm start, with SQS_PORT and DYNAMODB_PORT set to fixed ports, ' +
  'and run this command with the same environment';

/**
 * Finds the local runtime of `npm start` from the same environment variables it reads: the
 * webhook port (`PORT`, default 3000), the secret (`WEBHOOK_SECRET` or the file under
 * `DATA_DIR`), and the SQS and DynamoDB ports, which must be fixed (`SQS_PORT`,
 * `DYNAMODB_PORT`) for another process to find them.
 */
export async function findLocalTarget(env: Environment): Promise<LocalTarget> {
  const config = readLocalConfig(env);
  const secret = config.webhookSecret ?? (await readSecretFile(config.dataDir));
  const webhookUrl = `http://127.0.0.1:${config.port}${LOCAL_WEBHOOK_PATH}`;
  if (config.sqsPort === 0 || config.dynamodbPort === 0) {
    throw new CliLocalRuntimeNotFoundError(
      `The local queues and table cannot be found: ${LocalEnvName.sqsPort} and ` +
        `${LocalEnvName.dynamodbPort} are not set. ${START_HINT}.`,
    );
  }
  const sqs = new SQSClient(localClientConfig(`http://127.0.0.1:${config.sqsPort}`));
  const dynamodb = new DynamoDBClient(localClientConfig(`http://127.0.0.1:${config.dynamodbPort}`));
  const queues = await findLocalQueues(sqs);
  const tableName = await findLocalTable(dynamodb);

  return { webhookUrl, secret, sqs, dynamodb, tableName, ...queues };
}

async function readSecretFile(dataDir: string): Promise<string> {
  const path = join(dataDir, WEBHOOK_SECRET_FILE);
  try {
    const secret = (await readFile(path, 'utf8')).trim();
    if (secret !== '') {
      return secret;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  throw new CliLocalRuntimeNotFoundError(
    `No local webhook secret: ${path} is missing and WEBHOOK_SECRET is not set. ` +
      'Start the local runtime once with npm start, which creates the file.',
  );
}

/** Returns the queue that has a redrive policy and its DLQ; the local runtime creates one pair. */
async function findLocalQueues(sqs: SQSClient) {
  const listed = await callLocal('SQS', () => sqs.send(new ListQueuesCommand({})));
  for (const queueUrl of listed.QueueUrls ?? []) {
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }),
    );
    const policy = attributes.Attributes?.RedrivePolicy;
    if (policy === undefined) {
      continue;
    }
    const dlqName = String(JSON.parse(policy).deadLetterTargetArn).split(':').pop() ?? '';
    const deadLetterQueueUrl = (listed.QueueUrls ?? []).find((url) => url.endsWith(`/${dlqName}`));
    if (deadLetterQueueUrl !== undefined) {
      return { queueUrl, deadLetterQueueUrl };
    }
  }
  throw new CliLocalRuntimeNotFoundError(`No queue with a DLQ in local SQS. ${START_HINT}.`);
}

async function findLocalTable(dynamodb: DynamoDBClient): Promise<string> {
  const listed = await callLocal('DynamoDB', () => dynamodb.send(new ListTablesCommand({})));
  const [tableName, ...others] = listed.TableNames ?? [];
  if (tableName === undefined || others.length > 0) {
    throw new CliLocalRuntimeNotFoundError(
      `Expected one ledger table in local DynamoDB, found ${listed.TableNames?.length ?? 0}. ${START_HINT}.`,
    );
  }

  return tableName;
}

async function callLocal<T>(service: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new CliLocalRuntimeNotFoundError(`Local ${service} is not reachable. ${START_HINT}.`, {
      cause: error,
    });
  }
}
