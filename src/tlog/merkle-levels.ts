import { nodeHash, type HashReader } from './merkle.js';

/**
 * Every complete subtree hash of a growing tree, level by level: levels[0] holds the leaf hashes,
 * levels[l][i] the root of leaves [i·2^l, (i+1)·2^l). Appending a leaf completes at most log2(n) subtrees.
 */
export function createMerkleLevels() {
  const levels: Buffer[][] = [[]];
  return {
    get size() {
      return levels[0]!.length;
    },
    append(leaf: Buffer): void {
      levels[0]!.push(leaf);
      for (let l = 0; levels[l]!.length % 2 === 0; l++) {
        const row = levels[l]!;
        (levels[l + 1] ??= []).push(nodeHash(row[row.length - 2]!, row[row.length - 1]!));
      }
    },
    read: ((level, index) => {
      const hash = levels[level]?.[index];
      if (!hash) throw new RangeError(`no complete subtree ${index} at level ${level}`);
      return hash;
    }) as HashReader,
  };
}

export type MerkleLevels = ReturnType<typeof createMerkleLevels>;
