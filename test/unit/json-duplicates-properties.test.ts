import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findDuplicateMember } from '../../src/domain/json-duplicates.js';

/**
 * Specification of the duplicate-member scan every JSON body goes through (a 400 names the first
 * member given twice): it answers exactly what a walk of the document in text order finds, whatever
 * the member names hold (`/`, `~`, quotes, backslashes, `\uXXXX` escapes of plain letters).
 */
type Value = number | string | Value[] | { members: Array<[string, Value]> };

const name = fc.constantFrom('a', 'b', 'a/b', 'x~y', 'q"q', 'back\\slash', '', '名', 'line\nfeed', 'ab');
const scalar = fc.oneof(fc.integer(), fc.constantFrom('s', '{"not":"a key"}', 'q"[', 'back\\'));
const { value } = fc.letrec<{ value: Value; array: Value[]; object: { members: Array<[string, Value]> } }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.record({ members: fc.array(fc.tuple(name, tie('value')), { maxLength: 4 }) }),
}));

/** JSON text of the value; `escapeLetters` writes the letter a of member names as \u0061. */
function write(v: Value, escapeLetters: boolean): string {
  if (Array.isArray(v)) return `[${v.map((x) => write(x, escapeLetters)).join(',')}]`;
  if (typeof v === 'object')
    return `{${v.members
      .map(([k, x]) => {
        const key = JSON.stringify(k);
        return `${escapeLetters ? key.replaceAll('a', '\\u0061') : key}: ${write(x, escapeLetters)}`;
      })
      .join(', ')}}`;
  return JSON.stringify(v);
}

const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** The reference: depth first in text order, one set of names per object. */
function firstDuplicate(v: Value, at = ''): string | null {
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) {
      const found = firstDuplicate(x, `${at}/${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof v !== 'object') return null;
  const seen = new Set<string>();
  for (const [k, x] of v.members) {
    if (seen.has(k)) return `${at}/${escape(k)}`;
    seen.add(k);
    const found = firstDuplicate(x, `${at}/${escape(k)}`);
    if (found !== null) return found;
  }
  return null;
}

describe('findDuplicateMember (property)', () => {
  it('names the first member given twice, as a JSON pointer, or null when there is none', () => {
    fc.assert(
      fc.property(value, fc.boolean(), (v, escapeLetters) => {
        const text = write(v, escapeLetters);
        JSON.parse(text);
        assert.equal(findDuplicateMember(text), firstDuplicate(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds nothing in what JSON.stringify writes', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => findDuplicateMember(JSON.stringify(v)) === null));
  });
});
