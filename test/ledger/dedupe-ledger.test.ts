import { randomUUID } from 'node:crypto';
import { DedupeLedger } from '../../functions/ledger/dedupe-ledger';
import { LedgerRequestFailedError } from '../../functions/ledger/ledger-errors';
import { callKey } from '../../functions/ledger/ledger-keys';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { readLedgerItem } from './read-ledger-item';

const START = new Date('2026-03-22T10:30:00.000Z');
const LEASE_MS = 60_000;
const RETENTION_DAYS = 30;
const DAY_SECONDS = 86_400;

function at(offsetMs: number): Date {
  return new Date(START.getTime() + offsetMs);
}

function claimOptions(now: Date = START) {
  return { leaseMs: LEASE_MS, now, retentionDays: RETENTION_DAYS };
}

describe('DedupeLedger', () => {
  let aws: LocalAws;
  let ledger: DedupeLedger;
  let tableName: string;

  beforeAll(async () => {
    aws = await startLocalAws();
    tableName = await aws.createTable();
    ledger = new DedupeLedger({ client: aws.dynamodb, tableName });
  });

  afterAll(async () => {
    await aws.stop();
  });

  const newKey = () => callKey(randomUUID());

  describe('claim', () => {
    it('claims a new key with a token', async () => {
      const key = newKey();

      const result = await ledger.claim(key, claimOptions());

      expect(result).toEqual({
        outcome: 'claimed',
        token: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    });

    it('grants exactly one of many concurrent claims', async () => {
      const key = newKey();

      const results = await Promise.all(
        Array.from({ length: 10 }, () => ledger.claim(key, claimOptions())),
      );

      const outcomes = results.map((result) => result.outcome);
      expect(outcomes.filter((outcome) => outcome === 'claimed')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'in_progress')).toHaveLength(9);
    });

    it('returns in_progress when another lease is still live', async () => {
      const key = newKey();
      await ledger.claim(key, claimOptions());

      const result = await ledger.claim(key, claimOptions(at(LEASE_MS - 1)));

      expect(result).toEqual({ outcome: 'in_progress' });
    });

    it('takes over a claim when its lease has expired', async () => {
      const key = newKey();
      const first = await ledger.claim(key, claimOptions());

      const second = await ledger.claim(key, claimOptions(at(LEASE_MS + 1)));

      expect(second.outcome).toBe('claimed');
      expect(second).not.toEqual(first);
    });

    it('returns completed for a completed key even after the lease time', async () => {
      const key = newKey();
      const claim = await ledger.claim(key, claimOptions());
      if (claim.outcome !== 'claimed') throw new Error('setup claim failed');
      await ledger.complete(key, claim.token, { now: at(1000), retentionDays: RETENTION_DAYS });

      const result = await ledger.claim(key, claimOptions(at(LEASE_MS * 10)));

      expect(result).toEqual({ outcome: 'completed' });
    });

    it('stores the record, lease and an abandoned-claim TTL with the claim', async () => {
      const key = newKey();

      await ledger.claim(key, {
        ...claimOptions(),
        record: { id: 'call-1', duration: 180, done: false, note: null, reasons: ['a'] },
      });

      const item = await readLedgerItem(aws.dynamodb, tableName, key);
      const leaseEndMs = START.getTime() + LEASE_MS;
      expect(item?.status).toEqual({ S: 'in_progress' });
      expect(item?.lease_expires_at).toEqual({ N: String(leaseEndMs) });
      expect(item?.expires_at).toEqual({
        N: String(leaseEndMs / 1000 + RETENTION_DAYS * DAY_SECONDS),
      });
      expect(item?.record).toEqual({
        M: {
          id: { S: 'call-1' },
          duration: { N: '180' },
          done: { BOOL: false },
          note: { NULL: true },
          reasons: { L: [{ S: 'a' }] },
        },
      });
    });

    it('wraps a request failure in LedgerRequestFailedError', async () => {
      const broken = new DedupeLedger({ client: aws.dynamodb, tableName: 'missing-table' });

      const claim = broken.claim(newKey(), claimOptions());

      await expect(claim).rejects.toBeInstanceOf(LedgerRequestFailedError);
    });
  });

  describe('claim with a dedupe window', () => {
    const HOUR_MS = 3_600_000;

    async function completeAt(key: string, now: Date): Promise<void> {
      const claim = await ledger.claim(key, claimOptions(now));
      if (claim.outcome !== 'claimed') {
        throw new Error(`expected a claim of ${key}, got ${claim.outcome}`);
      }
      await ledger.complete(key, claim.token, { now, retentionDays: RETENTION_DAYS });
    }

    it('claims a key again once its completion is older than the window', async () => {
      const key = newKey();
      await completeAt(key, START);
      const now = at(HOUR_MS + 1);

      const result = await ledger.claim(key, {
        ...claimOptions(now),
        reclaimCompletedBefore: at(1),
      });

      const item = await readLedgerItem(aws.dynamodb, tableName, key);
      expect(result.outcome).toBe('claimed');
      expect(item?.status).toEqual({ S: 'in_progress' });
    });

    it('reports completed within the window', async () => {
      const key = newKey();
      await completeAt(key, START);

      const result = await ledger.claim(key, {
        ...claimOptions(at(HOUR_MS - 1)),
        reclaimCompletedBefore: at(-1),
      });

      expect(result).toEqual({ outcome: 'completed' });
    });

    it('reports completed at the window edge', async () => {
      const key = newKey();
      await completeAt(key, START);

      const result = await ledger.claim(key, {
        ...claimOptions(at(HOUR_MS)),
        reclaimCompletedBefore: START,
      });

      expect(result).toEqual({ outcome: 'completed' });
    });

    it('keeps a completed key without a window a duplicate for good', async () => {
      const key = newKey();
      await completeAt(key, START);

      const result = await ledger.claim(key, claimOptions(at(29 * DAY_SECONDS * 1000)));

      expect(result).toEqual({ outcome: 'completed' });
    });

    it('leaves a live claim in progress whatever the window', async () => {
      const key = newKey();
      await ledger.claim(key, claimOptions(START));

      const result = await ledger.claim(key, {
        ...claimOptions(at(1000)),
        reclaimCompletedBefore: at(1000),
      });

      expect(result).toEqual({ outcome: 'in_progress' });
    });
  });

  describe('complete', () => {
    it('marks the claim completed with a retention TTL and no lease', async () => {
      const key = newKey();
      const claim = await ledger.claim(key, claimOptions());
      if (claim.outcome !== 'claimed') throw new Error('setup claim failed');

      const result = await ledger.complete(key, claim.token, { now: at(5000), retentionDays: 7 });

      const item = await readLedgerItem(aws.dynamodb, tableName, key);
      expect(result).toEqual({ outcome: 'completed' });
      expect(item?.status).toEqual({ S: 'completed' });
      expect(item?.processed_at).toEqual({ S: at(5000).toISOString() });
      expect(item?.expires_at).toEqual({ N: String(at(5000).getTime() / 1000 + 7 * DAY_SECONDS) });
      expect(item?.lease_expires_at).toBeUndefined();
    });

    it('returns lost when another worker took the claim over', async () => {
      const key = newKey();
      const slow = await ledger.claim(key, claimOptions());
      const fast = await ledger.claim(key, claimOptions(at(LEASE_MS + 1)));
      if (slow.outcome !== 'claimed' || fast.outcome !== 'claimed') throw new Error('setup');

      const result = await ledger.complete(key, slow.token, {
        now: at(LEASE_MS + 2),
        retentionDays: RETENTION_DAYS,
      });

      const item = await readLedgerItem(aws.dynamodb, tableName, key);
      expect(result).toEqual({ outcome: 'lost' });
      expect(item?.status).toEqual({ S: 'in_progress' });
      expect(item?.claim_token).toEqual({ S: fast.token });
    });
  });

  describe('release', () => {
    it('deletes the claim so the next claim succeeds at once', async () => {
      const key = newKey();
      const claim = await ledger.claim(key, claimOptions());
      if (claim.outcome !== 'claimed') throw new Error('setup claim failed');

      const release = await ledger.release(key, claim.token);
      const reclaim = await ledger.claim(key, claimOptions(at(1)));

      expect(release).toEqual({ outcome: 'released' });
      expect(reclaim.outcome).toBe('claimed');
    });

    it('leaves a claim taken over by another worker in place', async () => {
      const key = newKey();
      const slow = await ledger.claim(key, claimOptions());
      const fast = await ledger.claim(key, claimOptions(at(LEASE_MS + 1)));
      if (slow.outcome !== 'claimed' || fast.outcome !== 'claimed') throw new Error('setup');

      const result = await ledger.release(key, slow.token);

      const item = await readLedgerItem(aws.dynamodb, tableName, key);
      expect(result).toEqual({ outcome: 'lost' });
      expect(item?.claim_token).toEqual({ S: fast.token });
    });

    it('leaves a completed item in place', async () => {
      const key = newKey();
      const claim = await ledger.claim(key, claimOptions());
      if (claim.outcome !== 'claimed') throw new Error('setup claim failed');
      await ledger.complete(key, claim.token, { now: at(1), retentionDays: RETENTION_DAYS });

      const result = await ledger.release(key, claim.token);

      const item = await readLedgerItem(aws.dynamodb, tableName, key);
      expect(result).toEqual({ outcome: 'lost' });
      expect(item?.status).toEqual({ S: 'completed' });
    });
  });
});
