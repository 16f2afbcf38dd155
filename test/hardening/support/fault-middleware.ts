import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';

/** Where a fault strikes: before the request leaves, or after the service has applied it. */
export type FaultTiming = 'before_send' | 'response_lost';

/** One fault that the middleware raised. */
export interface InjectedFault {
  readonly commandName: string;
  /** The ledger key (`pk`) or the first entry's body, to tie the fault to a call. */
  readonly subject: string;
  readonly timing: FaultTiming;
}

/** Picks a fault for a request, or `undefined` to let it through. */
export type FaultPlan = (commandName: string, subject: string) => FaultTiming | undefined;

type AnyClient = Pick<DynamoDBClient | SQSClient, 'middlewareStack'>;

function subjectOf(input: Record<string, unknown>): string {
  const key = (input.Key ?? input.Item) as { pk?: { S?: string } } | undefined;
  const entries = input.Entries as { MessageBody?: string }[] | undefined;

  return key?.pk?.S ?? entries?.[0]?.MessageBody ?? '';
}

/**
 * Adds middleware to `client` that throws `createError()` where `plan` says: before the request
 * is sent, or after the service answered, as when a response is lost on the way back. Returns
 * the list of faults raised so far.
 */
export function injectFaults(
  client: AnyClient,
  plan: FaultPlan,
  createError: () => Error,
): InjectedFault[] {
  const faults: InjectedFault[] = [];
  (client.middlewareStack as DynamoDBClient['middlewareStack']).add(
    (next, context) => async (args) => {
      const commandName = String(context.commandName ?? '');
      const subject = subjectOf(args.input as Record<string, unknown>);
      const timing = plan(commandName, subject);
      if (timing === 'before_send') {
        faults.push({ commandName, subject, timing });
        throw createError();
      }
      const output = await next(args);
      if (timing === 'response_lost') {
        faults.push({ commandName, subject, timing });
        throw createError();
      }

      return output;
    },
    { step: 'initialize', name: 'hardeningFaultInjection' },
  );

  return faults;
}
