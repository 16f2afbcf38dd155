// The naive baseline: a handler that bundles the SQS client and sends each body as it is.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

const client = new SQSClient({});

/** Sends the request body to the queue and answers 200. */
export async function handler(event: { body?: string }) {
  await client.send(
    new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: event.body ?? '' }),
  );

  return { statusCode: 200, body: '' };
}
