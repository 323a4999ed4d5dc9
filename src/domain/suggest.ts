/** Levenshtein distance with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * "Did you mean": candidates whose key contains the query (or is contained in it), or is within
 * a third of its length in edits; closest first, one entry per record.
 */
export function suggest(
  key: string,
  candidates: ReadonlyArray<{ id: string; name: string; key: string }>,
  limit = 5,
): Array<{ id: string; name: string }> {
  if (!key) return [];
  const max = Math.max(1, Math.floor(key.length / 3));
  const scored = new Map<string, { id: string; name: string; score: number }>();
  for (const c of candidates) {
    const contains = c.key.includes(key) || (c.key.length >= 3 && key.includes(c.key));
    const distance = contains ? 0.5 : editDistance(key, c.key, max);
    if (distance > max) continue;
    const prior = scored.get(c.id);
    if (!prior || distance < prior.score) scored.set(c.id, { id: c.id, name: c.name, score: distance });
  }
  return [...scored.values()]
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map(({ id, name }) => ({ id, name }));
}
