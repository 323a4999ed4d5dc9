import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeCursor, encodeCursor } from '../../src/services/keyset-page.js';
import { nameKey } from '../../src/domain/name-key.js';
import { editDistance, suggest } from '../../src/domain/suggest.js';
import { toCsv } from '../../src/format/csv.js';

describe('cursor', () => {
  it('round-trips every key it encodes', () => {
    fc.assert(fc.property(fc.nat(), (n) => decodeCursor<number>(encodeCursor(n), 'number') === n));
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => decodeCursor<string>(encodeCursor(s), 'string') === s));
  });

  it('rejects anything it did not issue', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (s) => {
        try {
          const key = decodeCursor<number>(s, 'number');
          return Number.isSafeInteger(key);
        } catch (error) {
          return (error as { code?: string }).code === 'invalid-query';
        }
      }),
    );
    assert.throws(() => decodeCursor(encodeCursor('abc'), 'number'));
  });
});

describe('nameKey', () => {
  it('folds case, spaces, hyphens, underscores and full-width forms', () => {
    assert.equal(nameKey('Ascend 910B'), nameKey('ascend-910b'));
    assert.equal(nameKey('ＡＳＣＥＮＤ９１０Ｂ'), nameKey('Ascend910B'));
    assert.equal(nameKey('torch_npu'), nameKey('torch-npu'));
    assert.notEqual(nameKey('qwen2.5-7b'), nameKey('qwen25-7b'));
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => nameKey(nameKey(s)) === nameKey(s)));
  });
});

describe('suggest', () => {
  const names = [
    { id: 'huawei-ascend-910b', name: 'Ascend 910B', key: nameKey('Ascend 910B') },
    { id: 'huawei-ascend-910c', name: 'Ascend 910C', key: nameKey('Ascend 910C') },
    { id: 'sophgo-bm1684x', name: 'BM1684X', key: nameKey('BM1684X') },
  ];

  it('suggests the closest names for a typo and nothing for noise', () => {
    assert.deepEqual(
      suggest(nameKey('Ascend 910X'), names).map((s) => s.id),
      ['huawei-ascend-910b', 'huawei-ascend-910c'],
    );
    assert.deepEqual(suggest(nameKey('zzzzzzzz'), names), []);
  });

  it('edit distance is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b, 30);
        return d === editDistance(b, a, 30) && (d === 0) === (a === b);
      }),
    );
  });
});

describe('toCsv', () => {
  it('quotes commas, quotes and newlines, and defuses formulas', () => {
    const csv = toCsv(
      [{ a: 'x,y', b: 'say "hi"', c: '=cmd()' }],
      [
        { header: 'a', value: (r) => r.a },
        { header: 'b', value: (r) => r.b },
        { header: 'c', value: (r) => r.c },
      ],
    );
    assert.equal(csv, 'a,b,c\r\n"x,y","say ""hi""",\'=cmd()\r\n');
  });

  it('defuses a formula behind a minus sign, a tab or a carriage return, and keeps plain negative numbers', () => {
    const one = (value: string) => toCsv([value], [{ header: 'v', value: (r) => r }]).split('\r\n')[1];
    assert.equal(one("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
    assert.equal(one('-SUM(A1:A9)'), "'-SUM(A1:A9)");
    assert.equal(one('\t=1+1'), "'\t=1+1");
    assert.equal(one('@SUM(1)'), "'@SUM(1)");
    assert.equal(one('-12.5'), '-12.5');
    assert.equal(one('-1e-3'), '-1e-3');
    assert.equal(one('8.0.RC2'), '8.0.RC2');
  });
});
