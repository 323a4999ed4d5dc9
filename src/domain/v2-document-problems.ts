/**
 * What the v2 schema cannot say about a document, each at its JSON pointer: placeholders where a
 * version, revision or name is required, score/reference pairs outside their benchmark's range,
 * and units that are almost certainly wrong (with the likely mistake in the message).
 */
import { scaleRange, type BenchmarkIndex } from './benchmarks.js';
import { isPlaceholder } from './placeholders.js';
import type { LatencyDistribution, SubmissionV2, Tool } from './submission-v2.js';

export interface DocumentProblem {
  pointer: string;
  detail: string;
}

const placeholder = (value: string) =>
  `"${value}" is a placeholder, not a value; leave the field out when the source does not state it`;

function toolProblems(tool: Tool | undefined, at: string, out: DocumentProblem[]): void {
  if (!tool) return;
  if (isPlaceholder(tool.name)) out.push({ pointer: `${at}/name`, detail: placeholder(tool.name) });
  if (tool.version !== undefined && isPlaceholder(tool.version))
    out.push({ pointer: `${at}/version`, detail: placeholder(tool.version) });
}

/** Below these a latency in milliseconds is not physically plausible for an LLM request: it was probably seconds. */
const MIN_PLAUSIBLE_MS = { ttft: 1, e2e: 1, tpot: 0.5, itl: 0.5 } as const;

function latencyProblems(name: keyof typeof MIN_PLAUSIBLE_MS, d: LatencyDistribution | undefined, at: string) {
  const out: DocumentProblem[] = [];
  for (const [stat, v] of Object.entries(d ?? {}) as Array<[string, number]>) {
    if (v > 0 && v < MIN_PLAUSIBLE_MS[name])
      out.push({
        pointer: `${at}/${stat}`,
        detail: `${name.toUpperCase()} ${stat} of ${v} ms is implausibly small; latencies are in milliseconds here, so a value the tool reported in seconds must be multiplied by 1000 (${v} s = ${Math.round(v * 1e6) / 1000} ms)`,
      });
  }
  return out;
}

export function v2DocumentProblems(doc: SubmissionV2, benchmarks: BenchmarkIndex): DocumentProblem[] {
  const out: DocumentProblem[] = [];
  const d = doc.deployment;
  if (d.model.revision !== undefined && isPlaceholder(d.model.revision))
    out.push({ pointer: '/deployment/model/revision', detail: placeholder(d.model.revision) });
  (d.stack ?? []).forEach((c, i) => {
    if (isPlaceholder(c.name)) out.push({ pointer: `/deployment/stack/${i}/name`, detail: placeholder(c.name) });
    if (c.version !== undefined && isPlaceholder(c.version))
      out.push({ pointer: `/deployment/stack/${i}/version`, detail: placeholder(c.version) });
  });
  if (d.os !== undefined && isPlaceholder(d.os)) out.push({ pointer: '/deployment/os', detail: placeholder(d.os) });
  if (d.precision?.method !== undefined && isPlaceholder(d.precision.method))
    out.push({ pointer: '/deployment/precision/method', detail: placeholder(d.precision.method) });

  const e = doc.evidence;
  toolProblems(e.functional?.tool, '/evidence/functional/tool', out);
  (e.artifacts ?? []).forEach((a, i) => toolProblems(a.tool, `/evidence/artifacts/${i}/tool`, out));

  (e.accuracy?.benchmarks ?? []).forEach((b, i) => {
    const at = `/evidence/accuracy/benchmarks/${i}`;
    toolProblems(b.tool, `${at}/tool`, out);
    if (isPlaceholder(b.benchmark)) out.push({ pointer: `${at}/benchmark`, detail: placeholder(b.benchmark) });
    const known = benchmarks.resolve(b.benchmark, b.metric);
    if (known?.scale === 'positive' && b.scale !== undefined) {
      out.push({
        pointer: `${at}/scale`,
        detail: `${known.name} is a ${known.metric} (any value above ${known.minimum ?? 0}), not a ${b.scale}; leave scale out`,
      });
      return;
    }
    const scale = b.scale ?? known?.scale;
    if (!scale) return;
    const { min, max } = scaleRange(scale, known?.minimum);
    const what = known ? `${known.name} ${known.metric}` : 'a score';
    for (const [field, v] of [
      ['score', b.score],
      ['reference', b.reference],
    ] as const) {
      if (v === undefined || (v >= min && v <= max)) continue;
      const hint =
        scale === 'fraction' && v <= 100
          ? `; was it a percentage (${v / 100} as a fraction)?`
          : scale === 'positive'
            ? `; a ${known?.metric ?? 'value'} cannot be below ${min}`
            : '';
      out.push({
        pointer: `${at}/${field}`,
        detail: `${field} ${v} is outside the range ${min}–${max === Infinity ? '∞' : max} of ${what} as a ${scale}${hint}`,
      });
    }
    if (b.reference !== undefined && scale !== 'positive') {
      const [lo, hi] = [Math.min(b.score, b.reference), Math.max(b.score, b.reference)];
      // One side written 0–1 and the other 0–100: 0.509 against 51.7.
      if (lo > 0 && lo <= 1 && hi > 1 && hi / lo > 20)
        out.push({
          pointer: `${at}/score`,
          detail: `a score of ${b.score} against a reference of ${b.reference} mixes scales: is one a fraction (0–1) and the other a percentage (0–100)? Write both in the same scale`,
        });
    }
  });

  const perf = e.performance;
  const ids = new Set<string>();
  (perf?.points ?? []).forEach((p, i) => {
    const at = `/evidence/performance/points/${i}`;
    toolProblems(p.tool, `${at}/tool`, out);
    if (p.id !== undefined) {
      if (ids.has(p.id)) out.push({ pointer: `${at}/id`, detail: `point id "${p.id}" is used twice` });
      ids.add(p.id);
    }
    const r = p.requests;
    if (r?.total !== undefined && (r.succeeded ?? 0) + (r.failed ?? 0) > r.total)
      out.push({
        pointer: `${at}/requests`,
        detail: `${r.succeeded ?? 0} succeeded and ${r.failed ?? 0} failed requests are more than the ${r.total} sent`,
      });
    if (p.streaming === false && p.latencyMs?.ttft)
      out.push({
        pointer: `${at}/latencyMs/ttft`,
        detail:
          'a non-streamed point has no time to first token (the whole response arrives at once); record the end-to-end latency as e2e',
      });
    for (const name of ['ttft', 'tpot', 'itl', 'e2e'] as const)
      out.push(...latencyProblems(name, p.latencyMs?.[name], `${at}/latencyMs/${name}`));
  });
  return out;
}

/** Fraction fields whose values above 1 are almost certainly percentages. */
const FRACTION_FIELD = /\/(?:consistency|referenceMatch32|errorRate)$/;

/** Rewrites "must be <= 1" on a fraction field written as a percentage into the likely mistake. */
export function explainFractionProblem(
  problem: DocumentProblem,
  valueAt: (pointer: string) => unknown,
): DocumentProblem {
  if (!FRACTION_FIELD.test(problem.pointer)) return problem;
  const v = valueAt(problem.pointer);
  if (typeof v !== 'number' || v <= 1 || v > 100) return problem;
  return { ...problem, detail: `${v} is not a fraction between 0 and 1; was it a percentage (${v / 100})?` };
}
