import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SigningKey {
  id: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

/** Key id: the first 16 hex digits of the sha256 of the raw public key (stable across PEM formatting). */
export function keyIdOf(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

function writePrivate(path: string, pem: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, pem, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

function fromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error('the signing key file does not hold an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  return {
    id: keyIdOf(publicKey),
    privateKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** A new Ed25519 key held in memory only (tests, and witnesses that print their key). */
export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return fromPem(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
}

/** Creates a new Ed25519 key and writes its private half to `path` (mode 0600), replacing any key there. */
export function createSigningKeyFile(path: string): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  writePrivate(path, pem);
  return fromPem(pem);
}

/** Loads the Ed25519 private key at `path`, creating one (mode 0600) when the file does not exist. */
export function loadOrCreateSigningKey(path: string): SigningKey {
  if (!existsSync(path)) return createSigningKeyFile(path);
  return fromPem(readFileSync(path, 'utf8'));
}
