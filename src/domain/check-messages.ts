/**
 * Human sentences for check results: values written with their units, the requirement set's
 * message templates filled in, or a sentence built from the comparison when it has none.
 */
import type { Check, Comparison, ThresholdValue } from './requirement-set.js';
import type { DeploymentFacts } from './threshold-selection.js';

type Shown = number | string | boolean | string[] | null;

/** Numbers without float noise: 0.1 + 0.2 is written 0.3. */
const plain = (n: number): string => String(Number(n.toPrecision(10)));

/** A value as a sentence shows it: `2400 ms`, `74%` (fractions), `chat-server, interactive`, `yes`. */
export function formatValue(v: Shown, check: Pick<Check, 'unit' | 'format'>): string {
  if (v === null) return 'unknown';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  if (check.format === 'fraction') return `${plain(v * 100)}%`;
  if (!check.unit) return plain(v);
  return check.unit === '%' ? `${plain(v)}%` : `${plain(v)} ${check.unit}`;
}

const DEFAULTS: Record<Comparison, { pass: string; fail: string }> = {
  '>=': {
    pass: '{subject} {actual}{detail} meets the minimum of {threshold}{context}',
    fail: '{subject} {actual}{detail} is below the minimum of {threshold}{context}',
  },
  '>': {
    pass: '{subject} {actual}{detail} is above {threshold}{context}',
    fail: '{subject} {actual}{detail} is not above {threshold}{context}',
  },
  '<=': {
    pass: '{subject} {actual}{detail} is within the {threshold} limit{context}',
    fail: '{subject} {actual}{detail} exceeds the {threshold} limit{context}',
  },
  '<': {
    pass: '{subject} {actual}{detail} is below the {threshold} limit{context}',
    fail: '{subject} {actual}{detail} is not below the {threshold} limit{context}',
  },
  '==': {
    pass: '{subject} is {actual}{detail} as required{context}',
    fail: '{subject} is {actual}{detail} but must be {threshold}{context}',
  },
  in: {
    pass: '{subject} {actual}{detail} is one of {threshold}{context}',
    fail: '{subject} {actual}{detail} is not one of {threshold}{context}',
  },
};

export interface MessageValues {
  actual: Shown;
  threshold: ThresholdValue | null;
  label: string | null;
  detail?: string;
  facts: DeploymentFacts;
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/**
 * The pass or fail sentence of a check. Placeholders: {subject}, {actual}, {threshold},
 * {context} (the threshold's label after a space, or nothing), {detail} (what the value is
 * made of, in parentheses, or nothing), {precision}, {precisionClass}, {deviceClass},
 * {profile}, {paramsB}. Labels may use the deployment placeholders too.
 */
export function outcomeMessage(check: Check, passed: boolean, values: MessageValues): string {
  const { facts } = values;
  const factVars: Record<string, string> = {
    precision: facts.precision ?? 'an unstated precision',
    precisionClass: facts.precisionClass ?? 'unknown',
    deviceClass: facts.deviceClass,
    profile: facts.profile ?? 'unknown',
    paramsB: facts.paramsB === null ? 'unknown' : plain(facts.paramsB),
  };
  const label = values.label ? fill(values.label, factVars) : '';
  const vars = {
    ...factVars,
    subject: check.subject,
    actual: formatValue(values.actual, check),
    threshold: formatValue(values.threshold, check),
    context: label ? ` ${label}` : '',
    detail: values.detail ? ` (${values.detail})` : '',
  };
  const template =
    (passed ? check.messages?.pass : check.messages?.fail) ?? DEFAULTS[check.comparison][passed ? 'pass' : 'fail'];
  return fill(template, vars);
}
