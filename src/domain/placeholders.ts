/**
 * Values that stand in for a fact nobody stated. Where a version, revision or name is required a
 * placeholder is an error; where it is optional the field is left out ("unmeasured means absent").
 */
const PLACEHOLDERS = new Set([
  '',
  '-',
  '--',
  '?',
  'unknown',
  'n/a',
  'na',
  'none',
  'null',
  'tbd',
  'tba',
  'todo',
  'not stated',
  'not-stated',
  'not stated in source',
  'not-stated-in-source',
  'unspecified',
  'not specified',
  '未知',
  '无',
]);

/** Case-insensitive, trimmed, inner spacing and underscores folded: `Not_Stated`, ` TBD `, `N/A`. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDERS.has(
    value
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, ' '),
  );
}

/** Branch names that move: never a pin. */
const MOVING_NAMES = new Set(['main', 'master', 'head', 'latest', 'dev', 'develop', 'trunk', 'nightly', 'stable']);

/**
 * Why a revision does not pin the model, or null when it does (a commit sha or a tag such as
 * `v1.0`, `refs/tags/v1.0`). Branch references (`refs/heads/main`, `origin/main`), relative refs
 * (`HEAD~1`, `main^`, `main@{1}`) and moving names are not pins.
 */
export function unpinnedReason(revision: string): string | null {
  const r = revision.trim();
  const lower = r.toLowerCase();
  if (isPlaceholder(r)) return 'is a placeholder';
  if (MOVING_NAMES.has(lower)) return 'is a moving branch name';
  if (/^refs\/tags\/[^/]/.test(r)) return null;
  if (lower.startsWith('refs/')) return 'is a branch reference';
  if (/[~^]|@\{/.test(r)) return 'is a relative reference';
  if (/^(?:origin|upstream)\//i.test(r)) return 'is a remote branch reference';
  const last = lower.split('/').at(-1)!;
  if (r.includes('/') && MOVING_NAMES.has(last)) return 'is a branch reference';
  return null;
}
