import { nodeHash, rangeHash, splitPoint, type HashReader } from './merkle.js';

/** RFC 6962 §2.1.1 PATH(m, D[lo:hi]): the audit path of leaf m in the tree of `size` leaves. */
export function inclusionProof(index: number, size: number, read: HashReader): Buffer[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path = (m: number, lo: number, hi: number): Buffer[] => {
    if (hi - lo <= 1) return [];
    const k = splitPoint(hi - lo);
    return m < k
      ? [...path(m, lo, lo + k), rangeHash(lo + k, hi, read)]
      : [...path(m - k, lo + k, hi), rangeHash(lo, lo + k, read)];
  };
  return path(index, 0, size);
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]): proves the tree of `oldSize` leaves is a prefix of the tree of `newSize`. */
export function consistencyProof(oldSize: number, newSize: number, read: HashReader): Buffer[] {
  if (!(oldSize >= 0 && oldSize <= newSize)) throw new RangeError(`no consistency from ${oldSize} to ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  const subproof = (m: number, lo: number, hi: number, whole: boolean): Buffer[] => {
    if (m === hi - lo) return whole ? [] : [rangeHash(lo, hi, read)];
    const k = splitPoint(hi - lo);
    return m <= k
      ? [...subproof(m, lo, lo + k, whole), rangeHash(lo + k, hi, read)]
      : [...subproof(m - k, lo + k, hi, false), rangeHash(lo, lo + k, read)];
  };
  return subproof(oldSize, 0, newSize, true);
}

/** RFC 9162 §2.1.3.2: does `proof` put `leaf` (a leaf hash) at `index` in the tree of `size` with `root`? */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: Buffer[], root: Buffer): boolean {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (oldSize, oldRoot) is a prefix of (newSize, newRoot)? */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Buffer,
  newRoot: Buffer,
  proof: Buffer[],
): boolean {
  if (!(Number.isSafeInteger(oldSize) && Number.isSafeInteger(newSize) && oldSize >= 0 && oldSize <= newSize))
    return false;
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot);
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = [...proof];
  // When the old tree is a complete subtree, its root is the first node of the path.
  if (2 ** Math.round(Math.log2(oldSize)) === oldSize) path.unshift(oldRoot);
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}
