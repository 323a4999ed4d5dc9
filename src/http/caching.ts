import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { sendCachedAnswer, type AnswerCache } from './answer-cache.js';

/** How many variants' hashes are kept; past it the memo starts over (a hash is cheap, only not free). */
const HASHES_KEPT = 10_000;

/**
 * Strong ETags for public reads, derived from the data's freshness token and the exact request (URL and
 * negotiated format), checked before any query runs: an unchanged registry answers 304 at once. With an
 * answer cache, a GET whose answer is kept under the current token is answered here too.
 */
export function conditionalGet(freshness: () => string, answers?: AnswerCache): RequestHandler {
  // The hash names the variant only (the token is prefixed), so it outlives every data revision.
  const hashes = new Map<string, string>();
  const hashOf = (variant: string): string => {
    let hash = hashes.get(variant);
    if (hash === undefined) {
      if (hashes.size >= HASHES_KEPT) hashes.clear();
      hash = createHash('sha1').update(variant).digest('base64url').slice(0, 16);
      hashes.set(variant, hash);
    }
    return hash;
  };
  return (req, res, next) => {
    // Authenticated answers depend on who asks: never cache them or tag them.
    if (req.headers.authorization) {
      res.setHeader('Cache-Control', 'private, no-store');
      return next();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const variant = `${req.originalUrl}\u0000${req.headers.accept ?? ''}`;
    const token = freshness();
    const tag = `"r${token}-${hashOf(variant)}"`;
    res.setHeader('ETag', tag);
    res.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
    if (res.hasHeader('Vary')) res.vary('Accept');
    else res.setHeader('Vary', 'Accept');
    const match = req.headers['if-none-match'];
    if (match && match.split(',').some((t) => t.trim() === tag || t.trim() === '*')) {
      res.status(304).end();
      return;
    }
    if (answers && req.method === 'GET') {
      const answer = answers.get(token, variant);
      if (answer) return sendCachedAnswer(res, answer);
      answers.expect(res, token, variant);
    }
    next();
  };
}
