import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * Strong ETags for public reads, derived from the data's freshness token and the exact request (URL and
 * negotiated format), checked before any query runs: an unchanged registry answers 304 at once.
 */
export function conditionalGet(freshness: () => string): RequestHandler {
  return (req, res, next) => {
    // Authenticated answers depend on who asks: never cache them or tag them.
    if (req.get('authorization')) {
      res.set('Cache-Control', 'private, no-store');
      return next();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const variant = `${req.originalUrl}\u0000${req.get('accept') ?? ''}`;
    const tag = `"r${freshness()}-${createHash('sha1').update(variant).digest('base64url').slice(0, 16)}"`;
    res.set('ETag', tag);
    res.set('Cache-Control', 'public, max-age=0, must-revalidate');
    res.vary('Accept');
    const match = req.get('if-none-match');
    if (match && match.split(',').some((t) => t.trim() === tag || t.trim() === '*')) {
      res.status(304).end();
      return;
    }
    next();
  };
}
