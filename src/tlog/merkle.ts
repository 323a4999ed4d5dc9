import { createHash } from 'node:crypto';

/** Reads the Merkle Tree Hash of the complete subtree `index` at `level` (2^level leaves starting at index·2^level). */
export type HashReader = (level: number, index: number) => Buffer;

const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** RFC 6962 §2.1: MTH({d}) = SHA-256(0x00 || d). */
export const leafHash = (data: Buffer): Buffer => sha256(Buffer.of(0), data);

/** RFC 6962 §2.1: an interior node is SHA-256(0x01 || left || right). */
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.of(1), left, right);

/** RFC 6962 §2.1: the hash of an empty tree is the hash of the empty string. */
export const emptyTreeHash = (): Buffer => sha256();

/** The largest power of two strictly smaller than n (n ≥ 2), as RFC 6962 splits a tree. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPowerOfTwo = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

/** MTH(D[lo:hi]) built from complete subtrees, for any range the RFC 6962 recursion visits. */
export function rangeHash(lo: number, hi: number, read: HashReader): Buffer {
  const size = hi - lo;
  if (isPowerOfTwo(size) && lo % size === 0) return read(Math.log2(size), lo / size);
  const k = splitPoint(size);
  return nodeHash(rangeHash(lo, lo + k, read), rangeHash(lo + k, hi, read));
}

/** The root hash of the tree of the first n leaves. */
export const treeHash = (n: number, read: HashReader): Buffer => (n === 0 ? emptyTreeHash() : rangeHash(0, n, read));
