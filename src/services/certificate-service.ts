import type { AuditRepository } from '../db/audit-repository.js';
import type { Db } from '../db/open-database.js';
import type { SigningKeyRepository } from '../db/signing-key-repository.js';
import type { Certification } from '../domain/certification-view.js';
import { NotFoundError, UnavailableError } from '../errors.js';
import { signCertificate, verifySignature, type SignedCertificate } from '../signing/certificate-signature.js';
import type { SigningKey } from '../signing/signing-key-file.js';
import type { CertificationService } from './certification-service.js';

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

/** Signs certificates with the current key and verifies them against every key ever published. */
export function createCertificateService(deps: {
  db: Db;
  key: SigningKey | null;
  keys: SigningKeyRepository;
  audit: AuditRepository;
  certifications: CertificationService;
  now: () => Date;
}) {
  const publicKey = (id: string) => deps.keys.get(id)?.publicKey ?? null;
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
    publicKeys: () => deps.keys.list(),
    certificate(id: string): SignedCertificate {
      const certification = deps.certifications.get(id);
      if (!certification.verified)
        throw new NotFoundError(
          `${id} is an unverified L0 declaration; only verified certifications have signed certificates.`,
        );
      if (!deps.key) throw new UnavailableError('This server has no signing key.');
      return signCertificate(certificateBody(certification), deps.key);
    },
    /** Authentic or not, and if authentic, what the registry says of it now (revoked, expired…). */
    verify(input: unknown) {
      const check = verifySignature(input, publicKey);
      if (!check.valid) return { valid: false, reason: check.reason, keyId: check.keyId, status: null };
      const id = String((input as SignedCertificate).certificate.id);
      const status = deps.certifications.find(id)?.status ?? null;
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
