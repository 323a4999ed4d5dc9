/**
 * Vendor version strings (DESIGN §2) are not semver: `8.0.RC2`, `8.0.RC2.alpha003`, `24.04`,
 * `2.1.0.post3`, `v0.5.0`, `0.4.2+musa`, `2.1.0-rc1`. This module parses them into one shape and
 * orders them with a single comparator, so stack matching, ranges and the patch-level
 * "provisional" rule all agree on what "newer" means.
 *
 * Grammar (case-insensitive, surrounding whitespace ignored):
 *
 *     version  = ["v"] body ["+" build]
 *     body     = token *( ("." | "-" | "_") token )      ; the first token starts with a digit
 *     build    = token *( ("." | "-" | "_") token )      ; kept, but never used for ordering
 *     token    = 1*( DIGIT | ALPHA )                     ; split into runs: `RC2` = `RC` `2`, `0rc1` = `0` `rc` `1`
 *
 * The leading numeric runs are the release numbers; each alphabetic run starts a tag that owns the
 * numeric runs after it (`RC2` → rc 2, `alpha003` → alpha 3, `RC2.1` → rc 2.1).
 *
 * Ordering, in this precedence:
 * 1. release numbers, numerically, missing trailing numbers counting as 0 (`1.8` == `1.8.0` == `v1.8`);
 * 2. tags, left to right, where a version with no tag at a position is the plain release there
 *    (`8.0.RC2.alpha003` < `8.0.RC2`, `8.0.RC2` < `8.0.0`). Each tag compares by rank, then by its
 *    canonical word, then by its numbers (missing trailing numbers counting as 0, so `rc` == `rc0`).
 *
 * Tag ranks: dev < alpha < beta < rc < unknown word < (release) < post. The PEP 440 spellings are
 * accepted as aliases (`a`, `b`, `c`, `pre`, `preview`, `rev`, `r`) because Python packages in these
 * stacks (torch_npu, vllm plugins) publish with them. An unknown word (`2.1.0.musa`, `1.0.snapshot`)
 * is treated as a pre-release qualifier: above every rc, below the plain release, and ordered
 * alphabetically among other unknown words. That keeps the clean GA number the highest of its line,
 * which is what a range like `>=2.1.0` should demand, while still ranking labelled builds above
 * older releases. Build metadata after `+` (`0.4.2+musa`, `2.1.0+cpu`) names a build of the same
 * version, so it is ignored entirely: `0.4.2+musa` == `0.4.2`.
 *
 * Every step compares a canonical key (numbers with trailing zeros dropped, words lowercased and
 * de-aliased), so the comparator is a total preorder on everything `parseVersion` accepts.
 */

/** How a tag ranks against the others and against the plain release. */
export type TagKind = 'dev' | 'alpha' | 'beta' | 'rc' | 'other' | 'post';

export interface VersionTag {
  kind: TagKind;
  /** Lowercased and de-aliased (`RC`, `c`, `pre` → `rc`); an unknown word as written, lowercased. */
  word: string;
  /** The numbers the tag owns: `alpha003` → [3], `RC2.1` → [2, 1], bare `rc` → []. */
  numbers: readonly number[];
}

export interface ParsedVersion {
  /** The input, trimmed. */
  text: string;
  /** Leading numeric segments: `8.0.RC2` → [8, 0], `24.04.1` → [24, 4, 1]. Never empty. */
  release: readonly number[];
  tags: readonly VersionTag[];
  /** Text after `+`, or null. Ignored by the comparator. */
  build: string | null;
}

export type RangeOperator = '<' | '<=' | '>' | '>=' | '=';

export interface VersionComparator {
  operator: RangeOperator;
  version: ParsedVersion;
}

export interface VersionRange {
  /** The input, trimmed. */
  text: string;
  /** All must hold; empty for `*` (any version). */
  comparators: readonly VersionComparator[];
}

// One pass, no nested ambiguous quantifiers: separators are mandatory between tokens, so the
// regex runs in linear time even on hostile input.
const VERSION_PATTERN = /^v?(\d[0-9a-z]*(?:[._-][0-9a-z]+)*)(?:\+([0-9a-z]+(?:[._-][0-9a-z]+)*))?$/i;
const RUN_PATTERN = /\d+|[a-z]+/gi;

const KNOWN_TAGS: ReadonlyMap<string, { kind: TagKind; word: string }> = new Map([
  ['dev', { kind: 'dev', word: 'dev' }],
  ['alpha', { kind: 'alpha', word: 'alpha' }],
  ['a', { kind: 'alpha', word: 'alpha' }],
  ['beta', { kind: 'beta', word: 'beta' }],
  ['b', { kind: 'beta', word: 'beta' }],
  ['rc', { kind: 'rc', word: 'rc' }],
  ['c', { kind: 'rc', word: 'rc' }],
  ['pre', { kind: 'rc', word: 'rc' }],
  ['preview', { kind: 'rc', word: 'rc' }],
  ['post', { kind: 'post', word: 'post' }],
  ['rev', { kind: 'post', word: 'post' }],
  ['r', { kind: 'post', word: 'post' }],
]);

// The plain release sits between `other` and `post`; it is the rank a missing tag compares with.
const TAG_RANK: Readonly<Record<TagKind, number>> = { dev: 0, alpha: 1, beta: 2, rc: 3, other: 4, post: 6 };
const RELEASE_RANK = 5;

/** Parses a vendor version; null when the text is not a version at all (empty, `>=`, `abc`). */
export function parseVersion(text: string): ParsedVersion | null {
  const trimmed = text.trim();
  const match = VERSION_PATTERN.exec(trimmed);
  if (!match) return null;
  const release: number[] = [];
  const tags: Array<{ kind: TagKind; word: string; numbers: number[] }> = [];
  for (const run of match[1]!.match(RUN_PATTERN)!) {
    if (/^\d/.test(run)) {
      const n = Number(run);
      // Beyond 2^53 two different segments could compare equal; no real version needs that.
      if (!Number.isSafeInteger(n)) return null;
      const current = tags.at(-1);
      if (current) current.numbers.push(n);
      else release.push(n);
    } else {
      const word = run.toLowerCase();
      tags.push({ numbers: [], ...(KNOWN_TAGS.get(word) ?? { kind: 'other', word }) });
    }
  }
  return { text: trimmed, release, tags, build: match[2] ?? null };
}

function parseOrThrow(text: string): ParsedVersion {
  const parsed = parseVersion(text);
  if (!parsed) throw new TypeError(`Not a version: ${JSON.stringify(text)}`);
  return parsed;
}

/** Compares number lists with missing trailing entries as 0, so `1.8` and `1.8.0` tie. */
function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function tagRank(tag: VersionTag | undefined): number {
  return tag ? TAG_RANK[tag.kind] : RELEASE_RANK;
}

/** Orders two parsed versions; see the module comment for the rules. */
export function compareParsedVersions(a: ParsedVersion, b: ParsedVersion): number {
  const byRelease = compareNumbers(a.release, b.release);
  if (byRelease !== 0) return byRelease;
  for (let i = 0; i < Math.max(a.tags.length, b.tags.length); i++) {
    const x = a.tags[i];
    const y = b.tags[i];
    const byRank = tagRank(x) - tagRank(y);
    if (byRank !== 0) return Math.sign(byRank);
    // Equal ranks with one side missing cannot happen: a missing tag has the release rank, which
    // no tag has. So both exist here.
    if (x!.word !== y!.word) return x!.word < y!.word ? -1 : 1;
    const byNumbers = compareNumbers(x!.numbers, y!.numbers);
    if (byNumbers !== 0) return byNumbers;
  }
  return 0;
}

/** Negative, 0 or positive as `a` is older than, equivalent to or newer than `b`. Throws a TypeError for a non-version. */
export function compareVersions(a: string, b: string): number {
  return compareParsedVersions(parseOrThrow(a), parseOrThrow(b));
}

/**
 * The first two release numbers, normalised (`8.0.RC2` → `8.0`, `24.04.1` → `24.4`, `1` → `1.0`):
 * two stacks whose components agree on this differ only at patch level (DESIGN §3).
 * Deployment keys are computed from stored stacks whose versions only have to match the schema,
 * which admits non-versions like `abc`; those return the trimmed, lowercased text, so such a
 * component still forms a stable key and only matches itself (the result cannot collide with a
 * real `N.N`, because that text would have parsed).
 */
export function majorMinor(text: string): string {
  const parsed = parseVersion(text);
  if (!parsed) return text.trim().toLowerCase();
  return `${parsed.release[0] ?? 0}.${parsed.release[1] ?? 0}`;
}

const OPERATOR_PATTERN = /^(>=|<=|==|=|>|<)?(.*)$/s;

/**
 * Parses a range: whitespace-separated comparators that must all hold (`>=8.0.RC1 <8.2`), each
 * `>=`, `<=`, `>`, `<`, `=` (or `==`) followed by a version, a bare version meaning `=`; `*` alone
 * means any version. An operator may be separated from its version by spaces (`>= 8.0`).
 * Anything else (`^1.2`, `~1.2`, `||`, a dangling operator) is null rather than guessed at.
 */
export function parseRange(text: string): VersionRange | null {
  const trimmed = text.trim();
  if (trimmed === '*') return { text: trimmed, comparators: [] };
  const words = trimmed.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return null;
  const comparators: VersionComparator[] = [];
  for (let i = 0; i < words.length; i++) {
    const [, operator, attached] = OPERATOR_PATTERN.exec(words[i]!)!;
    // A lone operator takes the next word as its version (`>= 8.0`).
    const version = parseVersion(operator && attached === '' ? (words[++i] ?? '') : attached!);
    if (!version) return null;
    comparators.push({
      operator: operator === undefined || operator === '==' ? '=' : (operator as RangeOperator),
      version,
    });
  }
  return { text: trimmed, comparators };
}

function holds(cmp: number, operator: RangeOperator): boolean {
  switch (operator) {
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
    case '=':
      return cmp === 0;
  }
}

/** Whether `version` satisfies every comparator of `range`. Throws a TypeError for a non-version or a non-range string. */
export function satisfies(version: string, range: VersionRange | string): boolean {
  const parsed = parseOrThrow(version);
  const r = typeof range === 'string' ? parseRange(range) : range;
  if (!r) throw new TypeError(`Not a version range: ${JSON.stringify(range)}`);
  return r.comparators.every((c) => holds(compareParsedVersions(parsed, c.version), c.operator));
}
