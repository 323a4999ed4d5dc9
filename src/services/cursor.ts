import { InvalidInputError } from '../errors.js';

/**
 * Opaque keyset cursors: the sort key of the last row served, as base64url JSON. The client
 * never builds one; anything that does not decode to the expected shape is a 400.
 */
export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url');
}

export function decodeCursor<T extends string | number>(cursor: string, type: 'string' | 'number'): T {
  const bad = () =>
    new InvalidInputError(
      'The cursor is not one this server issued.',
      [
        {
          pointer: '/query/cursor',
          detail: 'is not a valid cursor; use nextCursor or the Link header of the previous page',
        },
      ],
      'invalid-query',
    );
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
