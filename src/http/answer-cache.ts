import type { Request, Response } from 'express';

/** A finished public answer: its bytes and the headers the handler chose (the middleware before it sets the rest). */
export interface CachedAnswer {
  /**
   * Kept as text, not bytes: Node writes a string body in one piece with the headers, a Buffer as a second chunk
   * (a `writev` of two), which was the largest cost of a cached answer.
   */
  body: string;
  /** The body's length in UTF-8 bytes. */
  length: number;
  contentType: string;
  /** Further headers of this answer (`Link`, `Content-Disposition`). */
  headers: ReadonlyArray<readonly [string, string]>;
  /** The route template, for the metrics (a hit never reaches the router). */
  route: string;
}

/** What the conditional-GET middleware leaves for the handler of an answer it did not have. */
interface Pending {
  cache: AnswerCache;
  token: string;
  key: string;
}

const PENDING = Symbol('answer-cache pending');
type WithPending = Response & { [PENDING]?: Pending };

/**
 * Public answers kept per freshness token: the serialised body of a read, keyed by URL and `Accept` (the same
 * variant the ETag names), so a repeated question costs a map lookup and one write to the socket. Every
 * entry belongs to one token; the first request under a new token (a write, a revocation, an expiry
 * passing) empties the cache. Bounded by the bytes it holds: once full, it keeps what it holds until the token changes.
 */
export function createAnswerCache(maxBytes: number) {
  let token: string | null = null;
  let bytes = 0;
  const entries = new Map<string, CachedAnswer>();
  const sizeOf = (key: string, answer: CachedAnswer) => answer.length + key.length * 2 + 200;
  const cache = {
    /** The answer cached for this variant under this token, if any. */
    get(current: string, key: string): CachedAnswer | undefined {
      if (current !== token) {
        entries.clear();
        bytes = 0;
        token = current;
        return undefined;
      }
      return entries.get(key);
    },
    set(current: string, key: string, answer: CachedAnswer): void {
      if (current !== token) return;
      const size = sizeOf(key, answer);
      if (size > maxBytes / 8) return;
      const old = entries.get(key);
      if (old) {
        bytes -= sizeOf(key, old);
        entries.delete(key);
      }
      // Full: keep what is held rather than evict. Clients cycling through more questions than fit (a CI fleet's
      // rotation) would otherwise evict every answer just before it is asked again; the next token starts afresh.
      if (bytes + size > maxBytes) return;
      entries.set(key, answer);
      bytes += size;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
    /** Called by the conditional-GET middleware: the handler may keep its answer under this token and key. */
    expect(res: Response, current: string, key: string): void {
      (res as WithPending)[PENDING] = { cache, token: current, key };
    },
  };
  return cache;
}

export type AnswerCache = ReturnType<typeof createAnswerCache>;

function write(res: Response, answer: CachedAnswer): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', answer.contentType);
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.setHeader('Content-Length', answer.length);
  res.end(answer.body);
}

/** Sends a cached answer (the conditional-GET middleware found it). */
export function sendCachedAnswer(res: Response, answer: CachedAnswer): void {
  res.locals.route = answer.route;
  write(res, answer);
}

/**
 * Sends a 200 answer and keeps it for the next identical public request under the same freshness token.
 * Only for answers that depend on nothing but the URL, `Accept` and the data (never on who asks).
 */
export function sendAnswer(
  req: Request,
  res: Response,
  body: string,
  contentType: string,
  headers: ReadonlyArray<readonly [string, string]> = [],
): void {
  const answer: CachedAnswer = {
    body,
    length: Buffer.byteLength(body, 'utf8'),
    contentType,
    headers,
    route: `${req.baseUrl}${String(req.route?.path ?? '')}`,
  };
  const pending = (res as WithPending)[PENDING];
  if (pending && req.method === 'GET') pending.cache.set(pending.token, pending.key, answer);
  write(res, answer);
}

export const JSON_TYPE = 'application/json; charset=utf-8';

/** `res.json` for a cacheable public answer. */
export function sendJsonAnswer(req: Request, res: Response, value: unknown): void {
  sendAnswer(req, res, JSON.stringify(value), JSON_TYPE);
}
