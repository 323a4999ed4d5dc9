/**
 * The values checks compare: a JSON pointer into the submission, or one of the few derived
 * metrics (ratios, deviations, whole-stack and whole-artifact-list properties).
 */
import type { DerivedMetric } from './requirement-set.js';
import { channelOf, type EvidenceSection, type SubmissionDocument } from './submission-document.js';

export type Scalar = number | string | boolean;

/** A measured value, or why there is none: the evidence is missing, or it contradicts itself. */
export type Measurement =
  | { kind: 'value'; value: Scalar; detail?: string }
  | { kind: 'missing'; reason: string }
  | { kind: 'invalid'; reason: string };

export interface MetricContext {
  authenticatedSubmitter: boolean;
}

/** Rounds derived values so float noise (|1.1 − 1| = 0.10000000000000009) never decides a check. */
export const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

const MOVING_REFS = new Set(['main', 'master', 'head', 'latest', 'dev', 'develop', 'trunk', 'nightly']);

const value = (v: Scalar, detail?: string): Measurement =>
  detail ? { kind: 'value', value: v, detail } : { kind: 'value', value: v };
const missingSection = (section: EvidenceSection): Measurement => ({
  kind: 'missing',
  reason: `the submission has no ${section} evidence (/evidence/${section})`,
});

function section<K extends EvidenceSection>(
  doc: SubmissionDocument,
  key: K,
): NonNullable<SubmissionDocument['evidence'][K]> | null {
  return (doc.evidence?.[key] ?? null) as NonNullable<SubmissionDocument['evidence'][K]> | null;
}

const normalize = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

type Metric = (doc: SubmissionDocument, ctx: MetricContext) => Measurement;

const METRICS: Record<DerivedMetric, Metric> = {
  'submitter.authenticated': (_doc, ctx) =>
    value(
      ctx.authenticatedSubmitter,
      ctx.authenticatedSubmitter ? 'submitted with a vendor key' : 'not submitted with a vendor key',
    ),
  'model.revisionPinned': (doc) => {
    const revision = doc.deployment.model.revision.trim();
    return value(revision !== '' && !MOVING_REFS.has(revision.toLowerCase()), `"${revision}"`);
  },
  'stack.allVersioned': (doc) => {
    const bad = doc.deployment.stack.filter((c) => !c.name?.trim() || !c.version?.trim());
    return value(
      doc.deployment.stack.length > 0 && bad.length === 0,
      bad.length ? `unversioned: ${bad.map((c) => c.name || c.kind).join(', ')}` : undefined,
    );
  },
  'stack.allGa': (doc) => {
    const other = doc.deployment.stack.filter((c) => channelOf(c) !== 'ga');
    return value(
      other.length === 0,
      other.map((c) => `${c.name} ${c.version} is ${channelOf(c)}`).join(', ') || undefined,
    );
  },
  'stack.nightlyCount': (doc) => {
    const nightly = doc.deployment.stack.filter((c) => channelOf(c) === 'nightly');
    return value(nightly.length, nightly.map((c) => `${c.name} ${c.version}`).join(', ') || undefined);
  },
  'functional.completedRatio': (doc) => {
    const f = section(doc, 'functional');
    if (!f) return missingSection('functional');
    if (f.completed > f.prompts)
      return { kind: 'invalid', reason: `${f.completed} prompts are reported completed out of ${f.prompts} run` };
    return value(f.prompts === 0 ? 0 : round6(f.completed / f.prompts), `${f.completed} of ${f.prompts} prompts`);
  },
  'accuracy.benchmarkCount': (doc) => {
    const a = section(doc, 'accuracy');
    if (!a) return missingSection('accuracy');
    const names = [...new Set(a.benchmarks.map((b) => normalize(b.name)))];
    return value(names.length, a.benchmarks.map((b) => b.name).join(', '));
  },
  'accuracy.minRatio': (doc) => {
    const a = section(doc, 'accuracy');
    if (!a) return missingSection('accuracy');
    if (!a.benchmarks.length) return { kind: 'missing', reason: 'the accuracy evidence lists no benchmark' };
    const worst = a.benchmarks.reduce((w, b) => (b.score / b.reference < w.score / w.reference ? b : w));
    return value(
      round6(worst.score / worst.reference),
      `${worst.name}: ${worst.score} of reference ${worst.reference}`,
    );
  },
  'accuracy.outputLengthDeviation': (doc) => {
    const a = section(doc, 'accuracy');
    if (!a) return missingSection('accuracy');
    return value(
      round6(Math.abs(a.outputLengthRatio - 1)),
      `mean output length ${round6(a.outputLengthRatio * 100)}% of the reference`,
    );
  },
  'reproduction.independent': (doc) => {
    const r = section(doc, 'reproduction');
    if (!r) return missingSection('reproduction');
    const vendor = normalize(doc.submitter.vendor);
    const by = normalize(r.by);
    return value(
      by !== '' && !(vendor !== '' && by.includes(vendor)),
      `re-run by ${r.by}, submitted by ${doc.submitter.vendor}`,
    );
  },
  'reproduction.throughputDeviationPercent': (doc) => {
    const r = section(doc, 'reproduction');
    return r
      ? value(
          round6(Math.abs(r.throughputDeltaPercent)),
          `reproduced throughput ${r.throughputDeltaPercent >= 0 ? '+' : ''}${r.throughputDeltaPercent}%`,
        )
      : missingSection('reproduction');
  },
  'reproduction.accuracyDeviationPoints': (doc) => {
    const r = section(doc, 'reproduction');
    return r
      ? value(
          round6(Math.abs(r.accuracyDeltaPoints)),
          `reproduced accuracy ${r.accuracyDeltaPoints >= 0 ? '+' : ''}${r.accuracyDeltaPoints} points`,
        )
      : missingSection('reproduction');
  },
  'artifacts.hasEnvironment': (doc) => {
    const list = section(doc, 'artifacts');
    if (!list) return missingSection('artifacts');
    return value(
      list.some((a) => a.kind === 'environment'),
      `artifacts: ${list.map((a) => a.kind).join(', ') || 'none'}`,
    );
  },
  'artifacts.allHaveSha256': (doc) => {
    const list = section(doc, 'artifacts');
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
};

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
export function measure(evidence: string, doc: SubmissionDocument, ctx: MetricContext): Measurement {
  if (isDerivedMetric(evidence)) return METRICS[evidence](doc, ctx);
  if (!evidence.startsWith('/'))
    return { kind: 'invalid', reason: `the requirement set names an unknown metric "${evidence}"` };
  const sectionMatch = /^\/evidence\/([^/]+)/.exec(evidence);
  if (sectionMatch) {
    const key = sectionMatch[1] as EvidenceSection;
    if (resolvePointer(doc, `/evidence/${key}`) == null) return missingSection(key);
  }
  const found = resolvePointer(doc, evidence);
  if (found === undefined || found === null)
    return { kind: 'missing', reason: `the submission does not give ${evidence}` };
  if (typeof found === 'number' || typeof found === 'string' || typeof found === 'boolean') return value(found);
  return { kind: 'invalid', reason: `${evidence} is not a single value` };
}
