import { InvalidQueryError } from '../errors.js';

/**
 * Opaque keyset cursors: the sort key of the last row served, as base64url JSON. The client
 * never builds one; anything that does not decode to the expected shape is an invalid query.
 */
export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url');
}

export function decodeCursor<T extends string | number>(cursor: string, type: 'string' | 'number'): T {
  const bad = () =>
    new InvalidQueryError('The cursor is not one this server issued.', [
      { pointer: '/cursor', detail: 'is not a valid cursor; use nextCursor or the Link header of the previous page' },
    ]);
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const key = (parsed as { k?: unknown } | null)?.k;
  if (typeof key !== type || (type === 'number' && !Number.isSafeInteger(key))) throw bad();
  return key as T;
}

export interface Paging {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One keyset page. `fetch(after, n)` returns rows ordered by their key after `after` (the empty
 * string or 0 on the first page); it is asked for one row more than the limit to know whether a
 * next page exists, and the cursor is the key of the last row served.
 */
export function keysetPage<R, K extends string | number, T = R>(
  paging: Paging,
  keyType: K extends number ? 'number' : 'string',
  fetch: (after: K, n: number) => R[],
  keyOf: (row: R) => K,
  map: (row: R) => T = (row) => row as unknown as T,
): Page<T> {
  const first = (keyType === 'number' ? 0 : '') as K;
  const after = paging.cursor ? decodeCursor<K>(paging.cursor, keyType) : first;
  const rows = fetch(after, paging.limit + 1);
  const served = rows.slice(0, paging.limit);
  return {
    items: served.map(map),
    nextCursor: rows.length > paging.limit ? encodeCursor(keyOf(served[served.length - 1]!)) : null,
  };
}

/** Every page of a keyset-paged list, for the small lists a page or an export shows whole. */
export function allPages<T>(fetch: (paging: Paging) => Page<T>): T[] {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = fetch({ limit: 500, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
