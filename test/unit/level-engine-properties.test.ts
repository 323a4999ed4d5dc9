import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { LevelContext, LevelReport } from '../../src/domain/level-engine.js';
import type { RequirementSet } from '../../src/domain/requirement-set.js';
import { levelRank } from '../../src/domain/vocabulary.js';
import type { Evidence, EvidenceSection, SubmissionDocument } from '../../src/domain/submission-document.js';
import { evaluate, example, registry, set2026, strictSet } from './level-engine-docs.js';

const rank = (report: LevelReport) => (report.achieved === null ? -1 : levelRank(report.achieved));
const SECTIONS: EvidenceSection[] = ['functional', 'accuracy', 'performance', 'reproduction', 'soak', 'artifacts'];

/** Mostly a passing value, sometimes a failing one: every check passes and fails across runs, and every level is reached. */
function mostly<T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: good, weight: 30 }, { arbitrary: bad, weight: 1 });
}
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const int = (min: number, max: number) => fc.integer({ min, max });
const zeroMostly = mostly(fc.constant(0), int(1, 3));

const functional = fc
  .record({
    prompts: mostly(int(100, 130), int(90, 99)),
    crashes: zeroMostly,
    nanOrInf: zeroMostly,
    emptyOutputs: zeroMostly,
    consistency: mostly(num(0.99, 1), num(0.95, 0.99)),
    referenceMatch32: mostly(num(0.9, 1), num(0.6, 0.9)),
    missingCompletions: zeroMostly,
  })
  .map(({ missingCompletions, ...f }) => ({ ...f, completed: Math.max(0, f.prompts - missingCompletions) }));

const BENCHMARKS = ['ceval', 'cmmlu', 'mmlu', 'gsm8k'];
const accuracy = fc
  .record({
    names: mostly(
      fc.shuffledSubarray(BENCHMARKS, { minLength: 2 }),
      fc.constantFrom<string[]>(['ceval'], ['ceval', 'CEval']),
    ),
    ratios: fc.array(mostly(num(0.99, 1.01), num(0.9, 0.99)), { minLength: 4, maxLength: 4 }),
    reference: num(40, 80),
    outputLengthRatio: mostly(num(0.9, 1.1), num(1.1, 1.3)),
  })
  .map(({ names, ratios, reference, outputLengthRatio }) => ({
    benchmarks: names.map((name, i) => ({ name, score: reference * ratios[i]!, reference })),
    outputLengthRatio,
  }));

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 20 });
const performance = fc
  .record({
    profile: fc.constantFrom('chat-server' as const, 'interactive' as const, 'single-stream' as const),
    durationSeconds: mostly(int(600, 1000), int(500, 599)),
    queries: mostly(int(1024, 30000), int(500, 1023)),
    runs: mostly(int(3, 6), int(1, 2)),
    spreadPercent: mostly(num(0, 5), num(5.01, 8)),
    noCacheSpeedupPercent: mostly(num(-5, 10), num(10.01, 15)),
    ttftP90Ms: optional(mostly(int(100, 1000), int(2001, 3000))),
    ttftP99Ms: optional(mostly(int(100, 450), int(2001, 3000))),
    tpotP99Ms: optional(mostly(int(10, 30), int(201, 300))),
    decodeTokensPerSecond: optional(mostly(num(15, 50), num(5, 9.9))),
    throughputTokensPerSecond: optional(num(5, 5000)),
  })
  .map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as typeof p);

const reproduction = fc.record({
  by: mostly(fc.constantFrom('chipreg lab', 'Zhipu AI'), fc.constant('Sophgo lab')),
  throughputDeltaPercent: mostly(num(-5, 5), num(5.01, 8)),
  accuracyDeltaPoints: mostly(num(-0.5, 0.5), num(-1, -0.51)),
});

const soak = fc.record({
  hours: mostly(num(24, 48), num(20, 23.9)),
  throughputFraction: mostly(num(0.7, 1.1), num(0.6, 0.69)),
  crashes: zeroMostly,
  errorRate: mostly(num(0, 0.00099), num(0.001, 0.002)),
});

const artifact = (kind: 'environment' | 'log' | 'results') =>
  fc.record({
    kind: fc.constant(kind),
    uri: fc.constant(`https://example.com/${kind}.txt`),
    sha256: mostly(fc.constant('b'.repeat(64)), fc.constant(null)),
  });
const artifacts = mostly(
  fc.tuple(artifact('environment'), fc.array(artifact('log'), { maxLength: 2 })).map(([env, logs]) => [env, ...logs]),
  fc.array(fc.oneof(artifact('log'), artifact('results')), { maxLength: 2 }),
);

const SECTION_ARBS: { [K in EvidenceSection]-?: fc.Arbitrary<NonNullable<Evidence[K]>> } = {
  functional,
  accuracy,
  performance,
  reproduction,
  soak,
  artifacts,
};

/** Each section mostly present, sometimes null or absent. */
const evidence: fc.Arbitrary<Evidence> = fc
  .record(
    Object.fromEntries(
      SECTIONS.map((s) => [s, mostly(SECTION_ARBS[s] as fc.Arbitrary<unknown>, fc.constantFrom(null, undefined))]),
    ) as Record<EvidenceSection, fc.Arbitrary<unknown>>,
  )
  .map((ev) => Object.fromEntries(Object.entries(ev).filter(([, v]) => v !== undefined)) as Evidence);

const documents: fc.Arbitrary<SubmissionDocument> = fc
  .record({
    precision: fc.constantFrom(
      'fp32' as const,
      'bf16' as const,
      'fp16' as const,
      'fp8' as const,
      'int8' as const,
      'w8a8' as const,
      'w4a16' as const,
      'w4a8' as const,
      'int4' as const,
    ),
    revision: mostly(fc.constantFrom('a5ba5501eb873d40d48bd0983bd2a8dd006bb838', 'v1.0'), fc.constant('main')),
    channels: fc.array(mostly(fc.constant('ga' as const), fc.constantFrom('rc' as const, 'nightly' as const)), {
      minLength: 1,
      maxLength: 4,
    }),
    evidence,
  })
  .map(({ precision, revision, channels, evidence: ev }) => {
    const doc = example();
    doc.deployment.precision = precision;
    doc.deployment.model.revision = revision;
    doc.deployment.stack = channels.map((channel, i) => ({
      kind: 'engine',
      name: `component-${i}`,
      version: `1.${i}.0`,
      channel,
    }));
    doc.evidence = ev;
    return doc;
  });

const contexts: fc.Arbitrary<LevelContext> = fc.record({
  deviceClass: fc.constantFrom(
    'datacenter' as const,
    'edge' as const,
    'mobile' as const,
    'vehicle' as const,
    'supercomputer' as const,
  ),
  parametersB: fc.option(fc.constantFrom(0.5, 6.2, 9.9, 10, 10.1, 70, 671), { nil: null }),
  authenticatedSubmitter: mostly(fc.constant(true), fc.constant(false)),
});

const sets = fc.constantFrom<RequirementSet>(set2026, strictSet);

type Improver = (doc: SubmissionDocument, step: number) => void;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const toward = (v: number, target: number, step: number) =>
  v > target ? Math.max(target, v - step) : Math.min(target, v + step);

/** Each moves one value in the direction every check treats as better, staying schema-valid. */
const IMPROVERS: Record<string, Improver> = {
  'prompts (with completions)': (d, s) =>
    d.evidence.functional &&
    Object.assign(d.evidence.functional, {
      prompts: d.evidence.functional.prompts + Math.ceil(s * 20),
      completed: d.evidence.functional.completed + Math.ceil(s * 20),
    }),
  completed: (d) => d.evidence.functional && (d.evidence.functional.completed = d.evidence.functional.prompts),
  'functional crashes': (d) => d.evidence.functional && (d.evidence.functional.crashes = 0),
  nanOrInf: (d) => d.evidence.functional && (d.evidence.functional.nanOrInf = 0),
  emptyOutputs: (d) => d.evidence.functional && (d.evidence.functional.emptyOutputs = 0),
  consistency: (d, s) =>
    d.evidence.functional &&
    (d.evidence.functional.consistency = clamp(d.evidence.functional.consistency + s / 10, 0, 1)),
  referenceMatch32: (d, s) =>
    d.evidence.functional &&
    (d.evidence.functional.referenceMatch32 = clamp(d.evidence.functional.referenceMatch32 + s / 5, 0, 1)),
  'a benchmark score': (d, s) =>
    d.evidence.accuracy?.benchmarks[0] && (d.evidence.accuracy.benchmarks[0].score += s * 5),
  outputLengthRatio: (d, s) =>
    d.evidence.accuracy &&
    (d.evidence.accuracy.outputLengthRatio = toward(d.evidence.accuracy.outputLengthRatio, 1, s / 10)),
  durationSeconds: (d, s) => d.evidence.performance && (d.evidence.performance.durationSeconds += s * 200),
  queries: (d, s) => d.evidence.performance && (d.evidence.performance.queries += Math.ceil(s * 500)),
  runs: (d) => d.evidence.performance && (d.evidence.performance.runs += 1),
  spreadPercent: (d, s) =>
    d.evidence.performance &&
    (d.evidence.performance.spreadPercent = Math.max(0, d.evidence.performance.spreadPercent - s * 3)),
  noCacheSpeedupPercent: (d, s) => d.evidence.performance && (d.evidence.performance.noCacheSpeedupPercent -= s * 5),
  ttftP90Ms: (d, s) =>
    d.evidence.performance?.ttftP90Ms !== undefined &&
    (d.evidence.performance.ttftP90Ms = Math.max(0, d.evidence.performance.ttftP90Ms - s * 500)),
  ttftP99Ms: (d, s) =>
    d.evidence.performance?.ttftP99Ms !== undefined &&
    (d.evidence.performance.ttftP99Ms = Math.max(0, d.evidence.performance.ttftP99Ms - s * 500)),
  tpotP99Ms: (d, s) =>
    d.evidence.performance?.tpotP99Ms !== undefined &&
    (d.evidence.performance.tpotP99Ms = Math.max(0, d.evidence.performance.tpotP99Ms - s * 50)),
  decodeTokensPerSecond: (d, s) =>
    d.evidence.performance?.decodeTokensPerSecond !== undefined &&
    (d.evidence.performance.decodeTokensPerSecond += s * 5),
  throughputDeltaPercent: (d, s) =>
    d.evidence.reproduction &&
    (d.evidence.reproduction.throughputDeltaPercent = toward(d.evidence.reproduction.throughputDeltaPercent, 0, s * 3)),
  accuracyDeltaPoints: (d, s) =>
    d.evidence.reproduction &&
    (d.evidence.reproduction.accuracyDeltaPoints = toward(d.evidence.reproduction.accuracyDeltaPoints, 0, s / 2)),
  'soak hours': (d, s) => d.evidence.soak && (d.evidence.soak.hours += s * 5),
  throughputFraction: (d, s) => d.evidence.soak && (d.evidence.soak.throughputFraction += s / 5),
  'soak crashes': (d) => d.evidence.soak && (d.evidence.soak.crashes = 0),
  errorRate: (d, s) =>
    d.evidence.soak && (d.evidence.soak.errorRate = Math.max(0, d.evidence.soak.errorRate - s / 1000)),
  'a stack channel (nightly → rc → ga)': (d) => {
    const c = d.deployment.stack.find((x) => x.channel !== 'ga');
    if (c) c.channel = c.channel === 'nightly' ? 'rc' : 'ga';
  },
  'an artifact hash': (d) => d.evidence.artifacts?.forEach((a) => (a.sha256 ??= 'c'.repeat(64))),
};

describe('level engine properties (fast-check)', () => {
  it('generated documents are schema-valid, so the properties speak about real submissions', () => {
    fc.assert(
      fc.property(documents, (doc) => registry.validate('submission.v1.schema.json', doc).length === 0),
      { numRuns: 200 },
    );
  });

  it('the report always validates against level-report.v1.schema.json', () => {
    fc.assert(
      fc.property(documents, contexts, sets, (doc, ctx, set) => {
        const problems = registry.validate('level-report.v1.schema.json', evaluate(doc, ctx, set));
        assert.deepEqual(problems, []);
      }),
      { numRuns: 300 },
    );
  });

  it('adding an evidence section never lowers the level', () => {
    const withAddition = fc
      .tuple(documents, contexts, sets, fc.constantFrom(...SECTIONS), fc.constantFrom(null, undefined))
      .chain(([doc, ctx, set, section, absent]) =>
        (SECTION_ARBS[section] as fc.Arbitrary<unknown>).map((value) => ({ doc, ctx, set, section, absent, value })),
      );
    fc.assert(
      fc.property(withAddition, ({ doc, ctx, set, section, absent, value }) => {
        const without = structuredClone(doc);
        if (absent === null) without.evidence[section] = null;
        else delete without.evidence[section];
        const withIt = structuredClone(doc);
        (withIt.evidence as Record<string, unknown>)[section] = value;
        const before = evaluate(without, ctx, set);
        const after = evaluate(withIt, ctx, set);
        assert.ok(rank(after) >= rank(before), `adding ${section}: ${before.achieved} → ${after.achieved}`);
      }),
      { numRuns: 400 },
    );
  });

  it('improving a value in the passing direction never lowers the level (nor drops high accuracy)', () => {
    fc.assert(
      fc.property(
        documents,
        contexts,
        sets,
        fc.constantFrom(...Object.keys(IMPROVERS)),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (doc, ctx, set, name, step) => {
          const before = evaluate(doc, ctx, set);
          const better = structuredClone(doc);
          IMPROVERS[name]!(better, step);
          const after = evaluate(better, ctx, set);
          assert.ok(rank(after) >= rank(before), `improving ${name}: ${before.achieved} → ${after.achieved}`);
          if (before.highAccuracy) assert.ok(after.highAccuracy, `improving ${name} dropped highAccuracy`);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('authenticating the submitter never lowers the level', () => {
    fc.assert(
      fc.property(documents, contexts, (doc, ctx) => {
        assert.ok(
          rank(evaluate(doc, { ...ctx, authenticatedSubmitter: true })) >=
            rank(evaluate(doc, { ...ctx, authenticatedSubmitter: false })),
        );
      }),
    );
  });

  it('a failing lower-level check caps everything above it; every level up to the achieved one passes', () => {
    fc.assert(
      fc.property(documents, contexts, sets, (doc, ctx, set) => {
        const report = evaluate(doc, ctx, set);
        const failingLevels = report.checks.filter((c) => c.status === 'fail').map((c) => levelRank(c.level));
        const lowestFailing = failingLevels.length ? Math.min(...failingLevels) : 5;
        assert.equal(rank(report), lowestFailing - 1);
        if (report.nextLevel) {
          const expected = report.checks
            .filter((c) => c.level === report.nextLevel!.level && c.status === 'fail')
            .map((c) => c.id);
          assert.deepEqual(
            report.nextLevel.missing.map((m) => m.id),
            expected,
          );
          assert.ok(expected.length > 0);
        } else assert.equal(report.achieved, 'L4');
        if (report.preview) assert.ok(report.nextLevel!.missing.every((m) => m.id === 'l3.stack.ga'));
        if (report.highAccuracy) assert.ok(rank(report) >= levelRank('L2'));
      }),
      { numRuns: 400 },
    );
  });
});
