import type { DeploymentForm, Precision, StackComponent } from '../domain/catalog-types.js';
import { type CertificationEvidence, type CertificationFacts } from '../domain/certification-view.js';
import { levelName } from '../domain/vocabulary.js';
import type { Headline } from '../domain/submission-v2.js';
import type { Db } from './open-database.js';
import { createEvidenceStore } from './evidence-store.js';
import { createMatrixCells } from './matrix-cells.js';
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
 * decision, say) so the certification, the supersession and the audit entry commit together;
 * each method is a transaction of its own too (a savepoint when nested). Every write ends with one
 * revision bump and the matrix cells of the pairs it touched recomputed (at `now`), in the same transaction.
 */
export function createCertificationWriter(db: Db, now: () => Date = () => new Date()) {
  const nextId = createSequentialIds(db, 'certifications', 'CERT');
  const insert =
    db.prepare(`INSERT INTO certifications (id, origin, level, model_id, chip_id, vendor_id, system_id, devices, form,
      deployment_key, requirement_set, submission_id, issued_at, valid_until, facts, evidence_id, headline)
    VALUES (@id, 'submission', @level, @model, @chip, @vendor, @system, @devices, @form, @deploymentKey, @requirementSet,
      @submissionId, @issuedAt, @validUntil, @facts, @evidenceId, @headline)`);
  const precision = db.prepare('INSERT INTO certification_precisions (certification_seq, precision) VALUES (?, ?)');
  // Only the same organisation's older certifications of the same deployment: another organisation's approval
  // never changes yours (so its newer, lower-level certification cannot hide your higher one).
  const supersede = db.prepare(`UPDATE certifications SET superseded_by = @id
    WHERE substr(deployment_key, 1, 16) = substr(@key, 1, 16) AND deployment_key = @key AND vendor_id = @vendor AND origin = 'submission' AND id != @id
      AND superseded_by IS NULL AND revoked_at IS NULL
    RETURNING id`);
  const revoke = db.prepare(
    `UPDATE certifications SET revoked_at = @at, revoked_reason = @reason WHERE id = @id AND revoked_at IS NULL`,
  );
  const exists = db.prepare('SELECT 1 FROM certifications WHERE id = ?');
  const evidence = createEvidenceStore(db);
  const cells = createMatrixCells(db);

  /** One row, in order: a later row of a batch supersedes an earlier one of the same deployment, as one by one. */
  const write = (c: NewCertification, id: string, evidenceId: number): { id: string; superseded: string[] } => {
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
    const seq = Number(
      insert.run({
        id,
        level: c.level,
        model: c.model,
        chip: c.chip,
        vendor: c.vendor,
        system: c.system,
        devices: c.devices,
        form: c.form,
        deploymentKey: c.deploymentKey,
        requirementSet: c.requirementSet,
        submissionId: c.submissionId,
        issuedAt: c.issuedAt,
        validUntil: c.validUntil,
        facts: JSON.stringify(facts),
        evidenceId,
        headline: c.headline ? JSON.stringify(c.headline) : null,
      }).lastInsertRowid,
    );
    if (c.precision) precision.run(seq, c.precision);
    const superseded = (supersede.all({ id, key: c.deploymentKey, vendor: c.vendor }) as Array<{ id: string }>).map(
      (r) => r.id,
    );
    return { id, superseded };
  };
  const finish = () => {
    bumpRevision(db);
    cells.refresh(now().toISOString());
  };

  return {
    /** Inserts a certification with the next `CERT-YYYY-NNNNNN` id and supersedes the older ones of the same deployment. */
    insert: db.transaction((c: NewCertification): { id: string; superseded: string[] } => {
      const result = write(c, nextId(c.issuedAt), evidence.put(JSON.stringify(c.evidence)));
      finish();
      return result;
    }),
    /**
     * Inserts certifications in order, exactly as many `insert` calls would (ids, supersession), in one transaction
     * with one revision bump and one matrix refresh; ids are counted in memory after one read per year, and the
     * evidence of a batch is serialised and looked up once per distinct object and text.
     */
    insertMany: db.transaction((list: readonly NewCertification[]): Array<{ id: string; superseded: string[] }> => {
      const id = nextId.batch();
      const texts = new Map<CertificationEvidence, string>();
      const ids = new Map<string, number>();
      const results = list.map((c) => {
        let text = texts.get(c.evidence);
        if (text === undefined) texts.set(c.evidence, (text = JSON.stringify(c.evidence)));
        let evidenceId = ids.get(text);
        if (evidenceId === undefined) ids.set(text, (evidenceId = evidence.put(text)));
        return write(c, id(c.issuedAt), evidenceId);
      });
      if (list.length > 0) finish();
      return results;
    }),
    /** Marks a certification revoked, unless it is unknown or already revoked. */
    revoke: db.transaction((id: string, reason: string, at: string): 'revoked' | 'already-revoked' | 'unknown' => {
      if (revoke.run({ id, reason, at }).changes > 0) {
        finish();
        return 'revoked';
      }
      return exists.get(id) ? 'already-revoked' : 'unknown';
    }),
  };
}

export type CertificationWriter = ReturnType<typeof createCertificationWriter>;
