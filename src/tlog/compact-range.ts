import { emptyTreeHash, nodeHash } from './merkle.js';

/**
 * The right edge of a tree: the roots of its complete subtrees, largest first (one per set bit of
 * the size). Enough to append leaves and compute the new root without the rest of the tree, so a
 * monitor checks new entries against a checkpoint in time proportional to their number.
 */
export function createCompactRange(size: number, hashes: Buffer[]) {
  const bits = size.toString(2).replace(/0/g, '').length;
  if (!Number.isSafeInteger(size) || size < 0 || hashes.length !== (size === 0 ? 0 : bits))
    throw new RangeError(`a compact range of size ${size} has one hash per set bit`);
  // Stack of [level, hash], largest subtree at the bottom.
  const stack: Array<[number, Buffer]> = [];
  let rest = size;
  for (let level = 52; level >= 0; level--) {
    if (rest >= 2 ** level) {
      stack.push([level, hashes[stack.length]!]);
      rest -= 2 ** level;
    }
  }
  let n = size;
  return {
    get size() {
      return n;
    },
    append(leaf: Buffer): void {
      stack.push([0, leaf]);
      while (stack.length >= 2 && stack[stack.length - 1]![0] === stack[stack.length - 2]![0]) {
        const [, right] = stack.pop()!;
        const [level, left] = stack.pop()!;
        stack.push([level + 1, nodeHash(left, right)]);
      }
      n++;
    },
    root(): Buffer {
      if (stack.length === 0) return emptyTreeHash();
      let hash = stack[stack.length - 1]![1];
      for (let i = stack.length - 2; i >= 0; i--) hash = nodeHash(stack[i]![1], hash);
      return hash;
    },
    hashes: () => stack.map(([, h]) => h),
  };
}
