import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareVersions, majorMinor, parseRange, parseVersion, satisfies } from '../../src/domain/vendor-version.js';

/** A generated vendor version, kept structured so a property can re-render it with a variation. */
interface VersionShape {
  prefix: '' | 'v' | 'V';
  release: string[];
  tags: Array<{ separator: string; word: string; number: string }>;
  build: string;
}

function render(shape: VersionShape, extraReleaseZero = false): string {
  const release = [...shape.release, ...(extraReleaseZero ? ['0'] : [])].join('.');
  const tags = shape.tags.map((t) => `${t.separator}${t.word}${t.number}`).join('');
  return `${shape.prefix}${release}${tags}${shape.build}`;
}

// Small numbers and few words, so equal and near-equal versions are common and the
// order properties are exercised on ties, not only on obviously different strings.
const numberText = fc
  .tuple(fc.nat({ max: 4 }), fc.constantFrom(1, 1, 2, 3))
  .map(([n, width]) => String(n).padStart(width, '0'));
const tagWord = fc.constantFrom(
  'rc',
  'RC',
  'Rc',
  'alpha',
  'ALPHA',
  'beta',
  'Beta',
  'post',
  'POST',
  'dev',
  'a',
  'b',
  'preview',
  'musa',
  'maca',
  'snapshot',
);
const versionShape: fc.Arbitrary<VersionShape> = fc.record({
  prefix: fc.constantFrom<VersionShape['prefix']>('', '', '', 'v', 'V'),
  release: fc.array(numberText, { minLength: 1, maxLength: 4 }),
  // An empty separator gives attached tags (`2.1.0rc1`); two attached words fuse into one unknown
  // word (`rcalpha`), which is still a version the order must handle.
  tags: fc.array(
    fc.record({
      separator: fc.constantFrom('.', '.', '-', '_', ''),
      word: tagWord,
      number: fc.option(numberText, { nil: '' }),
    }),
    { maxLength: 2 },
  ),
  build: fc.constantFrom('', '', '', '+musa', '+cpu', '+cu121.1'),
});
const version = versionShape.map((s) => render(s));

const sign = (n: number): number => Math.sign(n) || 0;

describe('parseVersion', () => {
  it('reads release numbers, tags with their numbers and build metadata', () => {
    assert.deepEqual(parseVersion('8.0.RC2.alpha003'), {
      text: '8.0.RC2.alpha003',
      release: [8, 0],
      tags: [
        { kind: 'rc', word: 'rc', numbers: [2] },
        { kind: 'alpha', word: 'alpha', numbers: [3] },
      ],
      build: null,
    });
    assert.deepEqual(parseVersion('v0.4.2+musa'), { text: 'v0.4.2+musa', release: [0, 4, 2], tags: [], build: 'musa' });
    assert.deepEqual(parseVersion('2.1.0rc1')?.tags, [{ kind: 'rc', word: 'rc', numbers: [1] }]);
    assert.deepEqual(parseVersion('24.04.1')?.release, [24, 4, 1]);
    assert.deepEqual(parseVersion('1.0.snapshot')?.tags, [{ kind: 'other', word: 'snapshot', numbers: [] }]);
  });

  it('accepts every example vendor string', () => {
    for (const text of [
      '8.0.RC2',
      '8.0.RC2.alpha003',
      '7.0.0.alpha001',
      '24.04',
      '24.04.1',
      '2.1.0.post3',
      'v0.5.0',
      '0.4.2+musa',
      '1.8',
      '2.1.0-rc1',
      '8.0.rc2',
      ' 8.0.0 ',
    ]) {
      assert.notEqual(parseVersion(text), null, text);
    }
  });

  it('returns null for text that is not a version', () => {
    for (const text of [
      '',
      '   ',
      '>=',
      'abc',
      'v',
      'vv1',
      'rc1',
      '8..0',
      '8.0.',
      '.8',
      '8.0 1',
      '8.0+',
      '^1.2',
      '~1.2',
      '1.0!',
      '99999999999999999999',
    ]) {
      assert.equal(parseVersion(text), null, JSON.stringify(text));
    }
  });
});

describe('compareVersions', () => {
  // Each row: a < b.
  const ascending: Array<[string, string]> = [
    ['8.0.RC1', '8.0.RC2'],
    ['8.0.RC2', '8.0.0'],
    ['8.0.0', '8.0.0.post1'],
    ['8.0.RC2.alpha003', '8.0.RC2'],
    ['8.0.RC2.alpha002', '8.0.RC2.alpha003'],
    ['7.0.0.alpha001', '7.0.0'],
    ['7.0.0.alpha001', '7.0.0.beta1'],
    ['7.0.0.beta1', '7.0.0.rc1'],
    ['7.0.0.dev1', '7.0.0.alpha1'],
    ['2.1.0.post3', '2.1.0.post10'],
    ['2.1.0-rc1', '2.1.0'],
    ['2.1.0rc1', '2.1.0'],
    ['24.04', '24.04.1'],
    ['24.04.1', '24.10'],
    ['1.8', '1.10'],
    ['1.9.9', '1.10'],
    ['v0.5.0', '0.5.1'],
    ['0.4.2+musa', '0.4.3'],
    ['8.0.5', '8.1.RC1'],
    ['8.0.RC2', '8.0.1'],
    ['2.1.0.rc9', '2.1.0.musa'],
    ['2.1.0.musa', '2.1.0'],
    ['1.0.maca', '1.0.musa'],
    ['1.0.musa', '1.0.snapshot'],
  ];
  const equivalent: Array<[string, string]> = [
    ['1.8', '1.8.0'],
    ['8.0.0', '8.0'],
    ['8.0.rc2', '8.0.RC2'],
    ['8.0.RC2', '8.0.0.RC2'],
    ['v0.5.0', '0.5.0'],
    ['V0.5', '0.5.0'],
    ['24.04', '24.4'],
    ['0.4.2+musa', '0.4.2'],
    ['0.4.2+musa', '0.4.2+cpu'],
    ['7.0.0.alpha001', '7.0.0.alpha1'],
    ['2.1.0-rc1', '2.1.0.RC1'],
    ['1.0a1', '1.0.alpha1'],
    ['1.0.pre1', '1.0.rc1'],
    ['8.0.RC', '8.0.RC0'],
  ];

  for (const [a, b] of ascending) {
    it(`orders ${a} before ${b}`, () => {
      assert.ok(compareVersions(a, b) < 0);
      assert.ok(compareVersions(b, a) > 0);
    });
  }
  for (const [a, b] of equivalent) {
    it(`treats ${a} and ${b} as the same version`, () => {
      assert.equal(compareVersions(a, b), 0);
      assert.equal(compareVersions(b, a), 0);
    });
  }

  it('orders release candidates before the release and post releases after it', () => {
    const shuffled = ['8.0.0.post1', '8.0.RC2', '8.0', '8.0.RC1', '8.0.RC2.alpha003', '7.0.0', '7.0.0.alpha001'];
    assert.deepEqual([...shuffled].sort(compareVersions), [
      '7.0.0.alpha001',
      '7.0.0',
      '8.0.RC1',
      '8.0.RC2.alpha003',
      '8.0.RC2',
      '8.0',
      '8.0.0.post1',
    ]);
  });

  it('throws a TypeError for a string that is not a version', () => {
    assert.throws(() => compareVersions('abc', '1.0'), TypeError);
    assert.throws(() => compareVersions('1.0', ''), TypeError);
  });

  it('throws a TypeError exactly when one side does not parse', () => {
    fc.assert(
      fc.property(fc.oneof(version, fc.string({ maxLength: 12 })), version, (a, b) => {
        try {
          return Number.isInteger(compareVersions(a, b)) && parseVersion(a) !== null;
        } catch (error) {
          return error instanceof TypeError && parseVersion(a) === null;
        }
      }),
    );
  });

  it('parses every generated vendor version', () => {
    fc.assert(fc.property(version, (v) => parseVersion(v) !== null));
  });

  it('is reflexive', () => {
    fc.assert(fc.property(version, (v) => compareVersions(v, v) === 0));
  });

  it('is antisymmetric', () => {
    fc.assert(fc.property(version, version, (a, b) => sign(compareVersions(a, b)) === -sign(compareVersions(b, a))));
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        const ab = compareVersions(a, b);
        const bc = compareVersions(b, c);
        const ac = compareVersions(a, c);
        if (ab <= 0 && bc <= 0 && ac > 0) return false;
        if ((ab < 0 || bc < 0) && ab <= 0 && bc <= 0 && ac >= 0) return false;
        if (ab === 0 && bc === 0 && ac !== 0) return false;
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('yields a consistent order over whole sorted lists', () => {
    fc.assert(
      fc.property(fc.array(version, { maxLength: 25 }), (list) => {
        const sorted = [...list].sort(compareVersions);
        return sorted.every((a, i) => sorted.slice(i + 1).every((b) => compareVersions(a, b) <= 0));
      }),
    );
  });

  it('ignores a leading v', () => {
    fc.assert(
      fc.property(versionShape, versionShape, (a, b) => {
        const plain = { ...a, prefix: '' as const };
        return (
          compareVersions(render(plain), render({ ...a, prefix: 'v' })) === 0 &&
          sign(compareVersions(render(plain), render(b))) ===
            sign(compareVersions(render({ ...a, prefix: 'V' }), render(b)))
        );
      }),
    );
  });

  it('treats a missing trailing release number as zero', () => {
    fc.assert(
      fc.property(
        versionShape,
        versionShape,
        (a, b) =>
          compareVersions(render(a), render(a, true)) === 0 &&
          sign(compareVersions(render(a), render(b))) === sign(compareVersions(render(a, true), render(b))),
      ),
    );
  });

  it('sorts any two shuffles of a list into the same order', () => {
    fc.assert(
      fc.property(
        fc
          .array(version, { maxLength: 20 })
          .chain((list) =>
            fc.tuple(
              fc.shuffledSubarray(list, { minLength: list.length }),
              fc.shuffledSubarray(list, { minLength: list.length }),
            ),
          ),
        ([first, second]) => {
          const a = [...first].sort(compareVersions);
          const b = [...second].sort(compareVersions);
          const again = [...a].sort(compareVersions);
          return a.every((v, i) => compareVersions(v, b[i]!) === 0) && again.every((v, i) => v === a[i]);
        },
      ),
    );
  });
});

describe('majorMinor', () => {
  it('returns the first two release numbers, normalised', () => {
    assert.equal(majorMinor('8.0.RC2'), '8.0');
    assert.equal(majorMinor('24.04.1'), '24.4');
    assert.equal(majorMinor('v0.5.0'), '0.5');
    assert.equal(majorMinor('1'), '1.0');
    assert.equal(majorMinor('2.1.0.post3'), '2.1');
    assert.equal(majorMinor('0.4.2+musa'), '0.4');
  });

  it('keeps a non-version as its own lowercased text, so it only matches itself', () => {
    assert.equal(majorMinor(' ABC '), 'abc');
  });

  it('agrees for versions that differ only after the minor number', () => {
    fc.assert(
      fc.property(versionShape, fc.array(numberText, { maxLength: 2 }), (shape, patch) => {
        const base = { ...shape, release: [...shape.release, '0'].slice(0, 2) };
        return (
          majorMinor(render(base)) === majorMinor(render({ ...base, release: [...base.release, ...patch], tags: [] }))
        );
      }),
    );
  });
});

describe('parseRange', () => {
  it('reads comparators separated by whitespace', () => {
    const range = parseRange('>=8.0.RC1 <8.2');
    assert.deepEqual(
      range?.comparators.map((c) => [c.operator, c.version.text]),
      [
        ['>=', '8.0.RC1'],
        ['<', '8.2'],
      ],
    );
    assert.deepEqual(
      parseRange('>= 8.0  < 8.2')?.comparators.map((c) => [c.operator, c.version.text]),
      [
        ['>=', '8.0'],
        ['<', '8.2'],
      ],
    );
    assert.deepEqual(
      parseRange('8.0.RC2')?.comparators.map((c) => c.operator),
      ['='],
    );
    assert.deepEqual(
      parseRange('==8.0.RC2')?.comparators.map((c) => c.operator),
      ['='],
    );
    assert.deepEqual(parseRange('*')?.comparators, []);
  });

  it('returns null for what it does not support', () => {
    for (const text of [
      '',
      ' ',
      '>=',
      '>= ',
      '^1.2',
      '~1.2',
      '>=1.0 || <0.5',
      '!=1.0',
      '>=abc',
      '1.0 - 2.0',
      '* >=1.0',
      '=>1.0',
      '>>1.0',
    ]) {
      assert.equal(parseRange(text), null, JSON.stringify(text));
    }
  });
});

describe('satisfies', () => {
  const table: Array<[string, string, boolean]> = [
    ['8.0.RC1', '>=8.0.RC1 <8.2', true],
    ['8.0.RC2', '>=8.0.RC1 <8.2', true],
    ['8.1.0', '>=8.0.RC1 <8.2', true],
    ['8.2.RC1', '>=8.0.RC1 <8.2', true],
    ['8.2', '>=8.0.RC1 <8.2', false],
    ['7.0.0', '>=8.0.RC1 <8.2', false],
    ['2.1.0.post3', '>=2.1', true],
    ['2.1.0rc1', '>=2.1', false],
    ['2.9', '<3', true],
    ['3.0.0', '<3', false],
    ['8.0.rc2', '=8.0.RC2', true],
    ['8.0.0.RC2', '8.0.RC2', true],
    ['8.0.RC2.alpha003', '8.0.RC2', false],
    ['8.0', '>8.0 <=8.5', false],
    ['8.5.0', '>8.0 <=8.5', true],
    ['8.0.0.post1', '>8.0 <=8.5', true],
    ['v0.4.2+musa', '=0.4.2', true],
    ['123.4.5.beta6', '*', true],
  ];
  for (const [v, range, expected] of table) {
    it(`${expected ? 'accepts' : 'rejects'} ${v} for ${range}`, () => {
      assert.equal(satisfies(v, range), expected);
      assert.equal(satisfies(v, parseRange(range)!), expected);
    });
  }

  it('throws a TypeError for a non-version or a non-range', () => {
    assert.throws(() => satisfies('abc', '>=1.0'), TypeError);
    assert.throws(() => satisfies('1.0', '^1.0'), TypeError);
  });

  it('always holds for >= and = of the version itself, never for <', () => {
    fc.assert(
      fc.property(
        version,
        (v) =>
          satisfies(v, `>=${v}`) &&
          satisfies(v, `=${v}`) &&
          satisfies(v, v) &&
          !satisfies(v, `<${v}`) &&
          !satisfies(v, `>${v}`),
      ),
    );
  });

  it('satisfies >=a <b exactly when it is at least a and below b', () => {
    fc.assert(
      fc.property(
        version,
        version,
        version,
        (v, a, b) => satisfies(v, `>=${a} <${b}`) === (compareVersions(v, a) >= 0 && compareVersions(v, b) < 0),
      ),
      { numRuns: 1000 },
    );
  });

  it('agrees with the comparator for every single operator', () => {
    fc.assert(
      fc.property(version, version, (v, a) => {
        const cmp = compareVersions(v, a);
        return (
          satisfies(v, `<${a}`) === cmp < 0 &&
          satisfies(v, `<=${a}`) === cmp <= 0 &&
          satisfies(v, `>${a}`) === cmp > 0 &&
          satisfies(v, `>= ${a}`) === cmp >= 0 &&
          satisfies(v, `=${a}`) === (cmp === 0)
        );
      }),
    );
  });
});
