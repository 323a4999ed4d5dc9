import type { DeploymentForm, Precision, StackComponent } from '../domain/catalog-types.js';
import { type CertificationEvidence, type CertificationFacts } from '../domain/certification-view.js';
import { levelName } from '../domain/vocabulary.js';
import type { Headline } from '../domain/submission-v2.js';
import type { Db } from './open-database.js';
import { bumpRevision } from './meta-repository.js';
import { createSequentialIds } from './sequential-id.js';

export interface NewCertification {
  level: number;
  model: string;
  chip: string;
  vendor: string;
  system: string | null;
  devices: number | null;
  precision: Precision | null;
  form: DeploymentForm | null;
  stack: StackComponent[];
  deploymentKey: string;
  requirementSet: string;
  submissionId: string | null;
  issuedAt: string;
  validUntil: string | null;
  /** The evidence met L3 but for release-candidate components. */
  preview: boolean;
  /** Every benchmark reached the high-accuracy ratio. */
  highAccuracy: boolean;
  /** v2: the best operating point meeting the profile's latency limits, as judged at approval. */
  headline?: Headline | null;
  /** What the evidence showed: model revision, OS and every check result; shown on the certification alone. */
  evidence: CertificationEvidence;
}

/**
 * Writes of certifications. Callers run these inside their own transaction (the submission
 * decision, say) so the certification, the supersession and the audit entry commit together.
 */
export function createCertificationWriter(db: Db) {
  const nextId = createSequentialIds(db, 'certifications', 'CERT');
  const insert =
    db.prepare(`INSERT INTO certifications (id, origin, level, model_id, chip_id, vendor_id, system_id, devices, form, stack,
      deployment_key, requirement_set, submission_id, issued_at, valid_until, facts, evidence, headline)
    VALUES (@id, 'submission', @level, @model, @chip, @vendor, @system, @devices, @form, @stack, @deploymentKey, @requirementSet,
      @submissionId, @issuedAt, @validUntil, @facts, @evidence, @headline)`);
  const precision = db.prepare('INSERT INTO certification_precisions (certification_seq, precision) VALUES (?, ?)');
  // Only the same organisation's older certifications of the same deployment: another organisation's approval
  // never changes yours (so its newer, lower-level certification cannot hide your higher one).
  const supersede = db.prepare(`UPDATE certifications SET superseded_by = @id
    WHERE deployment_key = @key AND vendor_id = @vendor AND origin = 'submission' AND id != @id
      AND superseded_by IS NULL AND revoked_at IS NULL
    RETURNING id`);
  const revoke = db.prepare(
    `UPDATE certifications SET revoked_at = @at, revoked_reason = @reason WHERE id = @id AND revoked_at IS NULL`,
  );
  const exists = db.prepare('SELECT 1 FROM certifications WHERE id = ?');

  return {
    /** Inserts a certification with the next `CERT-YYYY-NNNNNN` id and supersedes the older ones of the same deployment. */
    insert(c: NewCertification): { id: string; superseded: string[] } {
      const id = nextId(c.issuedAt);
      const facts: CertificationFacts = {
        id,
        level: levelName(c.level),
        verified: true,
        origin: 'submission',
        model: c.model,
        chip: c.chip,
        vendor: c.vendor,
        system: c.system,
        devices: c.devices,
        precision: c.precision,
        precisions: c.precision ? [c.precision] : [],
        form: c.form,
        stack: c.stack,
        deploymentKey: c.deploymentKey,
        requirementSet: c.requirementSet,
        submission: c.submissionId,
        issuedAt: c.issuedAt,
        validUntil: c.validUntil,
        preview: c.preview,
        highAccuracy: c.highAccuracy,
        source: null,
      };
      const row = {
        ...c,
        id,
        stack: JSON.stringify(c.stack),
        facts: JSON.stringify(facts),
        evidence: JSON.stringify(c.evidence),
        headline: c.headline ? JSON.stringify(c.headline) : null,
      };
      const seq = Number(insert.run(row).lastInsertRowid);
      if (c.precision) precision.run(seq, c.precision);
      const superseded = (supersede.all({ id, key: c.deploymentKey, vendor: c.vendor }) as Array<{ id: string }>).map(
        (r) => r.id,
      );
      bumpRevision(db);
      return { id, superseded };
    },
    /** Marks a certification revoked, unless it is unknown or already revoked. */
    revoke(id: string, reason: string, at: string): 'revoked' | 'already-revoked' | 'unknown' {
      if (revoke.run({ id, reason, at }).changes > 0) {
        bumpRevision(db);
        return 'revoked';
      }
      return exists.get(id) ? 'already-revoked' : 'unknown';
    },
  };
}

export type CertificationWriter = ReturnType<typeof createCertificationWriter>;
