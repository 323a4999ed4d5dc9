import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { parseCheckpoint } from './checkpoint.js';
import { leafHash } from './merkle.js';
import { verifyInclusion } from './proofs.js';
import { noteSignedBy, parseNote, type NoteVerifier } from './signed-note.js';

/** What a signed certificate carries to prove its issuance was logged. */
export interface CertificateLogProof {
  /** Leaf index of the issuance event (audit event index + 1). */
  index: number;
  /** The leaf: the canonical JSON of the issuance event. */
  leaf: string;
  /** The signed checkpoint of the tree right after the issuance (size index + 1). */
  checkpoint: string;
  /** base64 RFC 6962 audit path of the leaf in that tree. */
  inclusionProof: string[];
}

export interface LogCheck {
  logged: boolean;
  reason: string;
  /** The checkpoint's tree size, when it verified. */
  treeSize: number | null;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Offline proof that a certificate was publicly logged: the checkpoint is signed by the log, the
 * leaf is the issuance event of this certificate and commits to its exact body, and the audit path
 * puts the leaf in the checkpoint's tree.
 */
export function checkCertificateLogged(
  certificate: Record<string, unknown>,
  proof: unknown,
  logKeys: readonly NoteVerifier[],
): LogCheck {
  const fail = (reason: string): LogCheck => ({ logged: false, reason, treeSize: null });
  const p = proof as Partial<CertificateLogProof> | null | undefined;
  if (!p || typeof p !== 'object') return fail('the certificate carries no log proof');
  if (
    !Number.isSafeInteger(p.index) ||
    typeof p.leaf !== 'string' ||
    typeof p.checkpoint !== 'string' ||
    !Array.isArray(p.inclusionProof) ||
    !p.inclusionProof.every((h) => typeof h === 'string')
  )
    return fail('the log proof is malformed: expected {index, leaf, checkpoint, inclusionProof[]}');
  const note = parseNote(p.checkpoint);
  const cp = note && parseCheckpoint(note.text);
  if (!note || !cp) return fail('the log proof’s checkpoint is not a signed checkpoint');
  const signer = logKeys.find((k) => k.name === cp.origin && noteSignedBy(note, k));
  if (!signer) return fail(`the checkpoint is not signed by a known key of the log "${cp.origin}"`);
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(p.leaf) as Record<string, unknown>;
  } catch {
    return fail('the logged leaf is not JSON');
  }
  if (event.action !== 'certification.issue' || event.entity !== `certification:${String(certificate.id)}`)
    return fail(`the logged leaf is not the issuance of ${String(certificate.id)}`);
  if (event.seq !== p.index! + 1) return fail('the logged leaf is not the event at that index');
  if (event.payloadHash !== sha256Hex(canonicalize(certificate) ?? ''))
    return fail('the logged issuance is of a different certificate body');
  const hashes = p.inclusionProof.map((h) => Buffer.from(h as string, 'base64'));
  if (hashes.some((h) => h.length !== 32)) return fail('the inclusion proof holds a hash that is not 32 bytes');
  if (!verifyInclusion(leafHash(Buffer.from(p.leaf, 'utf8')), p.index!, cp.size, hashes, cp.root))
    return fail('the inclusion proof does not put the issuance in the checkpoint’s tree');
  return {
    logged: true,
    reason: `issuance logged at index ${p.index} of ${cp.origin}, proven against its signed checkpoint of size ${cp.size}`,
    treeSize: cp.size,
  };
}
