/**
 * One check against one document: applicability, the value, the threshold, the comparison
 * and the sentence. Pure.
 */
import { formatValue, outcomeMessage } from './check-messages.js';
import { measure, type AnyDocument, type MetricContext, type Scalar } from './level-metrics.js';
import type { Check, Comparison, Rule, ThresholdValue } from './requirement-set.js';
import type { LevelId } from './submission-document.js';
import type { AbsentEvidence, CheckOutcome } from './vocabulary.js';
import {
  describeCondition,
  describeFacts,
  matchCondition,
  selectThreshold,
  type DeploymentFacts,
} from './threshold-selection.js';

export type CheckStatus = CheckOutcome;
export type ReportValue = number | string | boolean | null;

export interface CheckResult {
  id: string;
  level: LevelId;
  status: CheckStatus;
  actual: ReportValue;
  threshold: ReportValue;
  message: string;
  /** Set when the check could not be judged in this context (no key on a dry run); it does not block the level. */
  unjudged?: true;
}

/** `actual <comparison> threshold`; null when the two cannot be compared (a type mismatch in the data). */
export function compare(actual: Scalar, comparison: Comparison, threshold: ThresholdValue): boolean | null {
  if (comparison === 'in')
    return Array.isArray(threshold) && typeof actual === 'string' ? threshold.includes(actual) : null;
  if (Array.isArray(threshold)) return null;
  if (comparison === '==') return typeof actual === typeof threshold ? actual === threshold : null;
  if (typeof actual !== 'number' || typeof threshold !== 'number') return null;
  switch (comparison) {
    case '>=':
      return actual >= threshold;
    case '<=':
      return actual <= threshold;
    case '>':
      return actual > threshold;
    case '<':
      return actual < threshold;
  }
}

const reportThreshold = (t: ThresholdValue | null): ReportValue => (Array.isArray(t) ? t.join(', ') : t);

/** Whether a rule (a check or a flag) holds for the document; unknown values do not hold. */
export function ruleHolds(rule: Rule, doc: AnyDocument, ctx: MetricContext, facts: DeploymentFacts): boolean {
  const m = measure(rule.evidence, doc, ctx);
  const selection = selectThreshold(rule, facts);
  return (
    m.kind === 'value' && selection.kind === 'selected' && compare(m.value, rule.comparison, selection.value) === true
  );
}

/** One result, its members always in this order (answers and stored check results are compared as JSON). */
const result = (
  check: Check,
  status: CheckStatus,
  actual: ReportValue,
  threshold: ReportValue,
  message: string,
): CheckResult => ({ id: check.id, level: check.level, status, actual, threshold, message });

/** Why a check does not apply, written once per check of a set (the set's objects live while it is unchanged). */
const notApplicableWhy = new WeakMap<Check, string>();

export function evaluateCheck(
  check: Check,
  doc: AnyDocument,
  ctx: MetricContext,
  facts: DeploymentFacts,
  absent: AbsentEvidence = 'fail',
): CheckResult {
  if (check.appliesWhen && matchCondition(check.appliesWhen, facts) === false) {
    let why = notApplicableWhy.get(check);
    if (why === undefined) notApplicableWhy.set(check, (why = describeCondition(check.appliesWhen)));
    return result(
      check,
      'not-applicable',
      null,
      null,
      `${check.subject} is not checked: the check applies only to ${why}, and ${describeFacts(check.appliesWhen, facts)}`,
    );
  }
  const selection = selectThreshold(check, facts);
  const threshold = selection.kind === 'selected' ? selection.value : null;
  const m = measure(check.evidence, doc, ctx);
  if (m.kind === 'unjudged') {
    const unjudged = result(
      check,
      'not-measured',
      null,
      reportThreshold(threshold),
      `${check.subject} is not judged: ${m.reason}`,
    );
    unjudged.unjudged = true;
    return unjudged;
  }
  if (m.kind === 'missing') {
    if (absent === 'not-measured')
      return result(
        check,
        'not-measured',
        null,
        reportThreshold(threshold),
        `${check.subject} was not measured: ${m.reason}`,
      );
    return result(check, 'fail', null, reportThreshold(threshold), `${check.subject} is missing: ${m.reason}`);
  }
  if (m.kind === 'invalid')
    return result(check, 'fail', null, reportThreshold(threshold), `${check.subject} cannot be evaluated: ${m.reason}`);
  if (selection.kind === 'none') {
    const cases = (check.thresholds ?? []).map((t) => describeCondition(t.when)).join('; ');
    return result(
      check,
      'fail',
      m.value,
      null,
      `${check.subject} is ${formatValue(m.value, check)}, but the requirement set has no threshold for this deployment (thresholds exist for: ${cases}); ${describeFacts(mergedConditions(check), facts)}`,
    );
  }
  const passed = compare(m.value, check.comparison, selection.value);
  if (passed === null) {
    return result(
      check,
      'fail',
      m.value,
      reportThreshold(selection.value),
      `${check.subject} ${formatValue(m.value, check)} cannot be compared with ${formatValue(selection.value, check)} using "${check.comparison}" (the requirement set is inconsistent)`,
    );
  }
  const message = outcomeMessage(check, passed, {
    actual: m.value,
    threshold: selection.value,
    label: selection.label,
    detail: m.detail,
    facts,
  });
  return result(check, passed ? 'pass' : 'fail', m.value, reportThreshold(selection.value), message);
}

/** Every fact the check's thresholds are conditioned on, to describe the deployment. */
function mergedConditions(check: Check) {
  return Object.assign({}, ...(check.thresholds ?? []).map((t) => t.when)) as NonNullable<Check['appliesWhen']>;
}
