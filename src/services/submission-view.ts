import type { SubmissionRecord } from '../domain/submission-record.js';

/** The public shape of a submission (schemas/submission-record.v1.schema.json). */
export type SubmissionView = Omit<SubmissionRecord, 'seq' | 'achievedLevel' | 'submittedBy' | 'report'> & {
  level: SubmissionRecord['report'];
};

export function toSubmissionView(record: SubmissionRecord): SubmissionView {
  const { seq: _seq, achievedLevel: _achieved, submittedBy: _by, report, ...view } = record;
  return { ...view, level: report };
}
