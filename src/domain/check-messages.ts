/**
 * Human sentences for check results: values written with their units, the requirement set's
 * message templates filled in, or a sentence built from the comparison when it has none.
 */
import type { Check, Comparison, ThresholdValue } from './requirement-set.js';
import type { DeploymentFacts } from './threshold-selection.js';

type Shown = number | string | boolean | string[] | null;

/** Numbers without float noise: 0.1 + 0.2 is written 0.3. */
const plain = (n: number): string =>
  // Integers below 10^10 are exact at ten significant digits: written as they are, without the round trip.
  Number.isInteger(n) && Math.abs(n) < 1e10 ? String(n) : String(Number(n.toPrecision(10)));

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

/**
 * A message template split once into literal text and placeholder names: `[text, name, text, …, text]`.
 * Filling it is concatenation, not a regular expression per message (validation writes ~34 messages per
 * document). The cache holds every template and label a requirement set has (tens); it is emptied if
 * it ever grows past `TEMPLATES_KEPT`, so no input can grow it without bound.
 */
type CompiledTemplate = readonly string[];
const TEMPLATES_KEPT = 2_000;
const templates = new Map<string, CompiledTemplate>();
const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

function compileTemplate(template: string): CompiledTemplate {
  let parts = templates.get(template);
  if (parts) return parts;
  const out: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    out.push(template.slice(last, match.index), match[1]!);
    last = match.index + match[0].length;
  }
  out.push(template.slice(last));
  parts = Object.freeze(out);
  if (templates.size >= TEMPLATES_KEPT) templates.clear();
  templates.set(template, parts);
  return parts;
}

/** Fills `{name}` placeholders from `vars`; an unknown name stays as written. */
function fill(template: string, vars: Record<string, string>): string {
  const parts = compileTemplate(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (vars[name] ?? `{${name}}`) + parts[i + 1]!;
  }
  return out;
}

interface FactVars extends Record<string, string> {
  precision: string;
  precisionClass: string;
  deviceClass: string;
  profile: string;
  paramsB: string;
}

/** The deployment placeholders, written once per evaluation (one facts object) instead of once per message. */
const factVarsOf = new WeakMap<DeploymentFacts, FactVars>();
function factVars(facts: DeploymentFacts): FactVars {
  let vars = factVarsOf.get(facts);
  if (!vars) {
    vars = {
      precision: facts.precision ?? 'an unstated precision',
      precisionClass: facts.precisionClass ?? 'unknown',
      deviceClass: facts.deviceClass,
      profile: facts.profile ?? 'unknown',
      paramsB: facts.paramsB === null ? 'unknown' : plain(facts.paramsB),
    };
    factVarsOf.set(facts, vars);
  }
  return vars;
}

/**
 * The pass or fail sentence of a check. Placeholders: {subject}, {actual}, {threshold},
 * {context} (the threshold's label after a space, or nothing), {detail} (what the value is
 * made of, in parentheses, or nothing), {precision}, {precisionClass}, {deviceClass},
 * {profile}, {paramsB}. Labels may use the deployment placeholders too.
 */
export function outcomeMessage(check: Check, passed: boolean, values: MessageValues): string {
  const f = factVars(values.facts);
  const label = values.label ? fill(values.label, f) : '';
  // Written out rather than spread: `{...f, subject}` costs microseconds per object in V8 (docs/decisions.md, 33).
  const vars: Record<string, string> = {
    precision: f.precision,
    precisionClass: f.precisionClass,
    deviceClass: f.deviceClass,
    profile: f.profile,
    paramsB: f.paramsB,
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
