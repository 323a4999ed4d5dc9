/**
 * Conditions and threshold selection: which threshold of a rule applies to this deployment,
 * and whether a check applies at all. Pure functions over the deployment's facts.
 */
import type { Comparison, Condition, ParamsBound, Rule, ThresholdValue } from './requirement-set.js';
import type { DeviceClass, PerformanceProfile, Precision, PrecisionClass } from './submission-document.js';

/** What conditions are decided on; null where the submission does not say. */
export interface DeploymentFacts {
  /** Null when a v2 document does not state its precision. */
  precision: Precision | null;
  precisionClass: PrecisionClass | null;
  deviceClass: DeviceClass;
  profile: PerformanceProfile | null;
  paramsB: number | null;
}

/** Three-valued: a condition on a value the submission does not give is unknown. */
export type Truth = true | false | 'unknown';

const BOUND_TEST: Record<keyof ParamsBound, (v: number, b: number) => boolean> = {
  '<=': (v, b) => v <= b,
  '<': (v, b) => v < b,
  '>=': (v, b) => v >= b,
  '>': (v, b) => v > b,
};

function and(a: Truth, b: Truth): Truth {
  if (a === false || b === false) return false;
  return a === 'unknown' || b === 'unknown' ? 'unknown' : true;
}

export function matchCondition(cond: Condition, facts: DeploymentFacts): Truth {
  let truth: Truth = true;
  const { precision, precisionClass } = facts;
  if (cond.precisionClass)
    truth = and(truth, precisionClass === null ? 'unknown' : cond.precisionClass.includes(precisionClass));
  if (cond.precision) truth = and(truth, precision === null ? 'unknown' : cond.precision.includes(precision));
  if (cond.deviceClass) truth = and(truth, cond.deviceClass.includes(facts.deviceClass));
  if (cond.profile) truth = and(truth, facts.profile === null ? 'unknown' : cond.profile.includes(facts.profile));
  if (cond.paramsB) {
    const params = facts.paramsB;
    const bounds = Object.entries(cond.paramsB) as Array<[keyof ParamsBound, number]>;
    truth = and(truth, params === null ? 'unknown' : bounds.every(([op, bound]) => BOUND_TEST[op](params, bound)));
  }
  return truth;
}

export type Selection = { kind: 'selected'; value: ThresholdValue; label: string | null } | { kind: 'none' };

/** Higher is stricter for this comparison. */
function strictness(comparison: Comparison, value: ThresholdValue): number {
  if (Array.isArray(value)) return -value.length;
  if (typeof value !== 'number') return 0;
  return comparison === '<=' || comparison === '<' ? -value : value;
}

/**
 * The rule's constant threshold, or the first conditional threshold whose condition holds.
 * When none holds for sure but some hold depending on an unknown fact (no parameter count,
 * no performance profile), the strictest of those applies and the label says why.
 */
export function selectThreshold(rule: Rule, facts: DeploymentFacts): Selection {
  if (rule.threshold !== undefined) return { kind: 'selected', value: rule.threshold, label: null };
  const entries = rule.thresholds ?? [];
  const sure = entries.find((e) => matchCondition(e.when, facts) === true);
  if (sure) return { kind: 'selected', value: sure.value, label: sure.label };
  const maybe = entries.filter((e) => matchCondition(e.when, facts) === 'unknown');
  if (!maybe.length) return { kind: 'none' };
  const strictest = maybe.reduce((a, b) =>
    strictness(rule.comparison, b.value) > strictness(rule.comparison, a.value) ? b : a,
  );
  return {
    kind: 'selected',
    value: strictest.value,
    label: `${strictest.label} (${unknownFacts(facts)}, so the strictest limit applies)`,
  };
}

function unknownFacts(facts: DeploymentFacts): string {
  const unknown: string[] = [];
  if (facts.paramsB === null) unknown.push("the model's parameter count is unknown");
  if (facts.profile === null) unknown.push('no performance profile is given');
  if (facts.precision === null) unknown.push('the precision is not stated');
  return unknown.join(' and ') || 'a fact is unknown';
}

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** "the chat-server and interactive profiles", "models ≤ 10B parameters", joined with "with". */
export function describeCondition(cond: Condition): string {
  const parts: string[] = [];
  if (cond.profile) parts.push(`the ${list(cond.profile)} profile${cond.profile.length > 1 ? 's' : ''}`);
  if (cond.deviceClass) parts.push(`${list(cond.deviceClass)} chips`);
  if (cond.precisionClass) parts.push(`${list(cond.precisionClass)} precisions`);
  if (cond.precision) parts.push(`${list(cond.precision)} precision`);
  if (cond.paramsB) {
    const symbol: Record<string, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>' };
    parts.push(
      `models ${Object.entries(cond.paramsB)
        .map(([op, b]) => `${symbol[op]} ${b}B`)
        .join(' and ')} parameters`,
    );
  }
  return parts.join(' with ');
}

/** What the deployment is, for the facts a condition names: "uses the single-stream profile". */
export function describeFacts(cond: Condition, facts: DeploymentFacts): string {
  const parts: string[] = [];
  if (cond.profile) parts.push(facts.profile ? `uses the ${facts.profile} profile` : 'names no performance profile');
  if (cond.deviceClass) parts.push(`runs on a ${facts.deviceClass} chip`);
  if (cond.precisionClass || cond.precision)
    parts.push(
      facts.precision ? `runs at ${facts.precision} (${facts.precisionClass})` : 'does not state its precision',
    );
  if (cond.paramsB)
    parts.push(facts.paramsB === null ? 'has a model of unknown size' : `has a ${facts.paramsB}B-parameter model`);
  return `this submission ${list(parts)}`;
}
