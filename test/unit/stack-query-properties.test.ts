import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InvalidQueryError } from '../../src/errors.js';
import { nameKey } from '../../src/domain/name-key.js';
import { parseStackQuery } from '../../src/domain/stack-query.js';
import { compareVersions } from '../../src/domain/vendor-version.js';

/**
 * Specification of the stack-string parser (`CANN@8.0.RC2,torch_npu@>=2.1 <2.3`), shared by
 * /v1/compatibility, /v1/stacks/check, /v1/upgrade-path and `chipreg stack`.
 */
const segment = fc.stringMatching(/^[0-9]{1,3}$/);
const tag = fc.constantFrom('', '.RC1', '.rc2', '.post1', '.alpha003', 'rc1', '.dev20250528');
const version = fc
  .tuple(fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 4 }), tag)
  .map(([v, parts, t]) => `${v ? 'v' : ''}${parts.join('.')}${t}`);
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,19}$/);
const component = fc.tuple(name, version);

describe('parseStackQuery (property)', () => {
  it('reads back every well-formed name@version list, names and versions intact', () => {
    fc.assert(
      fc.property(fc.array(component, { minLength: 1, maxLength: 20 }), (parts) => {
        const parsed = parseStackQuery(parts.map(([n, v]) => `${n}@${v}`).join(','));
        assert.equal(parsed.length, parts.length);
        parsed.forEach((p, i) => {
          assert.equal(p.name, parts[i]![0]);
          assert.equal(p.key, nameKey(parts[i]![0]));
          assert.equal(p.spec, parts[i]![1]);
          assert.equal(p.exact, parts[i]![1]);
          assert.equal(compareVersions(p.exact!, parts[i]![1]), 0);
        });
      }),
    );
  });

  it('reads a range as a range, never as an exact version', () => {
    fc.assert(
      fc.property(name, version, version, (n, low, high) => {
        const [p] = parseStackQuery(`${n}@>=${low} <${high}`);
        assert.equal(p!.exact, null);
        assert.equal(p!.range.comparators.length, 2);
      }),
    );
  });

  it('answers any text with components or an invalid-input error at the given pointer, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        try {
          const parsed = parseStackQuery(text, '/from');
          assert.ok(parsed.length >= 1 && parsed.length <= 20);
        } catch (error) {
          assert.ok(error instanceof InvalidQueryError, String(error));
          assert.ok(error.errors.length >= 1);
          assert.ok(error.errors.every((p) => p.pointer === '/from'));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses more than 20 components', () => {
    const text = Array.from({ length: 21 }, (_, i) => `c${i}@1.0`).join(',');
    assert.throws(() => parseStackQuery(text), InvalidQueryError);
  });
});
