import type { LevelReport } from './level-engine.js';
import type { Decision, Level, SubmissionStatus } from './vocabulary.js';

/** A stored submission as the services see it (the repository maps its row to this). */
export interface SubmissionRecord {
  /** Storage order: keyset cursors page on it. */
  seq: number;
  id: string;
  vendor: string;
  status: SubmissionStatus;
  revision: number;
  previous: string | null;
  next: string | null;
  model: string;
  chip: string;
  requirementSet: string;
  claimedLevel: Level;
  /** The level the evidence earned when it was submitted; null when it earned none. */
  achievedLevel: Level | null;
  /** The submitted document, exactly as posted. */
  document: unknown;
  report: LevelReport;
  submittedBy: string;
  submittedAt: string;
  decision: {
    decision: Decision;
    by: string;
    at: string;
    note: string | null;
    grantedLevel: Level | null;
  } | null;
  certification: string | null;
}
