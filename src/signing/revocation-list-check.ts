import type { RevokedStatus } from '../domain/vocabulary.js';
import { createPublicKey } from 'node:crypto';
import { parseCheckpoint } from '../tlog/checkpoint.js';
import {
  formatVerifierKey,
  noteSignedBy,
  parseNote,
  parseVerifierKey,
  rawEd25519PublicKey,
  SIG_ED25519,
  type NoteVerifier,
} from '../tlog/signed-note.js';
import { verifySignature, type VerificationKey } from './certificate-signature.js';

export interface PublishedKey extends VerificationKey {
  id: string;
  noteVerifierKey?: string;
}

export interface RevocationListEntry {
  id: string;
  status: RevokedStatus;
  revokedAt: string | null;
  reason: string | null;
  supersededBy: string | null;
}

export interface VerifiedRevocationList {
  issuedAt: string;
  origin: string;
  treeSize: number;
  items: RevocationListEntry[];
}

/**
 * The log verifiers of a registry: the published note verifier keys, and for every published
 * signing key the verifier under `origin` (checkpoints are signed with the signing keys).
 */
export function logVerifiers(keys: readonly PublishedKey[], origin: string): NoteVerifier[] {
  const out: NoteVerifier[] = [];
  // A withdrawn key is no longer trusted for anything, checkpoints included.
  for (const k of keys.filter((key) => !key.withdrawnAt)) {
    const published = typeof k.noteVerifierKey === 'string' ? parseVerifierKey(k.noteVerifierKey) : null;
    if (published) out.push(published);
    try {
      const derived = parseVerifierKey(
        formatVerifierKey(origin, SIG_ED25519, rawEd25519PublicKey(createPublicKey(k.publicKey))),
      );
      if (derived) out.push(derived);
    } catch {
      // A key that is not Ed25519 PEM signs nothing we can check.
    }
  }
  return out;
}

/** Checks a GET /v1/revocations answer: signed by a registry key, cut at a checkpoint signed by the log. */
export function checkRevocationList(
  doc: unknown,
  keys: readonly PublishedKey[],
): { ok: true; list: VerifiedRevocationList } | { ok: false; reason: string } {
  const d = doc as { revocations?: Record<string, unknown>; signature?: unknown } | null;
  if (!d || typeof d !== 'object' || !d.revocations || typeof d.revocations !== 'object')
    return { ok: false, reason: 'not a revocation list: expected {revocations, signature}' };
  const sig = verifySignature(
    { certificate: d.revocations, signature: d.signature },
    (id) => keys.find((k) => k.id === id) ?? null,
  );
  if (!sig.valid) return { ok: false, reason: `the revocation list signature is invalid: ${sig.reason}` };
  const r = d.revocations as {
    schema?: unknown;
    issuedAt?: unknown;
    log?: { checkpoint?: unknown };
    items?: unknown;
  };
  if (r.schema !== 'chipreg/revocations/v1' || typeof r.issuedAt !== 'string' || !Array.isArray(r.items))
    return { ok: false, reason: 'the revocation list is not a chipreg/revocations/v1 document' };
  const note = typeof r.log?.checkpoint === 'string' ? parseNote(r.log.checkpoint) : null;
  const cp = note && parseCheckpoint(note.text);
  if (!note || !cp) return { ok: false, reason: 'the revocation list carries no signed checkpoint' };
  if (!logVerifiers(keys, cp.origin).some((v) => noteSignedBy(note, v)))
    return { ok: false, reason: 'the checkpoint of the revocation list is not signed by the registry' };
  return {
    ok: true,
    list: {
      issuedAt: r.issuedAt,
      origin: cp.origin,
      treeSize: cp.size,
      items: r.items as RevocationListEntry[],
    },
  };
}
