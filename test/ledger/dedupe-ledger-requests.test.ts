import { randomUUID } from 'node:crypto';
import { DedupeLedger } from '../../functions/ledger/dedupe-ledger';
import { callKey } from '../../functions/ledger/ledger-keys';
import { type LocalAws, startLocalAws } from '../support/local-aws';

const OPTIONS = { leaseMs: 60_000, now: new Date('2026-03-22T10:30:00Z'), retentionDays: 30 };
const MIDDLEWARE_NAME = 'countCommands';

describe('DedupeLedger request count', () => {
  let aws: LocalAws;
  let ledger: DedupeLedger;
  const sent: string[] = [];

  beforeAll(async () => {
    aws = await startLocalAws();
    ledger = new DedupeLedger({ client: aws.dynamodb, tableName: await aws.createTable() });
    aws.dynamodb.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(String(context.commandName));

        return next(args);
      },
      { step: 'initialize', name: MIDDLEWARE_NAME },
    );
  });

  afterAll(async () => {
    aws.dynamodb.middlewareStack.remove(MIDDLEWARE_NAME);
    await aws.stop();
  });

  beforeEach(() => {
    sent.length = 0;
  });

  it('sends two writes for a new call', async () => {
    const key = callKey(randomUUID());

    const claim = await ledger.claim(key, OPTIONS);
    if (claim.outcome === 'claimed') {
      await ledger.complete(key, claim.token, OPTIONS);
    }

    expect(sent).toEqual(['PutItemCommand', 'UpdateItemCommand']);
  });

  it('sends one write and, on dynalite only, one read for a duplicate', async () => {
    const key = callKey(randomUUID());
    const claim = await ledger.claim(key, OPTIONS);
    if (claim.outcome === 'claimed') {
      await ledger.complete(key, claim.token, OPTIONS);
    }
    sent.length = 0;

    const duplicate = await ledger.claim(key, OPTIONS);

    expect(duplicate).toEqual({ outcome: 'completed' });
    expect(sent).toEqual(['PutItemCommand', 'GetItemCommand']);
  });
});
