/**
 * Drops undefined members and the objects left empty by that, so a number the tool did not state
 * leaves no trace (not a 0, not an empty `latencyMs: {}`).
 */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => compact(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    const kept = compact(member);
    if (kept === undefined) continue;
    if (kept !== null && typeof kept === 'object' && !Array.isArray(kept) && Object.keys(kept).length === 0) continue;
    out[key] = kept;
  }
  return out as T;
}
