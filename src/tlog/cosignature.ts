import { sign, verify, type KeyObject } from 'node:crypto';
import {
  ed25519PublicKeyFromRaw,
  noteKeyId,
  rawEd25519PublicKey,
  signatureLine,
  SIG_COSIGNATURE_V1,
  type NoteSignature,
  type NoteVerifier,
} from './signed-note.js';

/** c2sp.org/tlog-cosignature Ed25519: the signed message is `cosignature/v1\ntime <t>\n` followed by the checkpoint body. */
export const cosignedMessage = (checkpointText: string, timestamp: number) =>
  Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`, 'utf8');

/** A cosignature line over a checkpoint body: base64(key ID || u64 timestamp || Ed25519 signature). */
export function cosign(checkpointText: string, name: string, privateKey: KeyObject, timestamp: number): string {
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(timestamp));
  const sig = sign(null, cosignedMessage(checkpointText, timestamp), privateKey);
  const keyId = noteKeyId(name, SIG_COSIGNATURE_V1, rawEd25519PublicKey(privateKey));
  return signatureLine(name, keyId, Buffer.concat([ts, sig]));
}

/** The timestamp of a valid cosignature by `witness` over `checkpointText`, or null. */
export function verifyCosignature(checkpointText: string, sig: NoteSignature, witness: NoteVerifier): number | null {
  if (witness.type !== SIG_COSIGNATURE_V1 || sig.name !== witness.name || sig.keyId !== witness.keyId) return null;
  if (sig.signature.length !== 72) return null;
  const timestamp = sig.signature.readBigUInt64BE(0);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const ok = verify(
    null,
    cosignedMessage(checkpointText, Number(timestamp)),
    ed25519PublicKeyFromRaw(witness.publicKey),
    sig.signature.subarray(8),
  );
  return ok ? Number(timestamp) : null;
}
