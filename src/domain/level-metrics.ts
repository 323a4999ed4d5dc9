/**
 * The values checks compare: a JSON pointer into the submission, or one of the few derived
 * metrics (ratios, deviations, whole-stack and whole-artifact-list properties, and the `point.*`
 * metrics of one operating point of a v2 document).
 */
import { accuracyRatio, type BenchmarkIndex } from './benchmarks.js';
import { isPlaceholder, unpinnedReason } from './placeholders.js';
import { effectiveChannel } from './release-channel.js';
import type { DerivedMetric } from './requirement-set.js';
import type { EvidenceSection, SubmissionDocument } from './submission-document.js';
import type { OperatingPoint, SubmissionV2 } from './submission-v2.js';

export type Scalar = number | string | boolean;

/** Either submission schema; derived metrics read both. */
export type AnyDocument = SubmissionDocument | SubmissionV2;

/**
 * A measured value, or why there is none: the evidence is missing, it contradicts itself, or the
 * check cannot be judged in this context (a dry run without a key cannot judge the submitter).
 */
export type Measurement =
  | { kind: 'value'; value: Scalar; detail?: string }
  | { kind: 'missing'; reason: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unjudged'; reason: string };

export interface MetricContext {
  /** true/false once judged; null when the caller cannot judge it (a dry run without a key). */
  authenticatedSubmitter: boolean | null;
  /** Why the submitter is or is not identified, for the message. */
  submitterDetail?: string;
  /** Organisation ids resolved from the catalog; reproduction independence is decided on these, not on typed names. */
  organizations?: { measuredBy: string; reproducedBy: string | null };
  /** The benchmark registry (v2 accuracy). */
  benchmarks?: BenchmarkIndex;
  /** v2: the operating points that fit the profile, and the one `point.*` metrics read. */
  candidatePoints?: readonly OperatingPoint[];
  point?: OperatingPoint | null;
}

/** Rounds derived values so float noise (|1.1 − 1| = 0.10000000000000009) never decides a check. */
export const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

const value = (v: Scalar, detail?: string): Measurement =>
  detail ? { kind: 'value', value: v, detail } : { kind: 'value', value: v };
const missing = (reason: string): Measurement => ({ kind: 'missing', reason });
const missingSection = (section: EvidenceSection): Measurement =>
  missing(`the submission has no ${section} evidence (/evidence/${section})`);

const isV2 = (doc: AnyDocument): doc is SubmissionV2 => doc.schema === 'chipreg/submission/v2';

function section<K extends EvidenceSection>(doc: AnyDocument, key: K): Record<string, any> | any[] | null {
  return ((doc.evidence as Record<string, unknown> | undefined)?.[key] ?? null) as Record<string, any> | null;
}

const normalize = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

const stackOf = (doc: AnyDocument): Array<{ kind: string; name: string; version?: string; channel?: any }> =>
  (doc.deployment.stack ?? []) as Array<{ kind: string; name: string; version?: string }>;

const label = (p: OperatingPoint, i?: number): string =>
  p.id ?? (p.concurrency !== undefined ? `concurrency ${p.concurrency}` : `point ${i ?? ''}`.trim());

/** A `point.*` metric: the judged point's value, or why there is none. */
function pointMetric(read: (p: OperatingPoint) => Measurement): (doc: AnyDocument, ctx: MetricContext) => Measurement {
  return (doc, ctx) => {
    if (!isV2(doc)) return { kind: 'invalid', reason: 'point metrics read operating points of v2 documents' };
    if (!doc.evidence.performance) return missingSection('performance');
    if (!ctx.point) return missing(`no operating point fits the ${doc.evidence.performance.profile} profile`);
    return read(ctx.point);
  };
}

/** TTFT exists only when responses were streamed; end-to-end latency is never read as TTFT. */
function streamedLatency(p: OperatingPoint, which: 'ttft' | 'tpot', stat: 'p90' | 'p99'): Measurement {
  const name = which === 'ttft' ? 'time to first token' : 'time per output token';
  if (p.streaming === false)
    return missing(
      `${label(p)} was measured without streaming, so no ${name} exists (end-to-end latency is not ${which.toUpperCase()})`,
    );
  const v = p.latencyMs?.[which]?.[stat];
  return v === undefined ? missing(`${label(p)} does not give a ${stat} ${name}`) : value(v, label(p));
}

type Metric = (doc: AnyDocument, ctx: MetricContext) => Measurement;

const METRICS: Record<DerivedMetric, Metric> = {
  'submitter.authenticated': (_doc, ctx) =>
    ctx.authenticatedSubmitter === null
      ? { kind: 'unjudged', reason: ctx.submitterDetail ?? 'no key was presented' }
      : value(ctx.authenticatedSubmitter, ctx.submitterDetail),
  'model.revisionPinned': (doc) => {
    const revision = doc.deployment.model.revision?.trim();
    if (revision === undefined) return missing('the model revision is not stated (/deployment/model/revision)');
    const why = unpinnedReason(revision);
    // v1 messages keep their wording ("… is a moving branch name"); v2 messages say why.
    return value(why === null, why && isV2(doc) ? `"${revision}" ${why}` : `"${revision}"`);
  },
  'stack.allVersioned': (doc) => {
    const stack = stackOf(doc);
    if (!stack.length)
      return isV2(doc) ? missing('no stack component is given (/deployment/stack)') : value(false, 'no components');
    const unstated = stack.filter((c) => c.version === undefined);
    if (unstated.length) return missing(`the version of ${unstated.map((c) => c.name).join(', ')} is not stated`);
    const bad = stack.filter((c) => !c.name?.trim() || !c.version?.trim() || isPlaceholder(c.version));
    return value(
      bad.length === 0,
      bad.length ? `unversioned: ${bad.map((c) => `${c.name || c.kind} "${c.version ?? ''}"`).join(', ')}` : undefined,
    );
  },
  'stack.allGa': (doc) => {
    const other = stackOf(doc).filter((c) => effectiveChannel(c) !== 'ga');
    return value(
      other.length === 0,
      other.map((c) => `${c.name} ${c.version ?? ''} is ${effectiveChannel(c)}`).join(', ') || undefined,
    );
  },
  'stack.nightlyCount': (doc) => {
    const nightly = stackOf(doc).filter((c) => effectiveChannel(c) === 'nightly');
    return value(nightly.length, nightly.map((c) => `${c.name} ${c.version ?? ''}`).join(', ') || undefined);
  },
  'functional.completedRatio': (doc) => {
    const f = section(doc, 'functional') as { prompts?: number; completed?: number } | null;
    if (!f) return missingSection('functional');
    if (f.prompts === undefined || f.completed === undefined)
      return missing('the functional evidence does not give both prompts and completed');
    if (f.completed > f.prompts)
      return { kind: 'invalid', reason: `${f.completed} prompts are reported completed out of ${f.prompts} run` };
    return value(f.prompts === 0 ? 0 : round6(f.completed / f.prompts), `${f.completed} of ${f.prompts} prompts`);
  },
  'accuracy.benchmarkCount': (doc, ctx) => {
    const a = section(doc, 'accuracy') as { benchmarks?: Array<Record<string, any>> } | null;
    if (!a) return missingSection('accuracy');
    if (!isV2(doc)) {
      const names = [...new Set(a.benchmarks!.map((b) => normalize(b.name)))];
      return value(names.length, a.benchmarks!.map((b) => b.name).join(', '));
    }
    const scored = scoredBenchmarks(doc, ctx);
    const notes = [
      scored.counted.length ? `counted: ${[...new Set(scored.counted.map((c) => c.id))].join(', ')}` : '',
      scored.unknown.length ? `unknown to the registry, not counted: ${listed(scored.unknown)}` : '',
      scored.withoutReference.length ? `no reference score, not counted: ${listed(scored.withoutReference)}` : '',
    ].filter(Boolean);
    return value(new Set(scored.counted.map((c) => c.id)).size, notes.join('; ') || 'no benchmarks');
  },
  'accuracy.minRatio': (doc, ctx) => {
    const a = section(doc, 'accuracy') as { benchmarks?: Array<Record<string, any>> } | null;
    if (!a) return missingSection('accuracy');
    if (!isV2(doc)) {
      const list = a.benchmarks as Array<{ name: string; score: number; reference: number }>;
      if (!list.length) return missing('the accuracy evidence lists no benchmark');
      const worst = list.reduce((w, b) => (b.score / b.reference < w.score / w.reference ? b : w));
      return value(
        round6(worst.score / worst.reference),
        `${worst.name}: ${worst.score} of reference ${worst.reference}`,
      );
    }
    const { counted } = scoredBenchmarks(doc, ctx);
    if (!counted.length) return missing('no benchmark of the registry is given with a reference score');
    const worst = counted.reduce((w, c) => (c.ratio < w.ratio ? c : w));
    const how = worst.direction === 'lower' ? 'lower is better' : 'higher is better';
    return value(round6(worst.ratio), `${worst.name}: ${worst.score} against reference ${worst.reference}, ${how}`);
  },
  'accuracy.outputLengthDeviation': (doc) => {
    const a = section(doc, 'accuracy') as { outputLengthRatio?: number } | null;
    if (!a) return missingSection('accuracy');
    if (a.outputLengthRatio === undefined) return missing('the mean output length ratio is not given');
    return value(
      round6(Math.abs(a.outputLengthRatio - 1)),
      `mean output length ${round6(a.outputLengthRatio * 100)}% of the reference`,
    );
  },
  'reproduction.independent': (doc, ctx) => {
    const r = section(doc, 'reproduction') as { by: string } | null;
    if (!r) return missingSection('reproduction');
    const orgs = ctx.organizations;
    if (orgs?.reproducedBy)
      return value(
        orgs.reproducedBy !== orgs.measuredBy,
        `re-run by ${orgs.reproducedBy}, measured by ${orgs.measuredBy}`,
      );
    const submitter = isV2(doc) ? doc.submitter.organization : doc.submitter.vendor;
    const vendor = normalize(submitter);
    const by = normalize(r.by);
    return value(by !== '' && !(vendor !== '' && by.includes(vendor)), `re-run by ${r.by}, submitted by ${submitter}`);
  },
  'reproduction.throughputDeviationPercent': (doc) => {
    const r = section(doc, 'reproduction') as { throughputDeltaPercent?: number } | null;
    if (!r) return missingSection('reproduction');
    const d = r.throughputDeltaPercent;
    if (d === undefined) return missing('the reproduced throughput is not given');
    return value(round6(Math.abs(d)), `reproduced throughput ${d >= 0 ? '+' : ''}${d}%`);
  },
  'reproduction.accuracyDeviationPoints': (doc) => {
    const r = section(doc, 'reproduction') as { accuracyDeltaPoints?: number } | null;
    if (!r) return missingSection('reproduction');
    const d = r.accuracyDeltaPoints;
    if (d === undefined) return missing('the reproduced accuracy is not given');
    return value(round6(Math.abs(d)), `reproduced accuracy ${d >= 0 ? '+' : ''}${d} points`);
  },
  'artifacts.hasEnvironment': (doc) => {
    const list = section(doc, 'artifacts') as Array<{ kind: string }> | null;
    if (!list) return missingSection('artifacts');
    return value(
      list.some((a) => a.kind === 'environment'),
      `artifacts: ${list.map((a) => a.kind).join(', ') || 'none'}`,
    );
  },
  'artifacts.allHaveSha256': (doc) => {
    const list = section(doc, 'artifacts') as Array<{ kind: string; sha256?: string | null }> | null;
    if (!list) return missingSection('artifacts');
    // Named by position and kind, never by URI: check messages are published with the certification, and an
    // artifact's location (a private bucket, an internal host) is the submitter's business.
    const without = list
      .map((a, i) => ({ a, at: `/evidence/artifacts/${i} (${a.kind})` }))
      .filter(({ a }) => !a.sha256 || !/^[0-9a-fA-F]{64}$/.test(a.sha256));
    const detail = !list.length
      ? 'no artifacts are listed'
      : without.length
        ? `without sha256: ${without.map((w) => w.at).join(', ')}`
        : undefined;
    return value(list.length > 0 && without.length === 0, detail);
  },
  'performance.pointCount': (doc, ctx) => {
    if (!isV2(doc)) return { kind: 'invalid', reason: 'operating points exist only in v2 documents' };
    const perf = doc.evidence.performance;
    if (!perf) return missingSection('performance');
    const all = perf.points ?? [];
    const fit = ctx.candidatePoints?.length ?? 0;
    return value(fit, `${fit} of ${all.length} measured points fit the ${perf.profile} profile`);
  },
  'point.durationSeconds': pointMetric((p) =>
    p.durationSeconds === undefined
      ? missing(`${label(p)} does not give its duration`)
      : value(p.durationSeconds, label(p)),
  ),
  'point.requests': pointMetric((p) => {
    const r = p.requests;
    const ok = r?.succeeded ?? (r?.total !== undefined && r.failed !== undefined ? r.total - r.failed : undefined);
    return ok === undefined ? missing(`${label(p)} does not give its completed requests`) : value(ok, label(p));
  }),
  'point.failedFraction': pointMetric((p) => {
    const r = p.requests;
    if (r?.total === undefined || r.failed === undefined || r.total === 0)
      return missing(`${label(p)} does not give its total and failed requests`);
    return value(round6(r.failed / r.total), `${label(p)}: ${r.failed} of ${r.total} failed`);
  }),
  'point.ttftP90Ms': pointMetric((p) => streamedLatency(p, 'ttft', 'p90')),
  'point.ttftP99Ms': pointMetric((p) => streamedLatency(p, 'ttft', 'p99')),
  'point.tpotP99Ms': pointMetric((p) => streamedLatency(p, 'tpot', 'p99')),
  'point.decodeTokensPerSecond': pointMetric((p) =>
    p.decodeTokensPerSecond === undefined
      ? missing(`${label(p)} does not give a decode rate`)
      : value(p.decodeTokensPerSecond, label(p)),
  ),
};

/** Names in a message, the first ten of them: a real suite (MMLU's 57 subjects) would make a message no one reads. */
const listed = (names: readonly string[]) =>
  names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');

export interface ScoredBenchmark {
  id: string;
  name: string;
  direction: 'higher' | 'lower';
  score: number;
  reference: number;
  ratio: number;
}

/** v2 benchmark scores through the registry: counted (known, with a reference), unknown, without a reference. */
export function scoredBenchmarks(
  doc: SubmissionV2,
  ctx: Pick<MetricContext, 'benchmarks'>,
): { counted: ScoredBenchmark[]; unknown: string[]; withoutReference: string[] } {
  const counted: ScoredBenchmark[] = [];
  const unknown: string[] = [];
  const withoutReference: string[] = [];
  for (const b of doc.evidence.accuracy?.benchmarks ?? []) {
    const known = ctx.benchmarks?.resolve(b.benchmark, b.metric) ?? null;
    if (!known) unknown.push(b.metric === undefined ? b.benchmark : `${b.benchmark} (${b.metric})`);
    else if (b.reference === undefined) withoutReference.push(b.benchmark);
    else if (b.score > 0)
      counted.push({
        id: known.id,
        name: b.benchmark,
        direction: known.direction,
        score: b.score,
        reference: b.reference,
        ratio: accuracyRatio(known.direction, b.score, b.reference),
      });
  }
  return { counted, unknown, withoutReference };
}

export function isDerivedMetric(name: string): name is DerivedMetric {
  return Object.hasOwn(METRICS, name);
}

function resolvePointer(doc: unknown, pointer: string): unknown {
  let node: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The value a check's `evidence` names, for this document. */
export function measure(evidence: string, doc: AnyDocument, ctx: MetricContext): Measurement {
  if (isDerivedMetric(evidence)) return METRICS[evidence](doc, ctx);
  if (!evidence.startsWith('/'))
    return { kind: 'invalid', reason: `the requirement set names an unknown metric "${evidence}"` };
  const sectionMatch = /^\/evidence\/([^/]+)/.exec(evidence);
  if (sectionMatch) {
    const key = sectionMatch[1] as EvidenceSection;
    if (resolvePointer(doc, `/evidence/${key}`) == null) return missingSection(key);
  }
  const found = resolvePointer(doc, evidence);
  if (found === undefined || found === null) return missing(`the submission does not give ${evidence}`);
  if (typeof found === 'number' || typeof found === 'string' || typeof found === 'boolean') return value(found);
  return { kind: 'invalid', reason: `${evidence} is not a single value` };
}
