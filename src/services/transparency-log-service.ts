import { createPublicKey } from 'node:crypto';
import type { TlogRepository } from '../db/tlog-repository.js';
import { InvalidInputError, NotFoundError, UnavailableError } from '../errors.js';
import type { SigningKey } from '../signing/signing-key-file.js';
import { auditLeaf, type AuditLeafFields } from '../tlog/audit-leaf.js';
import { formatCheckpoint, parseCheckpoint } from '../tlog/checkpoint.js';
import { verifyCosignature } from '../tlog/cosignature.js';
import { leafHash, treeHash } from '../tlog/merkle.js';
import { createMerkleLevels } from '../tlog/merkle-levels.js';
import { consistencyProof, inclusionProof } from '../tlog/proofs.js';
import {
  formatVerifierKey,
  isValidKeyName,
  parseNote,
  parseVerifierKey,
  rawEd25519PublicKey,
  signNote,
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  type NoteVerifier,
} from '../tlog/signed-note.js';
import { TILE_WIDTH } from '../tlog/tile-path.js';
import { entryBundle, tileData, tileWidthAt } from '../tlog/tiles.js';

const BATCH = 5000;

export interface InclusionProof {
  index: number;
  treeSize: number;
  rootHash: string;
  /** base64 hashes of the RFC 6962 audit path, leaf first. */
  hashes: string[];
}

/**
 * The transparency log over the audit log (c2sp.org/tlog-tiles): leaf i is the canonical bytes of
 * audit event i + 1. The tree is rebuilt from the audit log when the process starts and extended as
 * events are appended, so it always states what the database holds: a rewritten event changes
 * every root from its index on, which monitors and witnesses holding an older checkpoint detect.
 */
export function createTransparencyLogService(deps: {
  repo: TlogRepository;
  key: SigningKey | null;
  origin: string;
  /** Verifier keys (`name+hash+base64`, type 0x04) of the witnesses whose cosignatures are accepted. */
  witnessKeys: readonly string[];
  now: () => Date;
}) {
  if (!isValidKeyName(deps.origin)) throw new Error(`invalid log origin "${deps.origin}": no spaces or "+"`);
  const witnesses: NoteVerifier[] = deps.witnessKeys.map((k) => {
    const v = parseVerifierKey(k);
    if (!v || v.type !== SIG_COSIGNATURE_V1)
      throw new Error(`invalid witness key "${k}": expected name+hash+base64 of an Ed25519 cosignature key`);
    return v;
  });
  const levels = createMerkleLevels();

  /** Brings the tree up to the last committed audit event; returns its size. */
  function sync(): number {
    for (;;) {
      const rows = deps.repo.eventsAfter(levels.size, BATCH);
      for (const row of rows) {
        if (row.seq !== levels.size + 1)
          throw new UnavailableError(`The audit log has no event ${levels.size + 1}; the log cannot be served.`);
        levels.append(leafHash(auditLeaf(row)));
      }
      if (rows.length < BATCH) return levels.size;
    }
  }

  const signer = () => {
    if (!deps.key) throw new UnavailableError('This server has no signing key, so it signs no checkpoints.');
    return deps.key;
  };
  const body = (size: number) => formatCheckpoint({ origin: deps.origin, size, root: treeHash(size, levels.read) });
  const rootB64 = (size: number) => treeHash(size, levels.read).toString('base64');

  /** The checkpoint of the tree of `size` leaves, signed by the log, with the cosignatures witnesses sent for it. */
  function signedCheckpoint(size: number): string {
    const text = body(size);
    const root = treeHash(size, levels.read);
    const cosigs = deps.repo
      .cosignaturesFor(size)
      .filter((c) => c.rootHash.equals(root))
      .map((c) => c.line);
    return signNote(text, deps.origin, signer().privateKey) + cosigs.join('');
  }

  const checkSize = (size: number, current: number) => {
    if (!Number.isSafeInteger(size) || size < 1 || size > current)
      throw new NotFoundError(`The log has ${current} entries; there is no tree of size ${size}.`);
  };

  return {
    origin: deps.origin,
    sync,
    /** The log's note verifier key for an Ed25519 signing key (PEM), so every key ever used has one. */
    verifierKeyOf: (publicKeyPem: string) =>
      formatVerifierKey(deps.origin, SIG_ED25519, rawEd25519PublicKey(createPublicKey(publicKeyPem))),
    witnessKeys: () => [...deps.witnessKeys],
    checkpoint: () => signedCheckpoint(sync()),
    checkpointAt(size: number): string {
      checkSize(size, sync());
      return signedCheckpoint(size);
    },
    /** A tile's bytes, or not-found when it (or that partial width) is not part of the tree yet. */
    tile(level: number | 'entries', index: number, width: number): Buffer {
      const size = sync();
      const available = tileWidthAt(level === 'entries' ? 0 : level, index, size);
      if (width > available)
        throw new NotFoundError(`That tile is not in the tree of ${size} entries (yet); fetch the checkpoint first.`);
      if (level !== 'entries') return tileData(level, index, width, levels.read);
      const rows = deps.repo.eventsAfter(index * TILE_WIDTH, width);
      return entryBundle(rows.map((r: AuditLeafFields) => auditLeaf(r)));
    },
    /** The leaf index of the first event of `action` on `entity` (a certification's issuance, say), or null. */
    indexOf(entity: string, action: string): number | null {
      const seq = deps.repo.firstEventSeq(entity, action);
      return seq === null ? null : seq - 1;
    },
    leaf(index: number): Buffer {
      const [row] = deps.repo.eventsAfter(index, 1);
      if (!row || row.seq !== index + 1) throw new NotFoundError(`No log entry ${index}.`);
      return auditLeaf(row);
    },
    inclusion(index: number, size?: number): InclusionProof {
      const current = sync();
      const treeSize = size ?? current;
      checkSize(treeSize, current);
      if (index >= treeSize) throw new NotFoundError(`Entry ${index} is not in the tree of size ${treeSize}.`);
      return {
        index,
        treeSize,
        rootHash: rootB64(treeSize),
        hashes: inclusionProof(index, treeSize, levels.read).map((h) => h.toString('base64')),
      };
    },
    consistency(oldSize: number, newSize: number): string[] {
      const current = sync();
      checkSize(newSize, current);
      if (!(Number.isSafeInteger(oldSize) && oldSize >= 1 && oldSize <= newSize))
        throw new NotFoundError(`No consistency proof from ${oldSize} to ${newSize}.`);
      return consistencyProof(oldSize, newSize, levels.read).map((h) => h.toString('base64'));
    },
    /**
     * Keeps the cosignatures in a checkpoint note that come from configured witnesses and verify over a
     * checkpoint this log signed (same origin, a size it has, its root at that size). Returns how many were new.
     */
    addCosignatures(note: string): number {
      const parsed = parseNote(note);
      const cp = parsed && parseCheckpoint(parsed.text);
      if (!parsed || !cp)
        throw new InvalidInputError('Not a signed checkpoint note.', [
          { pointer: '', detail: 'expected a checkpoint followed by signature lines' },
        ]);
      if (cp.origin !== deps.origin)
        throw new InvalidInputError(`This log is "${deps.origin}", not "${cp.origin}".`, [
          { pointer: '', detail: 'wrong origin line' },
        ]);
      const current = sync();
      if (cp.size < 1 || cp.size > current || !treeHash(cp.size, levels.read).equals(cp.root))
        throw new InvalidInputError('That checkpoint is not one of this log’s trees.', [
          { pointer: '', detail: `no tree of size ${cp.size} with that root` },
        ]);
      if (parsed.text !== body(cp.size))
        throw new InvalidInputError('The checkpoint has lines this log did not sign.', [
          { pointer: '', detail: 'unexpected extension lines' },
        ]);
      let added = 0;
      let valid = 0;
      for (const sig of parsed.signatures) {
        for (const w of witnesses) {
          const timestamp = verifyCosignature(parsed.text, sig, w);
          if (timestamp === null) continue;
          valid++;
          const stored = deps.repo.addCosignature({
            treeSize: cp.size,
            rootHash: cp.root,
            witness: w.name,
            keyId: w.keyId,
            timestamp,
            line: sig.line,
            receivedAt: deps.now().toISOString(),
          });
          if (stored) added++;
        }
      }
      if (valid === 0)
        throw new InvalidInputError('No valid cosignature from a witness this log trusts.', [
          { pointer: '', detail: 'cosignature lines must verify with a configured witness key' },
        ]);
      return added;
    },
  };
}

export type TransparencyLogService = ReturnType<typeof createTransparencyLogService>;
