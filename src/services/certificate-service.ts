import canonicalize from 'canonicalize';
import type { AuditRepository } from '../db/audit-repository.js';
import type { Db } from '../db/open-database.js';
import type { SigningKeyRepository } from '../db/signing-key-repository.js';
import type { Certification } from '../domain/certification-view.js';
import { InvalidStateError, NotFoundError, UnavailableError } from '../errors.js';
import { signCertificate, verifySignature, type SignedCertificate } from '../signing/certificate-signature.js';
import type { SigningKey } from '../signing/signing-key-file.js';
import type { CertificationService } from './certification-service.js';
import type { TransparencyLogService } from './transparency-log-service.js';
import type { CertificateLogProof } from '../tlog/certificate-log-proof.js';
import { requestHash } from '../domain/request-hash.js';

/** The signed facts of a certification: what was certified and when. Status is not in it: it changes and is checked live. */
export function certificateBody(c: Certification): Record<string, unknown> {
  return {
    schema: 'chipreg/certificate/v1',
    id: c.id,
    level: c.level,
    model: c.model,
    chip: c.chip,
    vendor: c.vendor,
    system: c.system,
    devices: c.devices,
    precision: c.precision,
    form: c.form,
    stack: c.stack,
    deploymentKey: c.deploymentKey,
    requirementSet: c.requirementSet,
    submission: c.submission,
    preview: c.preview,
    highAccuracy: c.highAccuracy,
    issuedAt: c.issuedAt,
    validUntil: c.validUntil,
  };
}

/** Top-level fields whose canonical JSON differs between two certificate bodies. */
function differingFields(expected: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names.filter((name) => canonicalize(expected[name] ?? null) !== canonicalize(actual[name] ?? null));
}

/** Signs certificates with the current key and verifies them against every key ever published. */
export function createCertificateService(deps: {
  db: Db;
  key: SigningKey | null;
  keys: SigningKeyRepository;
  audit: AuditRepository;
  certifications: CertificationService;
  tlog: TransparencyLogService;
  now: () => Date;
}) {
  /** The proof that a certificate's issuance is in the log, when its logged event commits to this very body. */
  const logProof = (body: Record<string, unknown>): CertificateLogProof | null => {
    const index = deps.tlog.indexOf(`certification:${String(body.id)}`, 'certification.issue');
    if (index === null) return null;
    const leaf = deps.tlog.leaf(index);
    // Certifications issued before the log existed logged another payload: they have no proof to offer.
    if ((JSON.parse(leaf.toString('utf8')) as { payloadHash: string }).payloadHash !== requestHash(body)) return null;
    return {
      index,
      leaf: leaf.toString('utf8'),
      checkpoint: deps.tlog.checkpointAt(index + 1),
      inclusionProof: deps.tlog.inclusion(index, index + 1).hashes,
    };
  };
  const publicKey = (id: string) => deps.keys.get(id);
  return {
    /** Records the server's current public key; run once at start. */
    publishCurrentKey(): void {
      const { key } = deps;
      if (!key) return;
      const at = deps.now().toISOString();
      deps.db
        .transaction(() => {
          if (deps.keys.publish({ id: key.id, publicKey: key.publicKeyPem }, at)) {
            deps.audit.append({
              at,
              actor: 'server',
              action: 'signing-key.publish',
              entity: `signing-key:${key.id}`,
              payload: { id: key.id, publicKey: key.publicKeyPem },
            });
          }
        })
        .immediate();
    },
    /** Every signing key, each with the note verifier key its checkpoints verify with. */
    publicKeys: () => deps.keys.list().map((k) => ({ ...k, noteVerifierKey: deps.tlog.verifierKeyOf(k.publicKey) })),
    /** Stops trusting a signing key (compromised, say); the key that signs now cannot be withdrawn. */
    withdrawKey(id: string, reason: string, actor: string) {
      deps.db
        .transaction(() => {
          const key = deps.keys.get(id);
          if (!key) throw new NotFoundError(`No signing key "${id}".`);
          if (deps.key?.id === id || !key.retiredAt)
            throw new InvalidStateError(
              `Signing key ${id} signs now: rotate to a new key first (keys rotate-signing).`,
            );
          const at = deps.now().toISOString();
          if (!deps.keys.withdraw(id, reason, at))
            throw new InvalidStateError(`Signing key ${id} is already withdrawn.`);
          deps.audit.append({
            at,
            actor,
            action: 'signing-key.withdraw',
            entity: `signing-key:${id}`,
            payload: { id, reason },
          });
        })
        .immediate();
    },
    certificate(id: string): SignedCertificate & { log?: CertificateLogProof } {
      const certification = deps.certifications.get(id);
      if (!certification.verified)
        throw new NotFoundError(
          `${id} is an unverified L0 declaration; only verified certifications have signed certificates.`,
        );
      if (!deps.key) throw new UnavailableError('This server has no signing key.');
      const body = certificateBody(certification);
      const log = logProof(body);
      return { ...signCertificate(body, deps.key), ...(log ? { log } : {}) };
    },
    /** Authentic or not, and if authentic, what the registry says of it now (revoked, expired…). */
    verify(input: unknown) {
      const check = verifySignature(input, publicKey);
      if (!check.valid) return { valid: false, reason: check.reason, keyId: check.keyId, status: null };
      const signed = (input as SignedCertificate).certificate;
      const id = String(signed.id);
      const record = deps.certifications.find(id);
      if (!record)
        return {
          valid: false,
          reason: `authentic signature, but this registry has no certification "${id}"`,
          keyId: check.keyId,
          status: null,
        };
      // The signature proves who signed; the registry's record says what is certified. They must agree.
      const differing = differingFields(certificateBody(record), signed);
      if (differing.length)
        return {
          valid: false,
          reason: `authentic signature, but the certificate differs from the registry's record of ${id} in: ${differing.join(', ')}`,
          keyId: check.keyId,
          status: record.status,
        };
      const status = record.status;
      const reason =
        status === 'revoked'
          ? 'authentic, but the certification has been revoked'
          : status && status !== 'active'
            ? `authentic; the certification is ${status}`
            : check.reason;
      return { valid: true, reason, keyId: check.keyId, status };
    },
  };
}

export type CertificateService = ReturnType<typeof createCertificateService>;
