import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';

export interface SignedCertificate {
  certificate: Record<string, unknown>;
  signature: { alg: 'Ed25519'; keyId: string; value: string };
}

/** Ed25519 over the RFC 8785 canonical JSON of the certificate, base64url-encoded. */
export function signCertificate(
  certificate: Record<string, unknown>,
  key: { id: string; privateKey: KeyObject },
): SignedCertificate {
  const value = sign(null, Buffer.from(canonicalize(certificate)!, 'utf8'), key.privateKey).toString('base64url');
  return { certificate, signature: { alg: 'Ed25519', keyId: key.id, value } };
}

export interface SignatureCheck {
  valid: boolean;
  keyId: string | null;
  reason: string;
}

/**
 * Checks a signed certificate against the published public keys (by key id). Pure and offline:
 * the CLI runs it with a saved copy of GET /v1/keys, the server with its own key table.
 */
/** A published signing key as verification needs it (an entry of GET /v1/keys). */
export interface VerificationKey {
  publicKey: string;
  withdrawnAt?: string | null;
  withdrawnReason?: string | null;
}

export function verifySignature(input: unknown, publicKeys: (keyId: string) => VerificationKey | null): SignatureCheck {
  const doc = input as Partial<SignedCertificate> | null;
  const sig = doc?.signature;
  if (
    !doc ||
    typeof doc !== 'object' ||
    !doc.certificate ||
    typeof doc.certificate !== 'object' ||
    Array.isArray(doc.certificate)
  ) {
    return { valid: false, keyId: null, reason: 'not a signed certificate: expected {certificate, signature}' };
  }
  if (
    !sig ||
    typeof sig !== 'object' ||
    sig.alg !== 'Ed25519' ||
    typeof sig.keyId !== 'string' ||
    typeof sig.value !== 'string'
  ) {
    return { valid: false, keyId: null, reason: 'the signature must be {alg: "Ed25519", keyId, value}' };
  }
  const key = publicKeys(sig.keyId);
  if (!key) return { valid: false, keyId: sig.keyId, reason: `unknown signing key "${sig.keyId}"` };
  if (key.withdrawnAt)
    return {
      valid: false,
      keyId: sig.keyId,
      reason: `signing key "${sig.keyId}" was withdrawn on ${key.withdrawnAt}${key.withdrawnReason ? ` (${key.withdrawnReason})` : ''}; its signatures are no longer trusted`,
    };
  const pem = key.publicKey;
  const bytes = Buffer.from(sig.value, 'base64url');
  if (bytes.length !== 64 || bytes.toString('base64url') !== sig.value)
    return { valid: false, keyId: sig.keyId, reason: 'the signature value is not a base64url Ed25519 signature' };
  const canonical = canonicalize(doc.certificate);
  if (canonical === undefined)
    return { valid: false, keyId: sig.keyId, reason: 'the certificate is not canonicalizable JSON' };
  const ok = verify(null, Buffer.from(canonical, 'utf8'), createPublicKey(pem), bytes);
  return ok
    ? { valid: true, keyId: sig.keyId, reason: 'the signature matches the certificate' }
    : {
        valid: false,
        keyId: sig.keyId,
        reason: 'the signature does not match the certificate: it was altered or signed by another key',
      };
}
