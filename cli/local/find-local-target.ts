import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Environment } from '../../functions/config/read-env';
import { WEBHOOK_PATH } from '../../functions/ingest/ingest-request';
import { type LocalConfig, LocalEnvName, readLocalConfig } from '../../local/local-config';
import { LOCAL_QUEUE_NAME, LOCAL_TABLE_NAME } from '../../local/local-runtime';
import { localClientConfig } from '../../local/resources';
import { readRuntimeEndpoints } from '../../local/runtime-endpoints';
import { WEBHOOK_SECRET_FILE } from '../../local/webhook-secret-file';
import { CliLocalRuntimeNotFoundError } from '../cli-errors';
import type { LocalTarget } from './local-target';

const START_HINT =
  'Start the local runtime with npm start and run this command with the same DATA_DIR ' +
  '(or the same SQS_PORT and DYNAMODB_PORT)';

/**
 * Finds the local runtime of `npm start` from the same environment variables it reads: the
 * webhook port (`PORT`, default 3000), the secret (`WEBHOOK_SECRET` or the file under
 * `DATA_DIR`), and the SQS and DynamoDB endpoints, from `SQS_PORT` and `DYNAMODB_PORT` when
 * they are set, else from the endpoints file that the running runtime keeps under `DATA_DIR`.
 */
export async function findLocalTarget(env: Environment): Promise<LocalTarget> {
  const config = readLocalConfig(env);
  const secret = config.webhookSecret ?? (await readSecretFile(config.dataDir));
  const webhookUrl = `http://127.0.0.1:${config.port}${WEBHOOK_PATH}`;
  const endpoints = await findLocalEndpoints(config);
  const sqs = new SQSClient(localClientConfig(endpoints.sqsEndpoint));
  const dynamodb = new DynamoDBClient(localClientConfig(endpoints.dynamodbEndpoint));
  const queues = await findLocalQueues(sqs);

  return { webhookUrl, secret, sqs, dynamodb, tableName: LOCAL_TABLE_NAME, ...queues };
}

async function findLocalEndpoints(config: LocalConfig) {
  if (config.sqsPort !== 0 && config.dynamodbPort !== 0) {
    return {
      sqsEndpoint: `http://127.0.0.1:${config.sqsPort}`,
      dynamodbEndpoint: `http://127.0.0.1:${config.dynamodbPort}`,
    };
  }
  const endpoints = await readRuntimeEndpoints(config.dataDir);
  if (endpoints === undefined) {
    throw new CliLocalRuntimeNotFoundError(
      `No local runtime is running with data folder ${config.dataDir} ` +
        `(${LocalEnvName.sqsPort} and ${LocalEnvName.dynamodbPort} are not set either). ` +
        `${START_HINT}.`,
    );
  }

  return endpoints;
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

async function findLocalQueues(sqs: SQSClient) {
  const queueUrl = await findQueueUrl(sqs, LOCAL_QUEUE_NAME);
  const deadLetterQueueUrl = await findQueueUrl(sqs, `${LOCAL_QUEUE_NAME}-dlq`);

  return { queueUrl, deadLetterQueueUrl };
}

async function findQueueUrl(sqs: SQSClient, queueName: string): Promise<string> {
  const response = await callLocal('SQS', () =>
    sqs.send(new GetQueueUrlCommand({ QueueName: queueName })),
  );

  return response.QueueUrl ?? '';
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
