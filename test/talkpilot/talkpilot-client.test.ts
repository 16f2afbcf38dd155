import {
  createMemoryRateStateStore,
  createRateLimiter,
} from '../../functions/talkpilot/rate-limiter';
import type { RateLimits } from '../../functions/talkpilot/rate-window';
import { createTalkPilotClient } from '../../functions/talkpilot/talkpilot-client';
import {
  TalkPilotBadRequestError,
  TalkPilotDeadlineError,
  TalkPilotNetworkError,
  TalkPilotRateLimitedError,
  TalkPilotServerError,
  TalkPilotTimeoutError,
  TalkPilotUnauthorizedError,
} from '../../functions/talkpilot/talkpilot-errors';
import { createFakeTime, type FakeTime } from '../support/talkpilot-fake-time';
import { startTalkPilotStandIn, type TalkPilotStandIn } from '../support/talkpilot-stand-in';

const WINDOW = {
  fromMs: Date.parse('2026-03-22T00:00:00.250Z'),
  toMs: Date.parse('2026-03-22T12:00:00.250Z'),
};

describe('createTalkPilotClient', () => {
  let standIn: TalkPilotStandIn;
  let time: FakeTime;

  beforeEach(async () => {
    time = createFakeTime();
    standIn = await startTalkPilotStandIn({ now: time.now });
  });

  afterEach(async () => {
    await standIn.close();
  });

  function createClient(
    options: { apiKey?: string; timeoutMs?: number; limits?: RateLimits; baseUrl?: string } = {},
  ) {
    const limits = options.limits ?? { perMinute: 60, perHour: 1000 };

    return createTalkPilotClient({
      baseUrl: options.baseUrl ?? standIn.baseUrl,
      apiKey: options.apiKey ?? standIn.apiKey,
      rateLimiter: createRateLimiter(createMemoryRateStateStore(), limits, time),
      time,
      timeoutMs: options.timeoutMs,
      random: () => 0.5,
    });
  }

  describe('listing calls', () => {
    it('sends the window in UTC, include_deleted and limit 100', async () => {
      const agent = standIn.addAgent();

      await createClient().listCalls(agent.id, { ...WINDOW, page: 2 });

      expect(standIn.requests[0]?.query).toEqual({
        from: '2026-03-22T00:00:00Z',
        to: '2026-03-22T12:00:01Z',
        include_deleted: 'true',
        limit: '100',
        page: '2',
      });
    });

    it('returns the items and pagination of the page', async () => {
      const agent = standIn.addAgent();
      const call = standIn.addCall(agent.id, { created_at: '2026-03-22T09:00:00Z' });

      const page = await createClient().listCalls(agent.id, { ...WINDOW, page: 1 });

      expect(page.items.map((item) => item.id)).toEqual([call.id]);
      expect(page.pages).toBe(1);
      expect(page.total).toBe(1);
      expect(page.items[0]?.transcript).toBeUndefined();
    });
  });

  describe('fetching a call', () => {
    it('returns the detail with its transcript', async () => {
      const agent = standIn.addAgent();
      const call = standIn.addCall(agent.id);

      const detail = await createClient().getCall(agent.id, call.id);

      expect(detail.transcript).toBe(call.transcript);
    });
  });

  describe('updating an agent', () => {
    it('sets post_call_webhook_url', async () => {
      const agent = standIn.addAgent();

      await createClient().updateAgentWebhookUrl(agent.id, 'https://example.test/hook');

      expect(standIn.agents[0]?.post_call_webhook_url).toBe('https://example.test/hook');
    });
  });

  describe('a wrong API key', () => {
    it('throws an unauthorized error without the key in its message', async () => {
      const apiKey = 'tp_live_ffffffffffffffffffffffffffffffff';

      const result = createClient({ apiKey }).listAgents(1);

      await expect(result).rejects.toBeInstanceOf(TalkPilotUnauthorizedError);
      await expect(result).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      await result.catch((error: Error) => {
        expect(error.message).not.toContain(apiKey);
        expect(error.message).not.toContain(standIn.apiKey);
      });
    });
  });

  describe('rate limited answers', () => {
    it.each([
      ['seconds', '18', 18_000],
      ['an HTTP date', 'Sun, 22 Mar 2026 12:00:30 GMT', 30_000],
      ['a garbled value', 'later', 60_000],
    ])('waits as asked with %s and then retries', async (_name, retryAfter, expectedWaitMs) => {
      standIn.fail({ path: '/agents', status: 429, headers: { 'Retry-After': retryAfter } });
      const client = createClient();

      const page = await client.listAgents(1);

      expect(page.items).toEqual([]);
      expect(time.sleeps).toEqual([expectedWaitMs]);
      expect(client.usage()).toEqual({ requests: 2, rateLimited: 1 });
    });

    it('throws a rate limited error after the bounded retries', async () => {
      standIn.fail({ path: '/agents', status: 429, headers: { 'Retry-After': '1' }, times: 10 });

      const result = createClient().listAgents(1);

      await expect(result).rejects.toBeInstanceOf(TalkPilotRateLimitedError);
      expect(standIn.requests).toHaveLength(4);
    });

    it('throws a deadline error when the wait ends past the deadline', async () => {
      standIn.fail({ path: '/agents', status: 429, headers: { 'Retry-After': '3600' } });

      const result = createClient().listAgents(1, { deadlineMs: time.now() + 60_000 });

      await expect(result).rejects.toBeInstanceOf(TalkPilotDeadlineError);
      expect(standIn.requests).toHaveLength(1);
    });
  });

  describe('server errors', () => {
    it('retries with backoff and returns the later answer', async () => {
      standIn.fail({ path: '/agents', status: 503, times: 2 });

      const page = await createClient().listAgents(1);

      expect(page.items).toEqual([]);
      expect(time.sleeps).toEqual([250, 500]);
    });

    it('throws a server error when every attempt fails', async () => {
      standIn.fail({ path: '/agents', status: 500, times: 10 });

      const result = createClient().listAgents(1);

      await expect(result).rejects.toBeInstanceOf(TalkPilotServerError);
      expect(standIn.requests).toHaveLength(4);
    });

    it('does not retry a validation error', async () => {
      const agent = standIn.addAgent();

      const result = createClient().updateAgentWebhookUrl(agent.id, '');
      standIn.fail({ method: 'PATCH', status: 400 });

      await expect(result).rejects.toBeInstanceOf(TalkPilotBadRequestError);
      expect(standIn.requests).toHaveLength(1);
    });
  });

  describe('slow answers and network errors', () => {
    it('throws a timeout error when every attempt is too slow', async () => {
      standIn.fail({ path: '/agents', delayMs: 300, times: 4 });

      const result = createClient({ timeoutMs: 50 }).listAgents(1);

      await expect(result).rejects.toBeInstanceOf(TalkPilotTimeoutError);
    });

    it('returns the answer when only the first attempt is too slow', async () => {
      standIn.fail({ path: '/agents', delayMs: 300 });

      const page = await createClient({ timeoutMs: 50 }).listAgents(1);

      expect(page.items).toEqual([]);
    });

    it('throws a network error when nothing listens', async () => {
      const baseUrl = standIn.baseUrl;
      await standIn.close();

      const result = createClient({ baseUrl }).listAgents(1);

      await expect(result).rejects.toBeInstanceOf(TalkPilotNetworkError);
    });
  });

  describe('low remaining budget', () => {
    it('spreads the next requests over the minute when few remain', async () => {
      standIn.options.rateLimits = { perMinute: 4, perHour: 1000 };
      const client = createClient({ limits: { perMinute: 100, perHour: 1000 } });

      await client.listAgents(1);
      await client.listAgents(1);

      expect(time.sleeps).toHaveLength(1);
      expect(time.sleeps[0]).toBeGreaterThan(0);
      expect(time.sleeps[0]).toBeLessThanOrEqual(60_000);
    });
  });
});
