import type { Declaration, StackComponent } from './catalog-types.js';
import type { Headline } from './submission-v2.js';
import type { CertificationOrigin, CertificationStatus, Level, Precision } from './vocabulary.js';

export interface CertificationEvidence {
  /** Null when a v2 document does not state the revision (such a document earns no level, but the type says so). */
  modelRevision: string | null;
  os: string | null;
  checks: Array<{ id: string; level: string; status: string; actual: unknown; threshold: unknown; message: string }>;
}

/** The public shape of a certification (schemas/certification.v1.schema.json). */
export interface Certification {
  id: string;
  level: Level;
  verified: boolean;
  origin: CertificationOrigin;
  status: CertificationStatus;
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
  /** v2: the judged operating point's figures; null otherwise. */
  headline: Headline | null;
  source: { url: string; statement: string; detail: string | null; confidence: string | null } | null;
  /** Present on a single certification of a submission; lists leave it out. */
  evidence?: CertificationEvidence;
}

/** What never changes about a certification once issued, stored as one JSON column (`facts`) for fast lists. */
export type CertificationFacts = Omit<
  Certification,
  'status' | 'supersededBy' | 'revocation' | 'evidence' | 'headline'
>;

/** The facts of a sourced L0 declaration. */
export function declarationFacts(
  d: Declaration,
  vendor: string,
  deploymentKey: string,
  issuedAt: string,
): CertificationFacts {
  const precisions = [...(d.precisions ?? [])].sort();
  return {
    id: d.id,
    level: 'L0',
    verified: false,
    origin: 'declaration',
    model: d.model,
    chip: d.chip,
    vendor,
    system: d.system ?? null,
    devices: d.devices ?? null,
    precision: precisions.length === 1 ? precisions[0]! : null,
    precisions,
    form: d.form ?? null,
    stack: d.stack ?? [],
    deploymentKey,
    requirementSet: null,
    submission: null,
    issuedAt,
    validUntil: null,
    preview: false,
    highAccuracy: false,
    source: {
      url: d.source.url,
      statement: d.statement,
      detail: d.detail ?? null,
      confidence: d.source.confidence ?? null,
    },
  };
}
