import type { DeploymentForm, Precision, StackComponent } from '../domain/catalog-types.js';
import type { CertificationEvidence } from '../domain/certification-view.js';
import type { Db } from './open-database.js';
import { bumpRevision } from './meta-repository.js';

export interface NewCertification {
  level: number;
  model: string;
  chip: string;
  vendor: string;
  system: string | null;
  devices: number | null;
  precision: Precision;
  form: DeploymentForm | null;
  stack: StackComponent[];
  deploymentKey: string;
  requirementSet: string;
  submissionId: string | null;
  issuedAt: string;
  validUntil: string | null;
  /** Flags shown with the certification everywhere (`preview`, `highAccuracy`). */
  doc: { preview: boolean; highAccuracy: boolean };
  /** What the evidence showed: model revision, OS and every check result; shown on the certification alone. */
  evidence: CertificationEvidence;
}

/**
 * Writes of certifications. Callers run these inside their own transaction (the submission
 * decision, say) so the certification, the supersession and the audit entry commit together.
 */
export function createCertificationWriter(db: Db) {
  const lastOfYear = db.prepare(`SELECT max(CAST(substr(id, 11) AS INTEGER)) FROM certifications WHERE id LIKE ? AND origin = 'submission'`).pluck();
  const insert = db.prepare(`INSERT INTO certifications (id, origin, level, model_id, chip_id, vendor_id, system_id, devices, form, stack,
      deployment_key, requirement_set, submission_id, issued_at, valid_until, doc, evidence)
    VALUES (@id, 'submission', @level, @model, @chip, @vendor, @system, @devices, @form, @stack, @deploymentKey, @requirementSet,
      @submissionId, @issuedAt, @validUntil, @doc, @evidence)`);
  const precision = db.prepare('INSERT INTO certification_precisions (certification_seq, precision) VALUES (?, ?)');
  const supersede = db.prepare(`UPDATE certifications SET superseded_by = @id
    WHERE deployment_key = @key AND origin = 'submission' AND id != @id AND superseded_by IS NULL AND revoked_at IS NULL`);
  const revoke = db.prepare(`UPDATE certifications SET revoked_at = @at, revoked_reason = @reason WHERE id = @id AND revoked_at IS NULL`);

  return {
    /** Inserts a certification with the next `CERT-YYYY-NNNNNN` id and supersedes the older ones of the same deployment. */
    insert(c: NewCertification): { id: string; superseded: number } {
      const year = c.issuedAt.slice(0, 4);
      const next = ((lastOfYear.get(`CERT-${year}-%`) as number | null) ?? 0) + 1;
      const id = `CERT-${year}-${String(next).padStart(6, '0')}`;
      const seq = Number(insert.run({ ...c, id, stack: JSON.stringify(c.stack), doc: JSON.stringify(c.doc), evidence: JSON.stringify(c.evidence) }).lastInsertRowid);
      precision.run(seq, c.precision);
      const superseded = supersede.run({ id, key: c.deploymentKey }).changes;
      bumpRevision(db);
      return { id, superseded };
    },
    /** Marks a certification revoked; false when it does not exist or already is. */
    revoke(id: string, reason: string, at: string): boolean {
      const changed = revoke.run({ id, reason, at }).changes > 0;
      if (changed) bumpRevision(db);
      return changed;
    },
  };
}

export type CertificationWriter = ReturnType<typeof createCertificationWriter>;
