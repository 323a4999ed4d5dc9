/**
 * The level engine: evaluates a requirement set's checks against a submission document and
 * says which level the evidence earns, and exactly what is missing for the next one. The
 * thresholds are data (data/requirement-sets/*.json); nothing here knows a number of DESIGN §3.
 * Pure: the caller validated the document against schemas/submission.v1.schema.json and
 * resolved the chip's device class and the model's parameter count from the catalog.
 */
import { evaluateCheck, ruleHolds, type CheckResult } from './check-evaluation.js';
import type { RequirementSet } from './requirement-set.js';
import { LEVELS, levelRank } from './vocabulary.js';
import { precisionClass, type DeviceClass, type LevelId, type SubmissionDocument } from './submission-document.js';
import type { DeploymentFacts } from './threshold-selection.js';

export type { CheckResult, CheckStatus, ReportValue } from './check-evaluation.js';

export interface LevelContext {
  /** Device class of the resolved chip. */
  deviceClass: DeviceClass;
  /** Parameter count of the resolved model in billions; null when the catalog does not know it. */
  parametersB: number | null;
  /** True when the document comes with a vendor key (L0 needs an identified submitter). */
  authenticatedSubmitter: boolean;
}

export interface MissingItem {
  id: string;
  message: string;
}

/** Mirrors schemas/level-report.v1.schema.json. */
export interface LevelReport {
  achieved: LevelId | null;
  claimed: LevelId;
  preview: boolean;
  highAccuracy: boolean;
  requirementSet: string;
  checks: CheckResult[];
  nextLevel: { level: LevelId; missing: MissingItem[] } | null;
}

export function deploymentFacts(doc: SubmissionDocument, ctx: LevelContext): DeploymentFacts {
  const precision = doc.deployment.precision;
  return {
    precision,
    precisionClass: precisionClass(precision),
    deviceClass: ctx.deviceClass,
    profile: doc.evidence?.performance?.profile ?? null,
    paramsB: ctx.parametersB,
  };
}

/**
 * Achieved = the highest level whose checks and all lower levels' checks pass (not-applicable
 * counts as met; missing evidence fails). `preview` = the next level fails only on checks the
 * set marks `preview` (non-ga components at L3 in 2026.1). `highAccuracy` = the flag's rule
 * holds and the achieved level includes the flag's level.
 */
export function evaluateLevel(set: RequirementSet, doc: SubmissionDocument, ctx: LevelContext): LevelReport {
  const facts = deploymentFacts(doc, ctx);
  const checks = set.checks.map((check) => evaluateCheck(check, doc, ctx, facts));
  const failing = (level: LevelId) => checks.filter((c) => c.level === level && c.status === 'fail');

  let achievedIndex = -1;
  while (achievedIndex + 1 < LEVELS.length && failing(LEVELS[achievedIndex + 1]!).length === 0) achievedIndex++;
  const achieved = achievedIndex >= 0 ? LEVELS[achievedIndex]! : null;
  const next = LEVELS[achievedIndex + 1] ?? null;

  const previewIds = new Set(set.checks.filter((c) => c.preview).map((c) => c.id));
  const nextFailing = next ? failing(next) : [];
  const preview = nextFailing.length > 0 && nextFailing.every((c) => previewIds.has(c.id));

  const flag = set.flags.highAccuracy;
  const highAccuracy = achievedIndex >= levelRank(flag.level) && ruleHolds(flag, doc, ctx, facts);

  return {
    achieved,
    claimed: doc.claimedLevel,
    preview,
    highAccuracy,
    requirementSet: set.id,
    checks,
    nextLevel: next ? { level: next, missing: nextFailing.map((c) => ({ id: c.id, message: c.message })) } : null,
  };
}
