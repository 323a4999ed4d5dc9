import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { leafHash, nodeHash, treeHash } from '../../src/tlog/merkle.js';
import { createMerkleLevels } from '../../src/tlog/merkle-levels.js';
import { createCompactRange } from '../../src/tlog/compact-range.js';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from '../../src/tlog/proofs.js';
import { encodeTileIndex, parseTilePath, tilePath } from '../../src/tlog/tile-path.js';
import { hashFromTiles, tileData, tileWidthAt } from '../../src/tlog/tiles.js';
import {
  formatVerifierKey,
  noteSignedBy,
  parseNote,
  parseVerifierKey,
  rawEd25519PublicKey,
  signNote,
  SIG_ED25519,
} from '../../src/tlog/signed-note.js';

/** RFC 6962 §2.1 MTH, written straight from the definition. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leafHash(leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const tree = (n: number) => {
  const leaves = Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));
  const levels = createMerkleLevels();
  for (const l of leaves) levels.append(leafHash(l));
  return { leaves, levels };
};

test('the tree hash of every size equals RFC 6962 MTH', () => {
  const { leaves, levels } = tree(70);
  for (let n = 0; n <= 70; n++) assert.ok(treeHash(n, levels.read).equals(mth(leaves.slice(0, n))), `size ${n}`);
});

test('the RFC 6962 test vector: the empty tree', () => {
  assert.equal(
    treeHash(0, createMerkleLevels().read).toString('hex'),
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  );
});

test('inclusion and consistency proofs verify, and fail for any other leaf, size or root', () => {
  const { leaves, levels } = tree(40);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), fc.nat(), (size, a, b) => {
      const index = a % size;
      const root = treeHash(size, levels.read);
      const proof = inclusionProof(index, size, levels.read);
      assert.ok(verifyInclusion(leafHash(leaves[index]!), index, size, proof, root));
      assert.ok(!verifyInclusion(leafHash(Buffer.from('other')), index, size, proof, root));
      if (size > 1) assert.ok(!verifyInclusion(leafHash(leaves[index]!), (index + 1) % size, size, proof, root));
      const old = (b % size) + 1;
      const oldRoot = treeHash(old, levels.read);
      const cproof = consistencyProof(old, size, levels.read);
      assert.ok(verifyConsistency(old, size, oldRoot, root, cproof));
      if (old < size) {
        assert.ok(!verifyConsistency(old, size, mth([Buffer.from('forged')]), root, cproof));
        assert.ok(!verifyConsistency(old, size, oldRoot, oldRoot, cproof));
      }
    }),
  );
});

test('tile paths use the spec encoding and parse back; other spellings are refused', () => {
  assert.equal(encodeTileIndex(1234067), 'x001/x234/067');
  assert.equal(tilePath({ level: 0, index: 1234067, width: 256 }), 'tile/0/x001/x234/067');
  assert.equal(tilePath({ level: 'entries', index: 5, width: 17 }), 'tile/entries/005.p/17');
  fc.assert(
    fc.property(
      fc.oneof(fc.constant('entries' as const), fc.integer({ min: 0, max: 63 })),
      fc.integer({ min: 0, max: 2 ** 40 }),
      fc.integer({ min: 1, max: 256 }),
      (level, index, width) => {
        const path = tilePath({ level, index, width }).slice('tile/'.length);
        assert.deepEqual(parseTilePath(path), { level, index, width });
      },
    ),
  );
  for (const bad of [
    '0/1',
    '0/0001',
    '00/001',
    '64/001',
    '0/x000/001',
    '0/001.p/256',
    '0/001.p/0',
    '0/001.p/07',
    '0/x1/001',
    'x/001',
    '0/001/',
  ])
    assert.equal(parseTilePath(bad), null, bad);
  fc.assert(fc.property(fc.string(), (s) => void parseTilePath(s)));
});

test('tiles rebuild every complete subtree hash of the tree', () => {
  const { levels } = tree(600);
  const tile = (l: number, n: number) => tileData(l, n, tileWidthAt(l, n, 600), levels.read);
  assert.equal(tileWidthAt(0, 2, 600), 88);
  assert.equal(tileWidthAt(1, 0, 600), 2);
  for (const [level, index] of [
    [0, 599],
    [3, 70],
    [8, 0],
    [9, 0],
    [7, 3],
  ] as const)
    assert.ok(hashFromTiles(level, index, tile).equals(levels.read(level, index)), `${level}/${index}`);
});

test('a signed note verifies with its verifier key and not after any change', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const vkey = formatVerifierKey('example.com/log', SIG_ED25519, rawEd25519PublicKey(privateKey));
  const verifier = parseVerifierKey(vkey)!;
  const note = signNote('example.com/log\n2\nAAAA\n', 'example.com/log', privateKey);
  assert.ok(noteSignedBy(parseNote(note)!, verifier));
  assert.ok(!noteSignedBy(parseNote(note.replace('\n2\n', '\n3\n'))!, verifier));
  assert.equal(parseVerifierKey(vkey.replace(/\+([0-9a-f])/, '+f')), vkey.includes('+f') ? verifier : null);
  fc.assert(fc.property(fc.string(), (s) => void parseNote(s)));
});

test('a compact range extended by new leaves reaches the same root as the whole tree', () => {
  const { leaves, levels } = tree(70);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 70 }), (a, b) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      // The right edge of the tree of `from` leaves: one complete subtree per set bit, largest first.
      const edge: Buffer[] = [];
      let offset = 0;
      for (let level = 6; level >= 0; level--)
        if ((from >> level) & 1) {
          edge.push(levels.read(level, offset >> level));
          offset += 2 ** level;
        }
      const range = createCompactRange(from, edge);
      for (let i = from; i < to; i++) range.append(leafHash(leaves[i]!));
      assert.ok(range.root().equals(treeHash(to, levels.read)), `${from} → ${to}`);
    }),
  );
  assert.throws(() => createCompactRange(3, []), RangeError);
});
