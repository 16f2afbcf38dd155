import { randomUUID } from 'node:crypto';

/** A call as the stand-in stores it: every documented detail field, unknown ones allowed. */
export type StandInCall = Record<string, unknown> & {
  id: string;
  agent_id: string;
  created_at: string;
};

/** An agent as the stand-in stores it. */
export type StandInAgent = Record<string, unknown> & { id: string; created_at: string };

/** Builds a call with made-up values; `overrides` win, and `undefined` removes a field. */
export function buildCall(agentId: string, overrides: Partial<StandInCall> = {}): StandInCall {
  const id = overrides.id ?? randomUUID();
  const call: StandInCall = {
    id,
    call_id: `lk_call_${id.slice(0, 8)}`,
    customer_name: 'Test Caller',
    customer_request: 'Terminverschiebung',
    phone_number: '+4930123450001',
    duration: 95,
    done: false,
    general_success: true,
    disconnection_reason: 'agent_hangup',
    call_summary: 'Summary text.',
    employee: null,
    note: null,
    agent_id: agentId,
    is_purged: false,
    deleted_at: null,
    created_at: '2026-03-22T09:12:44Z',
    updated_at: '2026-03-22T09:14:30Z',
    transcript: JSON.stringify([{ role: 'agent', text: 'Guten Tag.' }]),
    audio_file_url: `https://storage.example.com/recordings/${id}.wav`,
    final_score: 8,
    ...overrides,
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete call[name];
    }
  }

  return call;
}

/** Fields the list endpoint leaves out; only the detail endpoint returns them. */
const DETAIL_ONLY_FIELDS = ['transcript', 'audio_file_url', 'final_score'];

/** Returns the list view of a call: the stored call without the detail-only fields. */
export function toListItem(call: StandInCall): Record<string, unknown> {
  const item: Record<string, unknown> = { ...call };
  for (const field of DETAIL_ONLY_FIELDS) {
    delete item[field];
  }

  return item;
}

/** Clears the personal fields, as retention does to a purged call. */
export function purge(call: StandInCall): void {
  Object.assign(call, {
    is_purged: true,
    phone_number: null,
    transcript: null,
    audio_file_url: null,
    customer_name: null,
  });
}

/** Filters of the calls list, read from the query string. */
export interface CallFilter {
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly includeDeleted: boolean;
  /** Whether a call created exactly at `from` or `to` is listed. */
  readonly inclusiveBounds: boolean;
}

/** Returns the calls matching `filter`, newest `created_at` first, ties in insertion order. */
export function filterCalls(calls: readonly StandInCall[], filter: CallFilter): StandInCall[] {
  const matches = calls.filter((call) => {
    const createdMs = Date.parse(call.created_at);
    if (!filter.includeDeleted && call.deleted_at !== null && call.deleted_at !== undefined) {
      return false;
    }
    if (filter.fromMs !== undefined && !after(createdMs, filter.fromMs, filter.inclusiveBounds)) {
      return false;
    }

    return filter.toMs === undefined || !after(createdMs, filter.toMs, !filter.inclusiveBounds);
  });

  return matches
    .map((call, index) => ({ call, index }))
    .sort(
      (a, b) => Date.parse(b.call.created_at) - Date.parse(a.call.created_at) || a.index - b.index,
    )
    .map(({ call }) => call);
}

function after(valueMs: number, boundMs: number, orEqual: boolean): boolean {
  return orEqual ? valueMs >= boundMs : valueMs > boundMs;
}

/** Returns one page of `items` and the pagination envelope the API documents. */
export function paginate<T>(items: readonly T[], page: number, limit: number) {
  const pages = Math.ceil(items.length / limit);

  return {
    data: items.slice((page - 1) * limit, page * limit),
    pagination: { page, limit, total: items.length, pages },
  };
}
