import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * sha256 of a parsed JSON body in RFC 8785 canonical form, so key order and whitespace do not
 * make two equal requests differ. Values canonical JSON cannot express (an overflowing
 * `1e999` parses to Infinity) fall back to plain JSON: such a body is invalid anyway, and only
 * needs a hash that differs from every valid one.
 */
export function requestHash(body: unknown): string {
  let text: string;
  try {
    text = canonicalize(body ?? null) ?? 'null';
  } catch {
    text = `!${JSON.stringify(body ?? null)}`;
  }
  return createHash('sha256').update(text).digest('hex');
}
