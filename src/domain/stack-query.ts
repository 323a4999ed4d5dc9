import { InvalidQueryError } from '../errors.js';
import { nameKey } from './name-key.js';
import { parseRange, parseVersion, type VersionRange } from './vendor-version.js';

export interface StackRequirement {
  name: string;
  key: string;
  /** The text after `@`, as given. */
  spec: string;
  range: VersionRange;
  /** Set when the spec is one exact version (not a range): patch-level differences then match provisionally. */
  exact: string | null;
}

/**
 * Parses `stack=CANN@8.0.0,torch_npu@>=2.1 <2.3`: comma-separated `name@version-or-range`.
 * Every bad part is reported, with its position.
 */
export function parseStackQuery(text: string, pointer = '/stack'): StackRequirement[] {
  const problems: Array<{ pointer: string; detail: string }> = [];
  const out: StackRequirement[] = [];
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > 20)
    throw new InvalidQueryError('Too many stack components.', [{ pointer, detail: 'names at most 20 components' }]);
  parts.forEach((part, i) => {
    const at = part.indexOf('@');
    const name = at > 0 ? part.slice(0, at).trim() : '';
    const spec = at > 0 ? part.slice(at + 1).trim() : '';
    const range = spec ? parseRange(spec) : null;
    if (!name || !spec || !range) {
      problems.push({
        pointer,
        detail: `component ${i + 1} ("${part}") must be name@version or name@range, e.g. CANN@8.0.RC2 or CANN@>=8.0.RC1 <8.2`,
      });
      return;
    }
    const bare = spec.replace(/^=/, '');
    out.push({ name, key: nameKey(name), spec, range, exact: parseVersion(bare) ? bare : null });
  });
  if (problems.length) throw new InvalidQueryError('The stack parameter is malformed.', problems);
  return out;
}
