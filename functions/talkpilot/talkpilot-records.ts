import * as v from 'valibot';

/** A call or agent as the API returned it, unknown fields kept; only `id` is guaranteed. */
export type ApiRecord = Readonly<Record<string, unknown>> & { readonly id: string };

/** One page of a list endpoint. */
export interface ApiPage<T> {
  readonly items: readonly T[];
  /** Page number that the API reports, or the one requested when it reports none. */
  readonly page: number;
  /** Page count that the API reports; 0 when it reports none. */
  readonly pages: number;
  /** Item count across all pages that the API reports, when it does. */
  readonly total?: number;
  /** Items without a string `id`; they cannot be deduplicated and are left out of `items`. */
  readonly invalidItems: number;
}

const PaginationSchema = v.looseObject({
  page: v.optional(v.unknown()),
  pages: v.optional(v.unknown()),
  total: v.optional(v.unknown()),
});

const ListSchema = v.looseObject({
  data: v.array(v.unknown()),
  pagination: v.optional(PaginationSchema),
});

const RecordSchema = v.looseObject({ id: v.pipe(v.string(), v.nonEmpty()) });

/** Reads a list envelope `{data, pagination}`; returns `undefined` when `data` is no array. */
export function readPage(body: unknown, requestedPage: number): ApiPage<ApiRecord> | undefined {
  const list = v.safeParse(ListSchema, body);
  if (!list.success) {
    return undefined;
  }
  const items = list.output.data.flatMap((item) => {
    const record = readRecord(item);

    return record ? [record] : [];
  });
  const pagination = list.output.pagination;

  return {
    items,
    page: wholeNumber(pagination?.page) ?? requestedPage,
    pages: wholeNumber(pagination?.pages) ?? 0,
    total: wholeNumber(pagination?.total),
    invalidItems: list.output.data.length - items.length,
  };
}

/** Reads one bare record; returns `undefined` when it is no object with a string `id`. */
export function readRecord(body: unknown): ApiRecord | undefined {
  const result = v.safeParse(RecordSchema, body);

  return result.success ? (result.output as ApiRecord) : undefined;
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
