import type { Db } from './open-database.js';
import { createSequentialIds } from './sequential-id.js';
import type { LevelReport } from '../domain/level-engine.js';
import type { SubmissionRecord } from '../domain/submission-record.js';
import { levelName, type Decision, type SubmissionStatus } from '../domain/vocabulary.js';

interface SubmissionRow {
  seq: number;
  id: string;
  vendor_id: string;
  status: SubmissionStatus;
  revision: number;
  previous_id: string | null;
  next_id: string | null;
  model_id: string;
  chip_id: string;
  requirement_set: string;
  claimed_level: number;
  achieved_level: number | null;
  document: string;
  report: string;
  submitted_by: string;
  submitted_at: string;
  decision: Decision | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  granted_level: number | null;
  certification_id: string | null;
}

export interface NewSubmission {
  vendor: string;
  revision: number;
  previous: string | null;
  model: string;
  chip: string;
  requirementSet: string;
  claimedLevel: number;
  achievedLevel: number | null;
  document: string;
  report: string;
  submittedBy: string;
  submittedAt: string;
}

function toRecord(row: SubmissionRow): SubmissionRecord {
  return {
    seq: row.seq,
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
    achievedLevel: row.achieved_level === null ? null : levelName(row.achieved_level),
    document: JSON.parse(row.document),
    report: JSON.parse(row.report) as LevelReport,
    submittedBy: row.submitted_by,
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
  };
}

const COLUMNS = `s.*, (SELECT n.id FROM submissions n WHERE n.previous_id = s.id) AS next_id`;

/** Submissions and the idempotency replays of their POSTs. */
export function createSubmissionRepository(db: Db) {
  const nextId = createSequentialIds(db, 'submissions', 'SUB');
  const insert =
    db.prepare(`INSERT INTO submissions (id, vendor_id, status, revision, previous_id, model_id, chip_id, requirement_set,
      claimed_level, achieved_level, document, report, submitted_by, submitted_at)
    VALUES (@id, @vendor, 'in-review', @revision, @previous, @model, @chip, @requirementSet, @claimedLevel, @achievedLevel,
      @document, @report, @submittedBy, @submittedAt)`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM submissions s WHERE s.id = ?`);
  const setStatus = db.prepare(`UPDATE submissions SET status = @status WHERE id = @id AND status = @from`);
  const decide =
    db.prepare(`UPDATE submissions SET status = @status, decision = @decision, decided_by = @by, decided_at = @at,
      decision_note = @note, granted_level = @grantedLevel, certification_id = @certification WHERE id = @id AND status = 'in-review'`);
  const replay = db.prepare(
    'SELECT request_hash AS requestHash, response FROM idempotency_keys WHERE caller = ? AND key = ?',
  );
  const remember = db.prepare(`INSERT INTO idempotency_keys (caller, key, request_hash, response, created_at)
    VALUES (@caller, @key, @requestHash, @response, @at)`);

  return {
    insert(s: NewSubmission): string {
      const id = nextId(s.submittedAt);
      insert.run({ ...s, id });
      return id;
    },
    get(id: string): SubmissionRecord | null {
      const row = byId.get(id) as SubmissionRow | undefined;
      return row ? toRecord(row) : null;
    },
    list(filter: { vendor?: string; status?: string }, afterSeq: number, limit: number): SubmissionRecord[] {
      const where = ['s.seq > @after'];
      if (filter.vendor) where.push('s.vendor_id = @vendor');
      if (filter.status) where.push('s.status = @status');
      return db
        .prepare(`SELECT ${COLUMNS} FROM submissions s WHERE ${where.join(' AND ')} ORDER BY s.seq LIMIT @limit`)
        .all({ ...filter, after: afterSeq, limit })
        .map((row) => toRecord(row as SubmissionRow));
    },
    /** Moves a submission from one status to another; false when it was not in `from` (a concurrent change won). */
    transition: (id: string, from: string, status: string) => setStatus.run({ id, from, status }).changes > 0,
    decide: (d: {
      id: string;
      status: string;
      decision: string;
      by: string;
      at: string;
      note: string | null;
      grantedLevel: number | null;
      certification: string | null;
    }) => decide.run(d).changes > 0,
    replay: (caller: string, key: string) =>
      (replay.get(caller, key) as { requestHash: string; response: string } | undefined) ?? null,
    remember: (r: { caller: string; key: string; requestHash: string; response: string; at: string }) =>
      void remember.run(r),
  };
}

export type SubmissionRepository = ReturnType<typeof createSubmissionRepository>;
