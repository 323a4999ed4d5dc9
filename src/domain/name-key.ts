/**
 * The lookup key of a name: NFKC-folded (full-width → ASCII), lowercased, with spaces,
 * hyphens, underscores and slashes-adjacent noise removed, so `Ascend 910B`, `ascend-910b`
 * and `ＡＳＣＥＮＤ910B` meet. Dots are kept because they carry meaning in versions and
 * model names (`qwen2.5-7b` ≠ `qwen25-7b`).
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_·]+/g, '');
}
