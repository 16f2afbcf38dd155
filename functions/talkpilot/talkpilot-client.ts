import { formatApiTime } from './api-time';
import { TalkPilotResponseInvalidError } from './talkpilot-errors';
import {
  createTalkPilotHttp,
  type TalkPilotHttpOptions,
  type TalkPilotUsage,
} from './talkpilot-http';
import { type ApiPage, type ApiRecord, readPage, readRecord } from './talkpilot-records';

/** Largest page size the API documents. */
export const MAX_PAGE_LIMIT = 100;

/** Options shared by every client method. */
export interface CallOptions {
  /** Epoch milliseconds after which the client starts no wait and no retry. */
  readonly deadlineMs?: number;
}

/** Options of `listCalls`. */
export interface ListCallsOptions extends CallOptions {
  /** Window start, epoch milliseconds; sent rounded down to the second. */
  readonly fromMs: number;
  /** Window end, epoch milliseconds; sent rounded up to the second. */
  readonly toMs: number;
  /** Page number, starting at 1. */
  readonly page: number;
}

/** Client of TalkPilot's public API, limited to what the reconciler and operator commands use. */
export interface TalkPilotClient {
  /** Lists one page of the agents that the key may see, newest first. */
  listAgents(page: number, options?: CallOptions): Promise<ApiPage<ApiRecord>>;
  /** Lists one page of an agent's calls in a window, soft-deleted ones included, newest first. */
  listCalls(agentId: string, options: ListCallsOptions): Promise<ApiPage<ApiRecord>>;
  /** Fetches one call's detail (transcript included) by its record `id`. */
  getCall(agentId: string, callId: string, options?: CallOptions): Promise<ApiRecord>;
  /** Sets an agent's `post_call_webhook_url`, the only field this client changes. */
  updateAgentWebhookUrl(agentId: string, url: string, options?: CallOptions): Promise<ApiRecord>;
  /** Requests sent and 429 responses received so far. */
  usage(): TalkPilotUsage;
}

/** Creates the TalkPilot API client. */
export function createTalkPilotClient(options: TalkPilotHttpOptions): TalkPilotClient {
  const http = createTalkPilotHttp(options);

  async function listAgents(page: number, callOptions: CallOptions = {}) {
    const path = '/agents';
    const body = await http.request({
      method: 'GET',
      path,
      query: { page: String(page), limit: String(MAX_PAGE_LIMIT) },
      deadlineMs: callOptions.deadlineMs,
    });

    return requirePage(body, page, `GET ${path}`);
  }

  async function listCalls(agentId: string, callOptions: ListCallsOptions) {
    const path = `/agents/${encodeURIComponent(agentId)}/calls`;
    // NOTE: the docs leave open whether a `limit` over 100 is clamped or rejected, so it is
    // never sent; and `pages` is read from every response instead of being computed from `limit`.
    const body = await http.request({
      method: 'GET',
      path,
      query: {
        from: formatApiTime(callOptions.fromMs, 'down'),
        to: formatApiTime(callOptions.toMs, 'up'),
        include_deleted: 'true',
        limit: String(MAX_PAGE_LIMIT),
        page: String(callOptions.page),
      },
      deadlineMs: callOptions.deadlineMs,
    });

    return requirePage(body, callOptions.page, `GET ${path}`);
  }

  async function getCall(agentId: string, callId: string, callOptions: CallOptions = {}) {
    // NOTE: the docs do not say whether `{callId}` is the record `id` or the LiveKit `call_id`;
    // the examples use `id`, so `id` is sent.
    const path = `/agents/${encodeURIComponent(agentId)}/calls/${encodeURIComponent(callId)}`;
    const body = await http.request({ method: 'GET', path, deadlineMs: callOptions.deadlineMs });

    return requireRecord(body, `GET ${path}`);
  }

  async function updateAgentWebhookUrl(
    agentId: string,
    url: string,
    callOptions: CallOptions = {},
  ) {
    const path = `/agents/${encodeURIComponent(agentId)}`;
    const body = await http.request({
      method: 'PATCH',
      path,
      body: { post_call_webhook_url: url },
      deadlineMs: callOptions.deadlineMs,
    });

    return requireRecord(body, `PATCH ${path}`);
  }

  return { listAgents, listCalls, getCall, updateAgentWebhookUrl, usage: http.usage };
}

function requirePage(body: unknown, page: number, operation: string): ApiPage<ApiRecord> {
  const result = readPage(body, page);
  if (!result) {
    throw new TalkPilotResponseInvalidError(operation, 'the list has no `data` array');
  }

  return result;
}

function requireRecord(body: unknown, operation: string): ApiRecord {
  const record = readRecord(body);
  if (!record) {
    throw new TalkPilotResponseInvalidError(operation, 'the object has no string `id`');
  }

  return record;
}
