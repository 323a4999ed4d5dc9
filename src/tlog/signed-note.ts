import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** c2sp.org/signed-note signature types used here: 0x01 Ed25519 note signatures, 0x04 Ed25519 cosignatures. */
export const SIG_ED25519 = 0x01;
export const SIG_COSIGNATURE_V1 = 0x04;

const EM_DASH = '\u2014';

/** A key name: non-empty, no Unicode spaces and no `+` (signed-note §Verifier keys). */
export const isValidKeyName = (name: string) => name.length > 0 && !/[\s+]/u.test(name);

/** The 32-bit key ID: the first four bytes of SHA-256(name || 0x0A || type || public key), big-endian. */
export function noteKeyId(name: string, type: number, rawPublicKey: Buffer): number {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.of(type), rawPublicKey]))
    .digest()
    .readUInt32BE(0);
}

/** The raw 32-byte Ed25519 public key of a key object. */
export function rawEd25519PublicKey(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return Buffer.from(pub.export({ format: 'jwk' }).x!, 'base64url');
}

export const ed25519PublicKeyFromRaw = (raw: Buffer): KeyObject =>
  createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });

export interface NoteVerifier {
  name: string;
  keyId: number;
  type: number;
  publicKey: Buffer;
}

/** The verifier key string `<name>+<hex key ID>+<base64(type || public key)>`. */
export function formatVerifierKey(name: string, type: number, rawPublicKey: Buffer): string {
  const id = noteKeyId(name, type, rawPublicKey).toString(16).padStart(8, '0');
  return `${name}+${id}+${Buffer.concat([Buffer.of(type), rawPublicKey]).toString('base64')}`;
}

/** Parses a verifier key string; null when malformed, of an unknown type, or when its key ID does not match. */
export function parseVerifierKey(vkey: string): NoteVerifier | null {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(vkey.trim());
  if (!m) return null;
  const [, name, hex, b64] = m;
  const bytes = Buffer.from(b64!, 'base64');
  if (bytes.toString('base64') !== b64 || bytes.length !== 33) return null;
  const type = bytes[0]!;
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) return null;
  const publicKey = bytes.subarray(1);
  const keyId = noteKeyId(name!, type, publicKey);
  if (keyId !== parseInt(hex!, 16)) return null;
  return { name: name!, keyId, type, publicKey };
}

/** One signature line: `— <name> base64(key ID || signature)`. */
export function signatureLine(name: string, keyId: number, signature: Buffer): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(keyId);
  return `${EM_DASH} ${name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
}

/** Signs `text` (which must end in a newline) as a note with Ed25519. */
export function signNote(text: string, name: string, privateKey: KeyObject): string {
  const pub = rawEd25519PublicKey(privateKey);
  const sig = sign(null, Buffer.from(text, 'utf8'), privateKey);
  return `${text}\n${signatureLine(name, noteKeyId(name, SIG_ED25519, pub), sig)}`;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  /** The signature bytes after the key ID. */
  signature: Buffer;
  line: string;
}

export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

/**
 * Splits a signed note into its text and signature lines (signed-note §Format); null when malformed:
 * text not ending in a newline, no blank line before the signatures, a bad signature line, or
 * control characters other than newline.
 */
export function parseNote(note: string): ParsedNote | null {
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(note) || note.length > 1_000_000) return null;
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return null;
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const m = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
    if (!m) return null;
    const bytes = Buffer.from(m[2]!, 'base64');
    if (bytes.length < 5 || bytes.toString('base64') !== m[2]) return null;
    signatures.push({ name: m[1]!, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4), line: `${line}\n` });
  }
  if (signatures.length === 0) return null;
  return { text, signatures };
}

/** True when one of the note's signatures is a valid Ed25519 note signature by `verifier`. */
export function noteSignedBy(note: ParsedNote, verifier: NoteVerifier): boolean {
  if (verifier.type !== SIG_ED25519) return false;
  const key = ed25519PublicKeyFromRaw(verifier.publicKey);
  return note.signatures.some(
    (s) =>
      s.name === verifier.name &&
      s.keyId === verifier.keyId &&
      s.signature.length === 64 &&
      verify(null, Buffer.from(note.text, 'utf8'), key, s.signature),
  );
}
