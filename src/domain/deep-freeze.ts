/** Freezes a parsed JSON value and everything in it: a cached value shared by requests must never be changed by one of them. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
