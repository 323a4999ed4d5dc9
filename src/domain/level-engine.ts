/**
 * The level engine: evaluates a requirement set's checks against a submission document and
 * says which level the evidence earns, and exactly what is missing for the next one. The
 * thresholds are data (data/requirement-sets/*.json); nothing here knows a number of DESIGN §3.
 * Pure: the caller validated the document against its schema and resolved the chip's device
 * class, the model's parameter count, the organisations and the benchmark registry.
 */
import { evaluateCheck, ruleHolds, type CheckResult } from './check-evaluation.js';
import type { BenchmarkIndex } from './benchmarks.js';
import type { AnyDocument, MetricContext } from './level-metrics.js';
import { canonicalPrecision, precisionClassOf, weightsOf } from './precision-parts.js';
import type { Check, RequirementSet } from './requirement-set.js';
import type { DeviceClass, LevelId } from './submission-document.js';
import type { Headline, OperatingPoint } from './submission-v2.js';
import { matchCondition, type DeploymentFacts } from './threshold-selection.js';
import { LEVELS, levelRank, type PerformanceProfile, type Precision, type Scenario } from './vocabulary.js';

export type { CheckResult, CheckStatus, ReportValue } from './check-evaluation.js';

export interface LevelContext {
  /** Device class of the resolved chip. */
  deviceClass: DeviceClass;
  /** Parameter count of the resolved model in billions; null when the catalog does not know it. */
  parametersB: number | null;
  /** true/false when judged; null on a dry run without a key (the check is reported unjudged). */
  authenticatedSubmitter: boolean | null;
  submitterDetail?: string;
  organizations?: { measuredBy: string; reproducedBy: string | null };
  benchmarks?: BenchmarkIndex;
}

export interface MissingItem {
  id: string;
  message: string;
}

/** What the engine read of a v2 document's operating points. */
export interface PerformanceJudgement {
  profile: PerformanceProfile;
  /** Points measured, and how many fit the profile's scenarios. */
  points: number;
  candidates: number;
  /** Index into /evidence/performance/points of the point the `point.*` checks were judged on; null when none fits. */
  judgedPoint: number | null;
  /** The judged point's figures when it meets every point limit of the profile; null otherwise. */
  headline: Headline | null;
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
  /** Checks this context could not judge (a dry run without a key); the achieved level assumes they hold. */
  unjudged?: MissingItem[];
  performance?: PerformanceJudgement;
}

const DEFAULT_SCENARIOS: Record<PerformanceProfile, Scenario[]> = {
  'chat-server': ['server'],
  interactive: ['interactive'],
  'single-stream': ['single-stream'],
};

/** The canonical precision of either document. */
export function documentPrecision(doc: AnyDocument): Precision | null {
  const p = doc.deployment.precision;
  return p === undefined ? null : typeof p === 'string' ? p : canonicalPrecision(p);
}

export function deploymentFacts(doc: AnyDocument, ctx: LevelContext): DeploymentFacts {
  const precision = documentPrecision(doc);
  return {
    precision,
    precisionClass: precision === null ? null : precisionClassOf(weightsOf(precision)),
    deviceClass: ctx.deviceClass,
    profile: doc.evidence?.performance?.profile ?? null,
    paramsB: ctx.parametersB,
  };
}

const isPointCheck = (c: Check) => c.evidence.startsWith('point.');
const throughputOf = (p: OperatingPoint) =>
  p.throughput?.outputTokensPerSecond ?? p.throughput?.totalTokensPerSecond ?? p.throughput?.requestsPerSecond ?? -1;

function headlineOf(p: OperatingPoint, index: number): Headline {
  const devices = p.devices ?? null;
  const out = p.throughput?.outputTokensPerSecond ?? null;
  return {
    point: p.id ?? `#${index}`,
    scenario: p.scenario,
    concurrency: p.concurrency ?? null,
    devices,
    outputTokensPerSecond: out,
    outputTokensPerSecondPerDevice:
      p.throughput?.outputTokensPerSecondPerDevice ??
      (out !== null && devices ? Math.round((out / devices) * 1000) / 1000 : null),
    ttftP99Ms: p.streaming === false ? null : (p.latencyMs?.ttft?.p99 ?? null),
    tpotP99Ms: p.streaming === false ? null : (p.latencyMs?.tpot?.p99 ?? null),
  };
}

/**
 * Chooses the point the `point.*` checks are judged on: among the points whose scenario fits the
 * profile, the highest-throughput point on which every applicable point check passes (that is the
 * headline); when none passes them all, the point that passes most of them (then the fastest), so the
 * report names what the best attempt is missing.
 */
function judgePoints(
  set: RequirementSet,
  doc: AnyDocument,
  metrics: MetricContext,
  facts: DeploymentFacts,
): { candidates: OperatingPoint[]; judged: OperatingPoint | null; judgement: PerformanceJudgement } | null {
  if (doc.schema !== 'chipreg/submission/v2' || !doc.evidence.performance) return null;
  const perf = doc.evidence.performance;
  const all = perf.points ?? [];
  const scenarios = set.profiles?.[perf.profile] ?? DEFAULT_SCENARIOS[perf.profile];
  const candidates = all.filter((p) => scenarios.includes(p.scenario));
  const pointChecks = set.checks.filter(
    (c) => isPointCheck(c) && !(c.appliesWhen && matchCondition(c.appliesWhen, facts) === false),
  );
  const scored = candidates.map((p) => {
    const atPoint: MetricContext = {
      authenticatedSubmitter: metrics.authenticatedSubmitter,
      submitterDetail: metrics.submitterDetail,
      organizations: metrics.organizations,
      benchmarks: metrics.benchmarks,
      point: p,
    };
    const passes = pointChecks.filter((c) => evaluateCheck(c, doc, atPoint, facts).status === 'pass').length;
    return { p, passes, all: passes === pointChecks.length };
  });
  scored.sort((a, b) => b.passes - a.passes || throughputOf(b.p) - throughputOf(a.p));
  const best = scored[0] ?? null;
  const index = best ? all.indexOf(best.p) : -1;
  return {
    candidates,
    judged: best?.p ?? null,
    judgement: {
      profile: perf.profile,
      points: all.length,
      candidates: candidates.length,
      judgedPoint: best ? index : null,
      headline: best?.all ? headlineOf(best.p, index) : null,
    },
  };
}

/**
 * Achieved = the highest level whose checks and all lower levels' checks hold (pass or
 * not-applicable; a check this context cannot judge is assumed to hold and listed in `unjudged`;
 * fail and not-measured never hold). `preview` = the next level fails only on checks the set marks
 * `preview`. `highAccuracy` = the flag's rule holds and the achieved level includes the flag's level.
 */
export function evaluateLevel(set: RequirementSet, doc: AnyDocument, ctx: LevelContext): LevelReport {
  const facts = deploymentFacts(doc, ctx);
  const metrics: MetricContext = {
    authenticatedSubmitter: ctx.authenticatedSubmitter,
    submitterDetail: ctx.submitterDetail,
    organizations: ctx.organizations,
    benchmarks: ctx.benchmarks,
  };
  const points = judgePoints(set, doc, metrics, facts);
  if (points) Object.assign(metrics, { candidatePoints: points.candidates, point: points.judged });
  const absent = set.absentEvidence ?? 'fail';
  const checks = set.checks.map((check) => evaluateCheck(check, doc, metrics, facts, absent));
  const blocking = (level: LevelId) =>
    checks.filter((c) => c.level === level && (c.status === 'fail' || c.status === 'not-measured') && !c.unjudged);

  let achievedIndex = -1;
  while (achievedIndex + 1 < LEVELS.length && blocking(LEVELS[achievedIndex + 1]!).length === 0) achievedIndex++;
  const achieved = achievedIndex >= 0 ? LEVELS[achievedIndex]! : null;
  const next = LEVELS[achievedIndex + 1] ?? null;

  const previewIds = new Set(set.checks.filter((c) => c.preview).map((c) => c.id));
  const nextBlocking = next ? blocking(next) : [];
  const preview = nextBlocking.length > 0 && nextBlocking.every((c) => previewIds.has(c.id));

  const flag = set.flags.highAccuracy;
  const highAccuracy = achievedIndex >= levelRank(flag.level) && ruleHolds(flag, doc, metrics, facts);

  const unjudged = checks.filter((c) => c.unjudged).map((c) => ({ id: c.id, message: c.message }));
  const report: LevelReport = {
    achieved,
    claimed: doc.claimedLevel,
    preview,
    highAccuracy,
    requirementSet: set.id,
    checks: checks.map(({ unjudged: _u, ...c }) => c),
    nextLevel: next ? { level: next, missing: nextBlocking.map((c) => ({ id: c.id, message: c.message })) } : null,
  };
  if (unjudged.length) report.unjudged = unjudged;
  if (points) report.performance = points.judgement;
  return report;
}

/**
 * The flags for the level a reviewer grants, recomputed from the report: `preview` only when the
 * granted level is the achieved one (a lower grant has a fully met next level), `highAccuracy` only
 * when the granted level includes the flag's level.
 */
export function flagsForGrantedLevel(
  set: RequirementSet,
  report: LevelReport,
  granted: LevelId,
): { preview: boolean; highAccuracy: boolean } {
  return {
    preview: report.preview && report.achieved === granted,
    highAccuracy: report.highAccuracy && levelRank(granted) >= levelRank(set.flags.highAccuracy.level),
  };
}
