import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LevelContext } from '../../src/domain/level-engine.js';
import type { SubmissionDocument } from '../../src/domain/submission-document.js';
import {
  checkOf,
  DATACENTER_6B,
  DATACENTER_70B,
  EDGE_6B,
  evaluate,
  example,
  registry,
  reproducedExample,
  serverExample,
  strictSet,
} from './level-engine-docs.js';

const LEVEL_REPORT = 'level-report.v1.schema.json';
const below = (level: string) => (level === 'L0' ? null : `L${Number(level[1]) - 1}`);

describe('the DESIGN §6.1 example (sophgo-bm1684x = edge, chatglm3-6b = 6.2B, int4)', () => {
  const report = evaluate(example());

  it('earns L3 as claimed, neither preview nor high-accuracy, under 2026.1', () => {
    assert.equal(report.achieved, 'L3');
    assert.equal(report.claimed, 'L3');
    assert.equal(report.preview, false);
    assert.equal(report.highAccuracy, false);
    assert.equal(report.requirementSet, '2026.1');
    assert.deepEqual(registry.validate(LEVEL_REPORT, report), []);
  });

  it('names L4 as the next level, with the missing reproduction and soak evidence', () => {
    assert.equal(report.nextLevel?.level, 'L4');
    const missing = report.nextLevel!.missing;
    assert.ok(missing.length > 0 && missing.every((m) => m.id.startsWith('l4.')));
    assert.ok(
      missing.some(
        (m) => m.id === 'l4.reproduction' && /missing: the submission has no reproduction evidence/.test(m.message),
      ),
    );
    assert.ok(missing.some((m) => m.id === 'l4.soak.hours' && /no soak evidence/.test(m.message)));
  });

  it('reports the accuracy ratio of its weakest benchmark against the 4-bit threshold', () => {
    const ratio = checkOf(report, 'l2.accuracy.ratio');
    assert.equal(ratio.status, 'pass');
    assert.equal(ratio.threshold, 0.96);
    assert.equal(Math.round((ratio.actual as number) * 1e4) / 1e4, 0.9845);
    assert.match(
      ratio.message,
      /98\.45\d*% \(ceval: 50\.9 of reference 51\.7\) meets the minimum of 96% for 4-bit precisions/,
    );
  });

  it('marks the server-profile checks not-applicable for single-stream, saying why', () => {
    for (const id of ['l3.performance.queries', 'l3.performance.ttft', 'l3.performance.tpot']) {
      const check = checkOf(report, id);
      assert.equal(check.status, 'not-applicable');
      assert.match(
        check.message,
        /applies only to the chat-server and interactive profiles, and this submission uses the single-stream profile/,
      );
    }
  });

  it('reports every check of the set, in order, with its level', () => {
    assert.equal(report.checks.length, 34);
    assert.deepEqual(
      report.checks.map((c) => c.level),
      [...report.checks.map((c) => c.level)].sort(),
    );
  });
});

interface Worsening {
  id: string;
  base: () => SubmissionDocument;
  ctx?: LevelContext;
  worsen: (doc: SubmissionDocument) => void;
  mentions?: RegExp;
}

const pushStack = (doc: SubmissionDocument, channel: 'rc' | 'nightly') =>
  doc.deployment.stack.push({ kind: 'engine', name: 'llm-tpu', version: '0.9.0', channel });

/** One row per check: worsen exactly that value past its threshold. */
const WORSENINGS: Worsening[] = [
  {
    id: 'l0.submitter.identity',
    base: example,
    ctx: { ...EDGE_6B, authenticatedSubmitter: false },
    worsen: () => {},
    mentions: /not submitted with a vendor key/,
  },
  {
    id: 'l0.model.revision',
    base: example,
    worsen: (d) => (d.deployment.model.revision = 'main'),
    mentions: /"main"\) is a moving branch name/,
  },
  // The schema already refuses an empty version; the engine does not rely on it.
  {
    id: 'l0.stack.versions',
    base: example,
    worsen: (d) => (d.deployment.stack[0]!.version = ''),
    mentions: /unversioned: libsophon/,
  },
  {
    id: 'l1.functional.prompts',
    base: example,
    worsen: (d) => Object.assign(d.evidence.functional!, { prompts: 99, completed: 99 }),
    mentions: /99 is below the minimum of 100/,
  },
  {
    id: 'l1.functional.completed',
    base: example,
    worsen: (d) => (d.evidence.functional!.completed = 99),
    mentions: /99% \(99 of 100 prompts\) is below the minimum of 100%/,
  },
  {
    id: 'l1.functional.crashes',
    base: example,
    worsen: (d) => (d.evidence.functional!.crashes = 1),
    mentions: /1 crashes/,
  },
  {
    id: 'l1.functional.nanOrInf',
    base: example,
    worsen: (d) => (d.evidence.functional!.nanOrInf = 2),
    mentions: /2 outputs contain NaN or Inf/,
  },
  {
    id: 'l1.functional.emptyOutputs',
    base: example,
    worsen: (d) => (d.evidence.functional!.emptyOutputs = 3),
    mentions: /3 prompts produced an empty output/,
  },
  {
    id: 'l1.functional.consistency',
    base: example,
    worsen: (d) => (d.evidence.functional!.consistency = 0.98),
    mentions: /98% is below the minimum of 99%/,
  },
  {
    id: 'l1.functional.referenceMatch',
    base: example,
    worsen: (d) => (d.evidence.functional!.referenceMatch32 = 0.69),
    mentions: /69% is below the minimum of 70% for 4-bit precisions/,
  },
  {
    id: 'l1.artifacts.environment',
    base: example,
    worsen: (d) => (d.evidence.artifacts![0]!.kind = 'log'),
    mentions: /no environment-dump artifact/,
  },
  {
    id: 'l2.accuracy.benchmarks',
    base: example,
    worsen: (d) => (d.evidence.accuracy!.benchmarks[1]!.name = 'CEval'),
    mentions: /count 1 .* below the minimum of 2/,
  },
  {
    id: 'l2.accuracy.ratio',
    base: example,
    worsen: (d) => (d.evidence.accuracy!.benchmarks[1]!.score = 69),
    mentions: /gsm8k: 69 of reference 72\.3\) is below the minimum of 96%/,
  },
  {
    id: 'l2.accuracy.outputLength',
    base: example,
    worsen: (d) => (d.evidence.accuracy!.outputLengthRatio = 0.89),
    mentions: /11% .* exceeds the 10% limit/,
  },
  {
    id: 'l3.performance.profile',
    base: example,
    ctx: DATACENTER_6B,
    worsen: () => {},
    mentions: /single-stream profile does not fit datacenter chips; profiles that fit: chat-server, interactive/,
  },
  {
    id: 'l3.performance.duration',
    base: example,
    worsen: (d) => (d.evidence.performance!.durationSeconds = 599),
    mentions: /599 s is below the minimum of 600 s/,
  },
  {
    id: 'l3.performance.queries',
    base: serverExample,
    ctx: DATACENTER_6B,
    worsen: (d) => (d.evidence.performance!.queries = 1023),
    mentions: /1023 is below the minimum of 1024/,
  },
  {
    id: 'l3.performance.runs',
    base: example,
    worsen: (d) => (d.evidence.performance!.runs = 2),
    mentions: /2 is below the minimum of 3/,
  },
  {
    id: 'l3.performance.spread',
    base: example,
    worsen: (d) => (d.evidence.performance!.spreadPercent = 5.1),
    mentions: /5\.1% exceeds the 5% limit/,
  },
  {
    id: 'l3.performance.noCache',
    base: example,
    worsen: (d) => (d.evidence.performance!.noCacheSpeedupPercent = 10.5),
    mentions: /10\.5% exceeds the 10% limit/,
  },
  {
    id: 'l3.performance.ttft',
    base: serverExample,
    ctx: DATACENTER_6B,
    worsen: (d) => (d.evidence.performance!.ttftP99Ms = 2001),
    mentions: /p99 TTFT 2001 ms exceeds the 2000 ms limit/,
  },
  {
    id: 'l3.performance.tpot',
    base: serverExample,
    ctx: DATACENTER_6B,
    worsen: (d) => (d.evidence.performance!.tpotP99Ms = 101),
    mentions: /p99 TPOT 101 ms exceeds the 100 ms limit/,
  },
  {
    id: 'l3.performance.ttftP90',
    base: example,
    worsen: (d) => (d.evidence.performance!.ttftP90Ms = 2001),
    mentions: /p90 TTFT 2001 ms exceeds the 2000 ms limit of the single-stream profile/,
  },
  {
    id: 'l3.performance.decodeRate',
    base: example,
    worsen: (d) => (d.evidence.performance!.decodeTokensPerSecond = 9.9),
    mentions: /9\.9 tokens\/s is below the minimum of 10 tokens\/s/,
  },
  {
    id: 'l3.stack.noNightly',
    base: example,
    worsen: (d) => pushStack(d, 'nightly'),
    mentions: /1 stack components are nightly builds \(llm-tpu 0\.9\.0\)/,
  },
  { id: 'l3.stack.ga', base: example, worsen: (d) => pushStack(d, 'rc'), mentions: /llm-tpu 0\.9\.0 is rc/ },
  {
    id: 'l4.reproduction',
    base: reproducedExample,
    worsen: (d) => (d.evidence.reproduction!.by = 'Sophgo Lab'),
    mentions: /not independent \(re-run by Sophgo Lab, submitted by sophgo\)/,
  },
  {
    id: 'l4.reproduction.throughput',
    base: reproducedExample,
    worsen: (d) => (d.evidence.reproduction!.throughputDeltaPercent = -5.5),
    mentions: /5\.5% \(reproduced throughput -5\.5%\) exceeds the 5% limit/,
  },
  {
    id: 'l4.reproduction.accuracy',
    base: reproducedExample,
    worsen: (d) => (d.evidence.reproduction!.accuracyDeltaPoints = 0.6),
    mentions: /0\.6 points .* exceeds the 0\.5 points limit/,
  },
  {
    id: 'l4.soak.hours',
    base: reproducedExample,
    worsen: (d) => (d.evidence.soak!.hours = 23.5),
    mentions: /23\.5 h is below the minimum of 24 h/,
  },
  {
    id: 'l4.soak.throughput',
    base: reproducedExample,
    worsen: (d) => (d.evidence.soak!.throughputFraction = 0.69),
    mentions: /69% is below the minimum of 70%/,
  },
  {
    id: 'l4.soak.crashes',
    base: reproducedExample,
    worsen: (d) => (d.evidence.soak!.crashes = 1),
    mentions: /1 crashes during the soak run/,
  },
  {
    id: 'l4.soak.errorRate',
    base: reproducedExample,
    worsen: (d) => (d.evidence.soak!.errorRate = 0.001),
    mentions: /0\.1% is not below the 0\.1% limit/,
  },
  {
    id: 'l4.artifacts.sha256',
    base: reproducedExample,
    worsen: (d) => delete d.evidence.artifacts![1]!.sha256,
    mentions: /without sha256: \/evidence\/artifacts\/1 \(log\)/,
  },
];

describe('worsening one value past its threshold lowers the level and names that check', () => {
  it('covers every check of 2026.1', () => {
    assert.deepEqual(
      WORSENINGS.map((w) => w.id).sort(),
      evaluate(example())
        .checks.map((c) => c.id)
        .sort(),
    );
  });

  for (const w of WORSENINGS) {
    it(w.id, () => {
      const level = `L${w.id[1]}`;
      const ctx = w.ctx ?? EDGE_6B;
      const baseline = evaluate(w.base(), w.ctx && w.id.startsWith('l0.') ? EDGE_6B : ctx);
      if (w.id !== 'l3.performance.profile')
        assert.ok((baseline.achieved ?? '') >= level, `baseline earns ${baseline.achieved}`);
      const doc = w.base();
      w.worsen(doc);
      const report = evaluate(doc, ctx);
      assert.equal(report.achieved, below(level));
      const check = checkOf(report, w.id);
      assert.equal(check.status, 'fail');
      if (w.mentions) assert.match(check.message, w.mentions);
      assert.equal(report.nextLevel?.level, level);
      assert.ok(report.nextLevel!.missing.some((m) => m.id === w.id && m.message === check.message));
      assert.deepEqual(registry.validate(LEVEL_REPORT, report), []);
    });
  }
});

describe('profiles and thresholds follow the deployment', () => {
  it('the §6.1 example measured with chat-server on a datacenter chip also earns L3', () => {
    assert.equal(evaluate(serverExample(), DATACENTER_6B).achieved, 'L3');
  });

  it('says which profiles fit when a datacenter chip submits single-stream', () => {
    const report = evaluate(example(), DATACENTER_6B);
    assert.equal(report.achieved, 'L2');
    const profile = checkOf(report, 'l3.performance.profile');
    assert.equal(profile.actual, 'single-stream');
    assert.equal(profile.threshold, 'chat-server, interactive');
    assert.equal(
      profile.message,
      'the single-stream profile does not fit datacenter chips; profiles that fit: chat-server, interactive',
    );
  });

  it('writes the p99 TTFT failure as a sentence with the numbers and the case', () => {
    const doc = serverExample();
    doc.evidence.performance!.ttftP99Ms = 2400;
    const ttft = checkOf(evaluate(doc, DATACENTER_6B), 'l3.performance.ttft');
    assert.equal(
      ttft.message,
      'p99 TTFT 2400 ms exceeds the 2000 ms limit of the chat-server profile for models ≤ 10B parameters',
    );
    assert.deepEqual([ttft.actual, ttft.threshold], [2400, 2000]);
  });

  it('picks TPOT limits by parameter count: 100 ms ≤ 10B, 200 ms above; interactive 30 / 40 ms and TTFT 500 / 450 ms', () => {
    const doc = serverExample();
    doc.evidence.performance!.tpotP99Ms = 150;
    assert.equal(checkOf(evaluate(doc, DATACENTER_6B), 'l3.performance.tpot').status, 'fail');
    assert.equal(checkOf(evaluate(doc, DATACENTER_70B), 'l3.performance.tpot').threshold, 200);
    assert.equal(evaluate(doc, DATACENTER_70B).achieved, 'L3');

    doc.evidence.performance = { ...doc.evidence.performance!, profile: 'interactive', ttftP99Ms: 480, tpotP99Ms: 35 };
    const small = evaluate(doc, DATACENTER_6B);
    const large = evaluate(doc, DATACENTER_70B);
    assert.deepEqual(
      [checkOf(small, 'l3.performance.ttft').status, checkOf(small, 'l3.performance.tpot').status],
      ['pass', 'fail'],
    );
    assert.deepEqual(
      [checkOf(large, 'l3.performance.ttft').status, checkOf(large, 'l3.performance.tpot').status],
      ['fail', 'pass'],
    );
    assert.match(
      checkOf(large, 'l3.performance.ttft').message,
      /480 ms exceeds the 450 ms limit of the interactive profile for models > 10B parameters/,
    );
  });

  it('applies the strictest limit when the model parameter count is unknown, and says so', () => {
    const doc = serverExample();
    doc.evidence.performance = { ...doc.evidence.performance!, profile: 'interactive', ttftP99Ms: 480, tpotP99Ms: 35 };
    const report = evaluate(doc, { ...DATACENTER_6B, parametersB: null });
    const ttft = checkOf(report, 'l3.performance.ttft');
    assert.equal(ttft.threshold, 450);
    assert.match(ttft.message, /parameter count is unknown, so the strictest limit applies/);
    assert.equal(checkOf(report, 'l3.performance.tpot').threshold, 30);
  });

  it('keys accuracy and reference-match thresholds on the precision class', () => {
    const doc = serverExample(); // bf16
    doc.evidence.accuracy!.benchmarks[0]!.score = 0.985 * 51.7;
    assert.equal(checkOf(evaluate(doc, DATACENTER_6B), 'l2.accuracy.ratio').threshold, 0.99);
    assert.equal(evaluate(doc, DATACENTER_6B).achieved, 'L1');
    doc.deployment.precision = 'w8a8';
    assert.equal(checkOf(evaluate(doc, DATACENTER_6B), 'l2.accuracy.ratio').threshold, 0.98);
    assert.equal(evaluate(doc, DATACENTER_6B).achieved, 'L3');

    doc.evidence.functional!.referenceMatch32 = 0.85;
    assert.equal(evaluate(doc, DATACENTER_6B).achieved, 'L3'); // 8-bit needs 80%
    doc.deployment.precision = 'fp16';
    const fp16 = evaluate(doc, DATACENTER_6B);
    assert.equal(fp16.achieved, 'L0'); // 16-bit needs 90%
    assert.match(
      checkOf(fp16, 'l1.functional.referenceMatch').message,
      /85% is below the minimum of 90% for 16\/32-bit precisions/,
    );
  });
});

describe('release channels: rc makes a preview, never L3', () => {
  it('an rc component with otherwise L3 evidence gives preview and L2, with only l3.stack.ga missing', () => {
    const doc = example();
    doc.deployment.stack[1]!.channel = 'rc';
    const report = evaluate(doc);
    assert.equal(report.achieved, 'L2');
    assert.equal(report.preview, true);
    assert.deepEqual(report.nextLevel, {
      level: 'L3',
      missing: [{ id: 'l3.stack.ga', message: checkOf(report, 'l3.stack.ga').message }],
    });
    assert.match(
      report.nextLevel!.missing[0]!.message,
      /tpu-mlir 1\.8 is rc\); the evidence is at most a preview of L3/,
    );
  });

  it('rc does not make a preview when another L3 check fails too', () => {
    const doc = example();
    doc.deployment.stack[1]!.channel = 'rc';
    doc.evidence.performance!.runs = 1;
    const report = evaluate(doc);
    assert.deepEqual([report.achieved, report.preview], ['L2', false]);
  });

  it('a nightly component is not a preview: it fails L3 outright', () => {
    const doc = example();
    doc.deployment.stack[1]!.channel = 'nightly';
    const report = evaluate(doc);
    assert.deepEqual([report.achieved, report.preview], ['L2', false]);
  });

  it('rc with full L4 evidence still stays at L2 preview', () => {
    const doc = reproducedExample();
    doc.deployment.stack[0]!.channel = 'rc';
    assert.deepEqual([evaluate(doc).achieved, evaluate(doc).preview], ['L2', true]);
  });

  it('a component without a channel counts as ga', () => {
    const doc = example();
    delete doc.deployment.stack[0]!.channel;
    assert.equal(evaluate(doc).achieved, 'L3');
  });
});

describe('the high-accuracy flag', () => {
  const withRatio = (score: number) => {
    const doc = serverExample();
    doc.evidence.accuracy!.benchmarks = [
      { name: 'ceval', score, reference: 100 },
      { name: 'gsm8k', score: 100, reference: 100 },
    ];
    return doc;
  };

  it('is set when every benchmark reaches 99.9% of the reference', () => {
    assert.equal(evaluate(withRatio(99.9), DATACENTER_6B).highAccuracy, true);
    assert.equal(evaluate(withRatio(101), DATACENTER_6B).highAccuracy, true);
  });

  it('is not set at 99.89%', () => {
    const report = evaluate(withRatio(99.89), DATACENTER_6B);
    assert.deepEqual([report.achieved, report.highAccuracy], ['L3', false]);
  });

  it('is not set when L2 is not achieved, however accurate the benchmarks', () => {
    const doc = withRatio(100);
    doc.evidence.accuracy!.outputLengthRatio = 1.2;
    const report = evaluate(doc, DATACENTER_6B);
    assert.deepEqual([report.achieved, report.highAccuracy], ['L1', false]);
  });

  it('follows the requirement set: the strict fixture asks 99.95%', () => {
    assert.equal(evaluate(withRatio(99.9), DATACENTER_6B, strictSet).highAccuracy, false);
    assert.equal(evaluate(withRatio(99.95), DATACENTER_6B, strictSet).highAccuracy, true);
  });
});

describe('missing evidence', () => {
  it('a document with only functional evidence earns at most L1, and L2 checks say accuracy evidence is missing', () => {
    const doc = example();
    doc.evidence = { functional: doc.evidence.functional, artifacts: doc.evidence.artifacts };
    const report = evaluate(doc);
    assert.equal(report.achieved, 'L1');
    assert.equal(report.nextLevel?.level, 'L2');
    for (const m of report.nextLevel!.missing)
      assert.match(m.message, /is missing: the submission has no accuracy evidence \(\/evidence\/accuracy\)/);
  });

  it('null sections count as absent ones', () => {
    const doc = example();
    doc.evidence.performance = null;
    const report = evaluate(doc);
    assert.equal(report.achieved, 'L2');
    assert.ok(
      report.nextLevel!.missing.some(
        (m) => m.id === 'l3.performance.duration' && /no performance evidence/.test(m.message),
      ),
    );
  });

  it('a missing profile figure fails its check without making the document invalid', () => {
    const doc = example();
    delete doc.evidence.performance!.ttftP90Ms;
    const report = evaluate(doc);
    assert.equal(report.achieved, 'L2');
    assert.equal(
      checkOf(report, 'l3.performance.ttftP90').message,
      'p90 TTFT is missing: the submission does not give /evidence/performance/ttftP90Ms',
    );
  });

  it('no evidence at all still earns L0 for an identified vendor; an anonymous one earns nothing', () => {
    const doc = example();
    doc.evidence = {};
    assert.equal(evaluate(doc).achieved, 'L0');
    const anonymous = evaluate(doc, { ...EDGE_6B, authenticatedSubmitter: false });
    assert.equal(anonymous.achieved, null);
    assert.equal(anonymous.nextLevel?.level, 'L0');
    assert.deepEqual(
      anonymous.nextLevel!.missing.map((m) => m.id),
      ['l0.submitter.identity'],
    );
  });

  it('self-contradicting evidence (more completed than run) fails its check', () => {
    const doc = example();
    doc.evidence.functional!.completed = 120;
    const check = checkOf(evaluate(doc), 'l1.functional.completed');
    assert.equal(check.status, 'fail');
    assert.match(check.message, /cannot be evaluated: 120 prompts are reported completed out of 100 run/);
  });
});

describe('a lower level caps everything above it', () => {
  it('a failing L1 check leaves L1 unearned even with perfect L2–L4 evidence', () => {
    const doc = reproducedExample();
    doc.evidence.functional!.crashes = 1;
    const report = evaluate(doc);
    assert.equal(report.achieved, 'L0');
    assert.ok(report.checks.filter((c) => c.level !== 'L1' && c.level !== 'L0').every((c) => c.status !== 'fail'));
    assert.deepEqual(
      report.nextLevel!.missing.map((m) => m.id),
      ['l1.functional.crashes'],
    );
  });

  it('full evidence earns L4 with no next level', () => {
    const report = evaluate(reproducedExample());
    assert.deepEqual([report.achieved, report.nextLevel], ['L4', null]);
  });

  it('a reproduction that overshoots by less than 5% passes: the deviation is absolute', () => {
    const doc = reproducedExample();
    doc.evidence.reproduction!.throughputDeltaPercent = 4.9;
    doc.evidence.reproduction!.accuracyDeltaPoints = -0.5;
    assert.equal(evaluate(doc).achieved, 'L4');
  });
});

describe('thresholds are data', () => {
  it('the strict fixture gives the same document a different result without code change', () => {
    const lenient = evaluate(example());
    const strict = evaluate(example(), EDGE_6B, strictSet);
    assert.equal(lenient.achieved, 'L3');
    assert.equal(strict.achieved, 'L1');
    assert.equal(strict.requirementSet, '2099.9');
    const ratio = checkOf(strict, 'l2.accuracy.ratio');
    assert.deepEqual([ratio.status, ratio.threshold], ['fail', 0.985]);
    assert.equal(checkOf(strict, 'l3.performance.decodeRate').threshold, 15);
    assert.deepEqual(registry.validate(LEVEL_REPORT, strict), []);
  });
});
