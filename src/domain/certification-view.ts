import type { CertificationRow } from '../db/certification-repository.js';
import type { Precision, StackComponent } from './catalog-types.js';

export type Level = 'L0' | 'L1' | 'L2' | 'L3' | 'L4';
export const LEVELS: readonly Level[] = ['L0', 'L1', 'L2', 'L3', 'L4'];
export const levelName = (rank: number): Level => LEVELS[rank]!;
export const levelRank = (level: string): number => LEVELS.indexOf(level as Level);

export interface CertificationEvidence {
  modelRevision: string;
  os: string | null;
  checks: Array<{ id: string; level: string; status: string; actual: unknown; threshold: unknown; message: string }>;
}

/** The public shape of a certification (schemas/certification.v1.schema.json). */
export interface Certification {
  id: string;
  level: Level;
  verified: boolean;
  origin: 'declaration' | 'submission';
  status: CertificationRow['status'];
  model: string;
  chip: string;
  vendor: string;
  system: string | null;
  devices: number | null;
  precision: Precision | null;
  precisions: Precision[];
  form: string | null;
  stack: StackComponent[];
  deploymentKey: string;
  requirementSet: string | null;
  submission: string | null;
  issuedAt: string;
  validUntil: string | null;
  supersededBy: string | null;
  revocation: { at: string; reason: string } | null;
  preview: boolean;
  highAccuracy: boolean;
  source: { url: string; statement: string; detail: string | null; confidence: string | null } | null;
  /** Present on a single certification of a submission; lists leave it out. */
  evidence?: CertificationEvidence;
}

export function toCertification(row: CertificationRow): Certification {
  const doc = JSON.parse(row.doc) as Record<string, unknown>;
  const precisions = (JSON.parse(row.precisions) as Precision[]).sort();
  const declaration = row.origin === 'declaration';
  const source = doc.source as { url: string; confidence?: string } | undefined;
  const view: Certification = {
    id: row.id,
    level: levelName(row.level),
    verified: row.level > 0,
    origin: row.origin,
    status: row.status,
    model: row.model_id,
    chip: row.chip_id,
    vendor: row.vendor_id,
    system: row.system_id,
    devices: row.devices,
    precision: precisions.length === 1 ? precisions[0]! : null,
    precisions,
    form: row.form,
    stack: JSON.parse(row.stack) as StackComponent[],
    deploymentKey: row.deployment_key,
    requirementSet: row.requirement_set,
    submission: row.submission_id,
    issuedAt: row.issued_at,
    validUntil: row.valid_until,
    supersededBy: row.superseded_by,
    revocation: row.revoked_at ? { at: row.revoked_at, reason: row.revoked_reason ?? '' } : null,
    preview: doc.preview === true,
    highAccuracy: doc.highAccuracy === true,
    source: declaration && source
      ? { url: source.url, statement: String(doc.statement ?? ''), detail: (doc.detail as string | null) ?? null, confidence: source.confidence ?? null }
      : null,
  };
  if (row.evidence) view.evidence = JSON.parse(row.evidence) as CertificationEvidence;
  return view;
}
