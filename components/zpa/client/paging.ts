import type { RestClient } from "../../shared/http";

export const DEFAULT_PAGE_SIZE = 500;
/** A guard against an endpoint that keeps saying there are more pages. */
export const MAX_PAGES = 1000;

/** One page of a ZPA list: `{"totalPages": "3", "list": [...]}` (totalPages is a string on the wire). */
export interface ZpaPage<T> {
  readonly totalPages?: string | number;
  readonly list?: readonly T[];
}

/** Reads every page of a list endpoint (`?page=1&pagesize=N`, pages counted from 1). */
export async function listAllPages<T>(
  rest: RestClient,
  path: string,
  options: { readonly query?: Readonly<Record<string, string | undefined>>; readonly pageSize?: number } = {},
): Promise<T[]> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const items: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await rest.request<ZpaPage<T> | undefined>({ method: "GET", path, query: { ...options.query, page, pagesize: pageSize } });
    items.push(...(res.body?.list ?? []));
    const total = Number(res.body?.totalPages ?? 1);
    if (!Number.isFinite(total) || page >= total) return items;
  }
  throw new Error(`ZPA: GET ${path} still reports more pages after ${MAX_PAGES}; stopping`);
}
