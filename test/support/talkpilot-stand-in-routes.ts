import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { StandInFault, StandInRequest, TalkPilotStandIn } from './talkpilot-stand-in';
import { filterCalls, paginate, toListItem } from './talkpilot-stand-in-state';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

type Reply = {
  status: number;
  body?: unknown;
  /** Body text sent as is, for garbled responses. */
  rawBody?: string;
  headers?: Record<string, string>;
};

/** Responds to one request the way the API documents, after any programmed fault. */
export async function handleStandInRoute(
  state: TalkPilotStandIn,
  request: IncomingMessage,
  body: string,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const entry: StandInRequest = {
    method: request.method ?? 'GET',
    path: url.pathname.replace(/^\/v1/, ''),
    query: Object.fromEntries(url.searchParams),
    atMs: state.options.now(),
    status: 0,
  };
  state.requests.push(entry);
  for (const hook of state.beforeRequest) {
    hook(entry);
  }

  const reply = await replyTo(state, entry, request, body);
  entry.status = reply.status;
  const text = reply.rawBody ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  response.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
  response.end(reply.status === 204 ? undefined : text);
}

async function replyTo(
  state: TalkPilotStandIn,
  entry: StandInRequest,
  request: IncomingMessage,
  body: string,
): Promise<Reply> {
  const fault = takeFault(state, entry);
  if (fault?.delayMs) {
    await delay(fault.delayMs);
  }
  if (fault?.status !== undefined) {
    return faultReply(fault);
  }
  if (entry.method === 'GET' && entry.path === '/health') {
    return {
      status: 200,
      body: { status: 'ok', version: '1.0.0', timestamp: new Date().toISOString() },
    };
  }
  if (request.headers['x-api-key'] !== state.apiKey) {
    return errorReply(401, 'Invalid or missing API key');
  }
  const rateHeaders = rateLimitHeaders(state, entry);
  const limited = rateLimitReply(state, entry);
  const reply = limited ?? routeRequest(state, entry, body);

  return { ...reply, headers: { ...rateHeaders, ...reply.headers } };
}

function takeFault(state: TalkPilotStandIn, entry: StandInRequest): StandInFault | undefined {
  const fault = state.faults.find(
    (candidate) =>
      (candidate.times ?? 1) > 0 &&
      (candidate.method === undefined || candidate.method === entry.method) &&
      (candidate.path === undefined ||
        (typeof candidate.path === 'string'
          ? entry.path.includes(candidate.path)
          : candidate.path.test(entry.path))),
  );
  if (fault) {
    fault.times = (fault.times ?? 1) - 1;
  }

  return fault;
}

function faultReply(fault: StandInFault): Reply {
  const status = fault.status ?? 500;
  if (fault.body !== undefined) {
    return { status, rawBody: fault.body, headers: { ...fault.headers } };
  }
  const reply = errorReply(status, 'Programmed failure');

  return { ...reply, headers: { ...fault.headers } };
}

function errorReply(status: number, message: string): Reply {
  const code = CODE_BY_STATUS[status] ?? 'INTERNAL_ERROR';

  return { status, body: { error: { code, message, request_id: `req_${randomUUID()}` } } };
}

function countSince(state: TalkPilotStandIn, entry: StandInRequest, windowMs: number): number {
  return state.requests.filter(
    (other) => other !== entry && other.status !== 401 && other.atMs > entry.atMs - windowMs,
  ).length;
}

function rateLimitHeaders(state: TalkPilotStandIn, entry: StandInRequest): Record<string, string> {
  const limits = state.options.rateLimits;
  if (!limits) {
    return {};
  }
  const used = countSince(state, entry, 60_000) + 1;

  return {
    'X-RateLimit-Limit': String(limits.perMinute),
    'X-RateLimit-Remaining': String(Math.max(0, limits.perMinute - used)),
    'X-RateLimit-Reset': String(Math.ceil((entry.atMs + 60_000) / 1000)),
  };
}

function rateLimitReply(state: TalkPilotStandIn, entry: StandInRequest): Reply | undefined {
  const limits = state.options.rateLimits;
  if (!limits) {
    return undefined;
  }
  if (countSince(state, entry, 3_600_000) >= limits.perHour) {
    return { ...errorReply(429, 'Hourly rate limit exceeded'), headers: { 'Retry-After': '3600' } };
  }
  if (countSince(state, entry, 60_000) >= limits.perMinute) {
    return { ...errorReply(429, 'Rate limit exceeded'), headers: { 'Retry-After': '60' } };
  }

  return undefined;
}

function routeRequest(state: TalkPilotStandIn, entry: StandInRequest, body: string): Reply {
  const segments = entry.path.split('/').filter(Boolean).map(decodeURIComponent);
  const [root, agentId, sub, callId] = segments;
  if (root !== 'agents') {
    return errorReply(404, 'Not found');
  }
  if (agentId === undefined) {
    return entry.method === 'GET' ? listAgents(state, entry) : errorReply(404, 'Not found');
  }
  const agent = state.agents.find((candidate) => candidate.id === agentId);
  if (!agent) {
    return errorReply(404, 'Agent not found');
  }
  if (sub === undefined) {
    return entry.method === 'PATCH' ? patchAgent(agent, body) : { status: 200, body: agent };
  }
  if (sub !== 'calls' || entry.method !== 'GET') {
    return errorReply(404, 'Not found');
  }

  return callId === undefined ? listCalls(state, entry, agentId) : getCall(state, agentId, callId);
}

function pageParams(entry: StandInRequest): { page: number; limit: number } | undefined {
  const page = Number(entry.query.page ?? '1');
  const limit = Number(entry.query.limit ?? '20');
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1) {
    return undefined;
  }

  // The API's maximum page size; larger values are clamped here.
  return { page, limit: Math.min(limit, 100) };
}

function listAgents(state: TalkPilotStandIn, entry: StandInRequest): Reply {
  const params = pageParams(entry);
  if (!params) {
    return errorReply(400, 'Invalid page or limit');
  }
  const agents = [...state.agents].reverse();

  return { status: 200, body: paginate(agents, params.page, params.limit) };
}

function listCalls(state: TalkPilotStandIn, entry: StandInRequest, agentId: string): Reply {
  const params = pageParams(entry);
  const fromMs = entry.query.from === undefined ? undefined : Date.parse(entry.query.from);
  const toMs = entry.query.to === undefined ? undefined : Date.parse(entry.query.to);
  if (!params || Number.isNaN(fromMs) || Number.isNaN(toMs)) {
    return errorReply(400, 'Invalid query parameter');
  }
  const calls = filterCalls(
    state.calls.filter((call) => call.agent_id === agentId),
    {
      fromMs,
      toMs,
      includeDeleted: entry.query.include_deleted === 'true',
      inclusiveBounds: state.options.inclusiveBounds,
    },
  );

  return { status: 200, body: paginate(calls.map(toListItem), params.page, params.limit) };
}

function getCall(state: TalkPilotStandIn, agentId: string, callId: string): Reply {
  const call = state.calls.find(
    (candidate) => candidate.id === callId && candidate.agent_id === agentId,
  );

  return call ? { status: 200, body: call } : errorReply(404, 'Call not found');
}

function patchAgent(agent: Record<string, unknown>, body: string): Reply {
  let update: unknown;
  try {
    update = JSON.parse(body);
  } catch {
    return errorReply(400, 'Invalid JSON');
  }
  const fields = typeof update === 'object' && update !== null ? Object.keys(update) : [];
  const url = (update as Record<string, unknown> | null)?.post_call_webhook_url;
  if (fields.length !== 1 || fields[0] !== 'post_call_webhook_url' || typeof url !== 'string') {
    const reply = errorReply(400, 'Validation failed');
    const error = (reply.body as { error: Record<string, unknown> }).error;
    Object.assign(error, {
      code: 'VALIDATION_ERROR',
      details: [{ field: 'body', message: 'Only post_call_webhook_url may be set' }],
    });

    return reply;
  }
  agent.post_call_webhook_url = url;
  agent.updated_at = new Date().toISOString();

  return { status: 200, body: agent };
}
