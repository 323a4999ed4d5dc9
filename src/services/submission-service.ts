import type { AuditRepository } from '../db/audit-repository.js';
import type { CertificationWriter } from '../db/certification-writer.js';
import type { Db } from '../db/open-database.js';
import type { SubmissionRepository } from '../db/submission-repository.js';
import type { SubmissionRecord } from '../domain/submission-record.js';
import { levelName, levelRank, type Level } from '../domain/vocabulary.js';
import { flagsForGrantedLevel } from '../domain/level-engine.js';
import { effectiveChannel } from '../domain/release-channel.js';
import { deploymentKey } from '../domain/deployment-key.js';
import { requestHash as hashOf } from '../domain/request-hash.js';
import { validityMonths } from '../domain/requirement-set.js';
import { ConflictError, ForbiddenError, InvalidStateError, NotFoundError, SchemaViolationError } from '../errors.js';
import { keysetPage, type Paging } from './keyset-page.js';
import type { Principal } from './key-service.js';
import { toSubmissionView } from './submission-view.js';
import type { ResolvedDocument, ValidationService } from './validation-service.js';
import type { LevelReport } from '../domain/level-engine.js';
import type { Decision as DecisionKind } from '../domain/vocabulary.js';

export interface Decision {
  decision: DecisionKind;
  level?: Level;
  note?: string;
}

/** What a stored submission answers: the same for its first POST and for every replay of it. */
export interface SubmissionCreated {
  id: string;
  status: 'in-review';
  level: LevelReport;
}

const invalidState = (message: string) => new InvalidStateError(message);
const addMonths = (iso: string, months: number) => {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString();
};

/**
 * The submission lifecycle of DESIGN §4. Every write runs in one immediate transaction with
 * its audit event; a vendor only ever sees its own submissions (another vendor's is not found, so existence does not leak).
 */
export function createSubmissionService(deps: {
  db: Db;
  submissions: SubmissionRepository;
  certifications: CertificationWriter;
  audit: AuditRepository;
  validation: ValidationService;
  /** The signed body of a certification just issued (in the same transaction), logged as its issuance. */
  certificateBodyOf: (certificationId: string) => Record<string, unknown>;
  now: () => Date;
}) {
  const { db, submissions, audit } = deps;
  const actorOf = (p: Principal) => `key:${p.keyId}`;

  const visible = (principal: Principal, id: string): SubmissionRecord => {
    const row = submissions.get(id);
    if (!row || (principal.role === 'vendor' && row.vendor !== principal.vendor))
      throw new NotFoundError(`No submission "${id}".`);
    return row;
  };

  /** Replays the first answer to an Idempotency-Key, or runs `create` and remembers its answer in the same transaction. */
  const idempotent = (
    principal: Principal,
    key: string | undefined,
    body: unknown,
    create: () => SubmissionCreated,
  ): SubmissionCreated => {
    const requestHash = hashOf(body);
    return db
      .transaction(() => {
        if (key) {
          const prior = submissions.replay(principal.keyId, key);
          if (prior) {
            if (prior.requestHash !== requestHash)
              throw new ConflictError('This Idempotency-Key was already used with a different request body.');
            return JSON.parse(prior.response) as SubmissionCreated;
          }
        }
        const answer = create();
        if (key)
          submissions.remember({
            caller: principal.keyId,
            key,
            requestHash,
            response: JSON.stringify(answer),
            at: deps.now().toISOString(),
          });
        return answer;
      })
      .immediate();
  };

  const store = (principal: Principal, body: unknown, previous: SubmissionRecord | null): SubmissionCreated => {
    const { report, resolved } = deps.validation.check(body, { organization: principal.vendor });
    if (!report.valid || !resolved || !report.level)
      throw new SchemaViolationError(
        'The submission document is invalid; nothing was stored.',
        report.errors,
        report.errorsTotal ? { errorsTotal: report.errorsTotal } : {},
      );
    if (resolved.vendor !== principal.vendor) {
      throw new ForbiddenError(
        `Your key submits for organisation "${principal.vendor}", not for "${resolved.vendor}".`,
      );
    }
    const at = deps.now().toISOString();
    const id = submissions.insert({
      vendor: resolved.vendor,
      revision: previous ? previous.revision + 1 : 1,
      previous: previous?.id ?? null,
      model: resolved.model.id,
      chip: resolved.chip.id,
      requirementSet: resolved.requirementSet.id,
      claimedLevel: levelRank(resolved.doc.claimedLevel),
      achievedLevel: report.level.achieved ? levelRank(report.level.achieved) : null,
      document: JSON.stringify(body),
      report: JSON.stringify(report.level),
      submittedBy: principal.keyId,
      submittedAt: at,
    });
    audit.append({
      at,
      actor: actorOf(principal),
      action: previous ? 'submission.resubmit' : 'submission.create',
      entity: `submission:${id}`,
      payload: body,
    });
    return { id, status: 'in-review', level: report.level };
  };

  return {
    submit: (principal: Principal, body: unknown, idempotencyKey?: string) =>
      idempotent(principal, idempotencyKey, body, () => store(principal, body, null)),

    resubmit(principal: Principal, previousId: string, body: unknown, idempotencyKey?: string) {
      return idempotent(principal, idempotencyKey, { previousId, body }, () => {
        const previous = visible(principal, previousId);
        if (previous.status !== 'changes-requested' || previous.next) {
          throw invalidState(
            `Submission ${previousId} is ${previous.next ? `already followed by ${previous.next}` : previous.status}; only a submission with changes requested takes a new revision.`,
          );
        }
        return store(principal, body, previous);
      });
    },

    withdraw(principal: Principal, id: string) {
      return db
        .transaction(() => {
          const row = visible(principal, id);
          if (row.status !== 'in-review' && row.status !== 'changes-requested')
            throw invalidState(`Submission ${id} is ${row.status} and can no longer be withdrawn.`);
          submissions.transition(id, row.status, 'withdrawn');
          audit.append({
            at: deps.now().toISOString(),
            actor: actorOf(principal),
            action: 'submission.withdraw',
            entity: `submission:${id}`,
            payload: { id },
          });
          return toSubmissionView(submissions.get(id)!);
        })
        .immediate();
    },

    decide(principal: Principal, id: string, decision: Decision) {
      return db
        .transaction(() => {
          const row = visible(principal, id);
          if (row.status !== 'in-review')
            throw invalidState(`Submission ${id} is ${row.status}; only submissions in review can be decided.`);
          const at = deps.now().toISOString();
          let certification: string | null = null;
          let granted: number | null = null;
          let reevaluation: Reevaluation | null = null;
          if (decision.decision === 'approve') {
            // One evaluation at approval time decides the level, its flags and the checks stored with it:
            // a catalog edit since submission cannot leave a certificate whose own checks fail its level.
            const fresh = deps.validation.check(row.document, { organization: row.vendor });
            if (!fresh.resolved || !fresh.report.level)
              throw invalidState(
                `The document of ${id} no longer validates against the catalog (${fresh.report.errors.map((e) => `${e.pointer}: ${e.detail}`).join('; ')}); ask for a new revision.`,
              );
            reevaluation = compareReports(row.report, fresh.report.level);
            const earned = fresh.report.level.achieved ? levelRank(fresh.report.level.achieved) : -1;
            const since = reevaluation.changed.length ? ` Re-evaluated at approval: ${describe(reevaluation)}.` : '';
            if (earned < 1)
              throw invalidState(
                `The evidence of ${id} earns no verified level (L1 or above), so it cannot be approved.${since}`,
              );
            granted = decision.level ? levelRank(decision.level) : earned;
            if (granted < 1 || granted > earned) {
              throw new SchemaViolationError(`The granted level is out of range.${since}`, [
                { pointer: '/level', detail: `must be from L1 to ${`L${earned}`}, the level the evidence earns now` },
              ]);
            }
            const issued = issue(row, granted, at, fresh.resolved, fresh.report.level);
            certification = issued.id;
            // The payload is the certificate body itself, so a certificate proves its own issuance is in the log.
            audit.append({
              at,
              actor: actorOf(principal),
              action: 'certification.issue',
              entity: `certification:${certification}`,
              payload: deps.certificateBodyOf(certification),
            });
            for (const older of issued.superseded)
              audit.append({
                at,
                actor: actorOf(principal),
                action: 'certification.supersede',
                entity: `certification:${older}`,
                payload: { supersededBy: certification },
              });
          }
          const status =
            decision.decision === 'approve'
              ? 'approved'
              : decision.decision === 'reject'
                ? 'rejected'
                : 'changes-requested';
          submissions.decide({
            id,
            status,
            decision: decision.decision,
            by: principal.keyId,
            at,
            note: decision.note ?? null,
            grantedLevel: granted,
            certification,
          });
          audit.append({
            at,
            actor: actorOf(principal),
            action: `submission.${decision.decision}`,
            entity: `submission:${id}`,
            // The issuance event logs the certificate body; what re-evaluation at approval found is logged here.
            payload: reevaluation ? { ...decision, reevaluation } : decision,
          });
          const view = toSubmissionView(submissions.get(id)!);
          return reevaluation ? { ...view, reevaluation } : view;
        })
        .immediate();
    },

    revoke(principal: Principal, certificationId: string, reason: string) {
      db.transaction(() => {
        const at = deps.now().toISOString();
        const outcome = deps.certifications.revoke(certificationId, reason, at);
        if (outcome === 'unknown') throw new NotFoundError(`No certification "${certificationId}".`);
        if (outcome === 'already-revoked') throw invalidState(`Certification ${certificationId} is already revoked.`);
        audit.append({
          at,
          actor: actorOf(principal),
          action: 'certification.revoke',
          entity: `certification:${certificationId}`,
          payload: { reason },
        });
      }).immediate();
    },

    get: (principal: Principal, id: string) => toSubmissionView(visible(principal, id)),

    list(principal: Principal, filter: { status?: string }, paging: Paging) {
      const vendor = principal.role === 'vendor' ? (principal.vendor ?? '') : undefined;
      return keysetPage(
        paging,
        'number',
        (after: number, n) => submissions.list({ vendor, status: filter.status }, after, n),
        (row) => row.seq,
        toSubmissionView,
      );
    },
  };

  /** Creates the certification of an approved submission; the writer supersedes older ones of the same deployment. */
  function issue(
    row: SubmissionRecord,
    level: number,
    at: string,
    resolved: ResolvedDocument,
    report: LevelReport,
  ): { id: string; superseded: string[] } {
    const d = resolved.doc.deployment;
    const stack = (d.stack ?? []).map((c) => ({ ...c, version: c.version ?? '', channel: effectiveChannel(c) }));
    const axes = {
      model: resolved.model.id,
      chip: resolved.chip.id,
      system: resolved.system?.id ?? null,
      devices: d.devices ?? null,
      precision: resolved.precision,
      form: d.form ?? null,
      stack,
    };
    const months = validityMonths(resolved.requirementSet, `L${level}`);
    const flags = flagsForGrantedLevel(resolved.requirementSet, report, levelName(level));
    return deps.certifications.insert({
      ...axes,
      level,
      vendor: resolved.vendor,
      deploymentKey: deploymentKey(axes),
      requirementSet: resolved.requirementSet.id,
      submissionId: row.id,
      issuedAt: at,
      validUntil: months === null ? null : addMonths(at, months),
      preview: flags.preview,
      highAccuracy: flags.highAccuracy,
      headline: report.performance?.headline ?? null,
      evidence: {
        modelRevision: d.model.revision ?? null,
        os: d.os ?? null,
        checks: report.checks.map(({ id, level, status, actual, threshold, message }) => ({
          id,
          level,
          status,
          actual,
          threshold,
          message,
        })),
      },
    });
  }
}

/** How the approval-time evaluation differs from the one made at submission: the reviewer sees it. */
export interface Reevaluation {
  achievedAtSubmission: Level | null;
  achievedAtApproval: Level | null;
  changed: Array<{ id: string; before: string | null; after: string | null; message: string }>;
}

function compareReports(before: LevelReport, after: LevelReport): Reevaluation {
  const old = new Map(before.checks.map((c) => [c.id, c]));
  const changed: Reevaluation['changed'] = [];
  for (const c of after.checks) {
    const prior = old.get(c.id);
    if (!prior || prior.status !== c.status || prior.actual !== c.actual || prior.threshold !== c.threshold)
      changed.push({ id: c.id, before: prior?.status ?? null, after: c.status, message: c.message });
    old.delete(c.id);
  }
  for (const gone of old.values())
    changed.push({ id: gone.id, before: gone.status, after: null, message: gone.message });
  return { achievedAtSubmission: before.achieved, achievedAtApproval: after.achieved, changed };
}

const describe = (r: Reevaluation): string =>
  `the evidence earned ${r.achievedAtSubmission ?? 'no level'} when submitted and earns ${r.achievedAtApproval ?? 'no level'} now; ` +
  r.changed.map((c) => `${c.id} ${c.before ?? 'absent'} → ${c.after ?? 'absent'} (${c.message})`).join('; ');

export type SubmissionService = ReturnType<typeof createSubmissionService>;
