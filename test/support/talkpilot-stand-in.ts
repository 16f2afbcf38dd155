import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleStandInRoute } from './talkpilot-stand-in-routes';
import { buildCall, purge, type StandInAgent, type StandInCall } from './talkpilot-stand-in-state';

export { buildCall, type StandInAgent, type StandInCall } from './talkpilot-stand-in-state';

/** One request as the stand-in received it; the API key is never recorded. */
export interface StandInRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Time of arrival by the stand-in's clock, epoch milliseconds. */
  readonly atMs: number;
  status: number;
}

/** A programmed response for the next matching requests, in place of the normal one. */
export interface StandInFault {
  readonly method?: string;
  /** Matches when the request path contains this text, or matches this pattern. */
  readonly path?: string | RegExp;
  /** Status to respond with. Omit it to respond normally after `delayMs`. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Body text; an error envelope with a matching code when omitted. */
  readonly body?: string;
  /** Real delay before responding, in milliseconds. */
  readonly delayMs?: number;
  /** How many matching requests get this answer; default 1. */
  times?: number;
}

/** Options of `startTalkPilotStandIn`. */
export interface TalkPilotStandInOptions {
  /** The only accepted `X-API-Key`; default a fixed `tp_live_` test key. */
  readonly apiKey?: string;
  /** Clock for the request log and the rate limit, epoch milliseconds; default `Date.now`. */
  readonly now?: () => number;
  /** Limits enforced like the API (429 with `Retry-After`); `false` turns them off. */
  readonly rateLimits?: { perMinute: number; perHour: number } | false;
  /** Whether `from`/`to` include calls created exactly at the bound; default `false`. */
  readonly inclusiveBounds?: boolean;
}

/** A loopback server on 127.0.0.1 that behaves like TalkPilot's API as its docs describe. */
export interface TalkPilotStandIn {
  /** Base URL ending in `/v1`, as configured in `TALKPILOT_BASE_URL`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly agents: StandInAgent[];
  readonly calls: StandInCall[];
  /** Every request received, in order of arrival. */
  readonly requests: StandInRequest[];
  readonly faults: StandInFault[];
  /** Hooks run before each request is answered, for changes between pages. */
  readonly beforeRequest: ((request: StandInRequest) => void)[];
  readonly options: Required<Omit<TalkPilotStandInOptions, 'rateLimits'>> & {
    rateLimits: { perMinute: number; perHour: number } | false;
  };
  addAgent(fields?: Partial<StandInAgent>): StandInAgent;
  addCall(agentId: string, fields?: Partial<StandInCall>): StandInCall;
  /** Soft-deletes a call, or removes it for good with `permanent`. */
  deleteCall(callId: string, options?: { permanent?: boolean }): void;
  purgeCall(callId: string): void;
  fail(fault: StandInFault): void;
  close(): Promise<void>;
}

/** The test key the stand-in accepts by default. */
export const STAND_IN_API_KEY = `tp_live_${'0123456789abcdef'.repeat(2)}`;

/** Starts the stand-in on 127.0.0.1 with a free port (or `port`). */
export async function startTalkPilotStandIn(
  options: TalkPilotStandInOptions = {},
  port = 0,
): Promise<TalkPilotStandIn> {
  const state = createStandInState(options);
  const server = createServer((request, response) => {
    void answer(state, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  Object.assign(state, { baseUrl: `http://127.0.0.1:${address.port}/v1` });
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });

  return state;
}

function createStandInState(options: TalkPilotStandInOptions): TalkPilotStandIn {
  const state: TalkPilotStandIn = {
    baseUrl: '',
    apiKey: options.apiKey ?? STAND_IN_API_KEY,
    agents: [],
    calls: [],
    requests: [],
    faults: [],
    beforeRequest: [],
    options: {
      apiKey: options.apiKey ?? STAND_IN_API_KEY,
      now: options.now ?? Date.now,
      rateLimits: options.rateLimits ?? { perMinute: 60, perHour: 1000 },
      inclusiveBounds: options.inclusiveBounds ?? false,
    },
    addAgent(fields = {}) {
      const agent: StandInAgent = {
        id: randomUUID(),
        name: `Agent ${state.agents.length + 1}`,
        is_active: true,
        post_call_webhook_url: null,
        created_at: new Date(state.options.now()).toISOString(),
        ...fields,
      };
      state.agents.push(agent);

      return agent;
    },
    addCall(agentId, fields = {}) {
      const call = buildCall(agentId, fields);
      state.calls.push(call);

      return call;
    },
    deleteCall(callId, deleteOptions = {}) {
      const index = state.calls.findIndex((call) => call.id === callId);
      if (deleteOptions.permanent) {
        state.calls.splice(index, 1);
      } else if (index >= 0) {
        (state.calls[index] as StandInCall).deleted_at = new Date(
          state.options.now(),
        ).toISOString();
      }
    },
    purgeCall(callId) {
      const call = state.calls.find((candidate) => candidate.id === callId);
      if (call) {
        purge(call);
      }
    },
    fail(fault) {
      state.faults.push({ times: 1, ...fault });
    },
    close: async () => {},
  };

  return state;
}

async function answer(
  state: TalkPilotStandIn,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(request);
  try {
    await handleStandInRoute(state, request, body, response);
  } catch {
    if (!response.headersSent) {
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({
          error: { code: 'INTERNAL_ERROR', message: 'Stand-in failed', request_id: randomUUID() },
        }),
      );
    }
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }

  return Buffer.concat(chunks).toString('utf8');
}
