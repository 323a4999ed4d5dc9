import type { SubmissionRow } from '../db/submission-repository.js';
import { levelName, type Level } from '../domain/vocabulary.js';
import type { LevelReport } from '../domain/level-engine.js';

/** The public shape of a submission (schemas/submission-record.v1.schema.json). */
export interface SubmissionView {
  id: string;
  vendor: string;
  status: SubmissionRow['status'];
  revision: number;
  previous: string | null;
  next: string | null;
  model: string;
  chip: string;
  requirementSet: string;
  claimedLevel: Level;
  level: LevelReport;
  submittedAt: string;
  decision: { decision: string; by: string; at: string; note: string | null; grantedLevel: Level | null } | null;
  certification: string | null;
  document: unknown;
}

export function toSubmissionView(row: SubmissionRow): SubmissionView {
  return {
    id: row.id,
    vendor: row.vendor_id,
    status: row.status,
    revision: row.revision,
    previous: row.previous_id,
    next: row.next_id,
    model: row.model_id,
    chip: row.chip_id,
    requirementSet: row.requirement_set,
    claimedLevel: levelName(row.claimed_level),
    level: JSON.parse(row.report) as LevelReport,
    submittedAt: row.submitted_at,
    decision: row.decision
      ? {
          decision: row.decision,
          by: row.decided_by ?? '',
          at: row.decided_at ?? '',
          note: row.decision_note,
          grantedLevel: row.granted_level === null ? null : levelName(row.granted_level),
        }
      : null,
    certification: row.certification_id,
    document: JSON.parse(row.document),
  };
}
