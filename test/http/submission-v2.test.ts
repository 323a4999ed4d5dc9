import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { keysFor } from '../helpers/keys.js';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Specification of chipreg/submission/v2 under requirement set 2026.2: benchmarks through the
 * registry (direction, scale, aliases), unit plausibility, placeholders, operating points and the
 * headline, precision parts and queries, capped error lists. The documents here are samples written
 * for the spec; the real results are in submission-v2-real.test.ts.
 */

const REPORT = 'responses/validation-report.v1.schema.json';
let app: TestApp;
let huawei: Record<string, string>;
let reviewer: Record<string, string>;
before(async () => {
  app = await startTestApp();
  const keys = keysFor(app.deps);
  huawei = keys.vendor('huawei');
  reviewer = keys.reviewer();
});
after(() => app.close());

/** A sample v2 document that earns L3 under chat-server on an Ascend 910B: one point meets the limits, a faster one does not. */
function sample(): any {
  const point = (id: string, concurrency: number, tps: number, ttftP99: number, tpotP99: number) => ({
    id,
    tool: { name: 'vllm-bench-serve', version: '0.10.1' },
    scenario: 'server',
    concurrency,
    streaming: true,
    input: { dataset: 'sharegpt', meanTokens: 512 },
    output: { meanTokens: 256 },
    devices: 2,
    durationSeconds: 900,
    requests: { total: 1100, succeeded: 1100, failed: 0 },
    throughput: { requestsPerSecond: 1.2, outputTokensPerSecond: tps },
    latencyMs: { ttft: { p50: ttftP99 / 2, p99: ttftP99 }, tpot: { p99: tpotP99 }, e2e: { p99: 20000 } },
  });
  return {
    schema: 'chipreg/submission/v2',
    requirementSet: '2026.2',
    claimedLevel: 'L3',
    submitter: { organization: 'huawei', contact: 'cert@example.com' },
    deployment: {
      model: { id: 'chatglm3-6b', revision: 'a5ba5501eb873d40d48bd0983bd2a8dd006bb838' },
      chip: 'huawei-ascend-910b',
      devices: 2,
      precision: { weights: 'int8', activations: 'int8', kvCache: 'bf16', method: 'smoothquant' },
      form: 'cloud-private',
      stack: [
        { kind: 'sdk', name: 'CANN', version: '8.0.0' },
        { kind: 'engine', name: 'MindIE', version: '1.0.0' },
      ],
    },
    evidence: {
      functional: {
        prompts: 100,
        completed: 100,
        crashes: 0,
        nanOrInf: 0,
        emptyOutputs: 0,
        consistency: 1,
        referenceMatch32: 0.85,
      },
      accuracy: {
        benchmarks: [
          { benchmark: 'C-Eval (5-shot)', score: 50.9, reference: 51.7 },
          { benchmark: 'gsm8k', score: 71.2, reference: 72.3 },
        ],
        outputLengthRatio: 1.03,
      },
      performance: {
        profile: 'chat-server',
        points: [point('c16', 16, 800, 1500, 80), point('c64', 64, 2000, 3000, 150)],
        runs: 3,
        spreadPercent: 2,
        noCacheSpeedupPercent: 1,
      },
      artifacts: [{ kind: 'environment', uri: 'https://example.com/env.txt', sha256: 'a'.repeat(64) }],
    },
  };
}

const validate = async (doc: unknown, headers: Record<string, string> = huawei) => {
  const res = await app.request('POST', '/v1/validate', { body: doc, headers });
  assert.equal(res.status, 200, res.text);
  assertSchema(res.body, REPORT);
  return res.body;
};
const checkOf = (body: any, id: string) => body.level.checks.find((c: { id: string }) => c.id === id);
const errorsAt = (body: any) => body.errors.map((e: { pointer: string }) => e.pointer);

describe('operating points and the headline', () => {
  it('judges the best point meeting the latency limits and names it', async () => {
    const body = await validate(sample());
    assert.equal(body.level.achieved, 'L3');
    assert.equal(body.level.performance.judgedPoint, 0);
    assert.deepEqual(body.level.performance.headline, {
      point: 'c16',
      scenario: 'server',
      concurrency: 16,
      devices: 2,
      outputTokensPerSecond: 800,
      outputTokensPerSecondPerDevice: 400,
      ttftP99Ms: 1500,
      tpotP99Ms: 80,
    });
  });

  it('points of a scenario the profile does not read are reported, not judged', async () => {
    const doc = sample();
    for (const p of doc.evidence.performance.points) p.scenario = 'offline';
    const body = await validate(doc);
    assert.equal(body.level.performance.candidates, 0);
    assert.equal(checkOf(body, 'l3.performance.points').status, 'fail');
    assert.equal(checkOf(body, 'l3.performance.ttft').status, 'not-measured');
  });

  it('a non-streamed point with a TTFT is an error: end-to-end latency is never TTFT', async () => {
    const doc = sample();
    doc.evidence.performance.points[0].streaming = false;
    const body = await validate(doc);
    assert.equal(body.valid, false);
    assert.ok(errorsAt(body).includes('/evidence/performance/points/0/latencyMs/ttft'));
  });
});

describe('benchmarks through the registry', () => {
  const withBenchmarks = (benchmarks: unknown[]) => {
    const doc = sample();
    doc.evidence.accuracy.benchmarks = benchmarks;
    return doc;
  };

  it('a perplexity is judged lower-is-better: a better perplexity passes, a worse one fails', async () => {
    const better = await validate(
      withBenchmarks([
        { benchmark: 'wikitext-103', score: 10.0, reference: 10.1 },
        { benchmark: 'ceval', score: 51.7, reference: 51.7 },
      ]),
    );
    assert.equal(checkOf(better, 'l2.accuracy.ratio').status, 'pass');
    const worse = await validate(
      withBenchmarks([
        { benchmark: 'wikitext-103', score: 10.5, reference: 10.1 },
        { benchmark: 'ceval', score: 51.7, reference: 51.7 },
      ]),
    );
    const ratio = checkOf(worse, 'l2.accuracy.ratio');
    assert.equal(ratio.status, 'fail');
    assert.equal(ratio.actual, Math.round((10.1 / 10.5) * 1e6) / 1e6);
    assert.match(ratio.message, /lower is better/);
  });

  it('aliases count once; unknown benchmarks are reported, not counted', async () => {
    const body = await validate(
      withBenchmarks([
        { benchmark: 'ceval', score: 50.9, reference: 51.7 },
        { benchmark: 'C-Eval', score: 50.9, reference: 51.7 },
        { benchmark: 'my-private-eval', score: 99, reference: 99 },
      ]),
    );
    const count = checkOf(body, 'l2.accuracy.benchmarks');
    assert.deepEqual([count.status, count.actual], ['fail', 1]);
    assert.match(count.message, /unknown to the registry, not counted: my-private-eval/);
  });

  it('scores outside the benchmark range are schema errors, with the likely mistake', async () => {
    const body = await validate(
      withBenchmarks([
        { benchmark: 'ceval', score: 0.509, reference: 51.7 },
        { benchmark: 'mmlu', score: 74, reference: 0.75, scale: 'fraction' },
        { benchmark: 'wikitext-2', score: 0.5, reference: 5.47 },
      ]),
    );
    assert.equal(body.valid, false);
    const details = body.errors.map((e: { pointer: string; detail: string }) => `${e.pointer} ${e.detail}`).join('\n');
    assert.match(details, /benchmarks\/0\/score a score of 0\.509 against a reference of 51\.7 mixes scales/);
    assert.match(details, /benchmarks\/1\/score score 74 is outside the range 0–1 .* was it a percentage \(0\.74/);
    assert.match(details, /benchmarks\/2\/score score 0\.5 is outside the range 1–∞ .* cannot be below 1/);
  });
});

describe('units and placeholders', () => {
  it('TTFT 0.85 "ms" asks whether it was seconds', async () => {
    const doc = sample();
    doc.evidence.performance.points[0].latencyMs.ttft = { p99: 0.85 };
    const body = await validate(doc);
    const problem = body.errors.find(
      (e: { pointer: string }) => e.pointer === '/evidence/performance/points/0/latencyMs/ttft/p99',
    );
    assert.match(problem.detail, /0\.85 ms is implausibly small.*0\.85 s = 850 ms/);
  });

  it('a fraction of 74 asks whether it was a percentage', async () => {
    const doc = sample();
    doc.evidence.functional.consistency = 74;
    const body = await validate(doc);
    assert.match(body.errors[0].detail, /74 is not a fraction between 0 and 1; was it a percentage \(0\.74\)\?/);
  });

  for (const placeholder of ['unknown', 'N/A', 'TBD', 'not stated', ' Not_Stated ', 'none', '-', '']) {
    it(`"${placeholder}" is rejected as a stack version, a model revision and a tool name`, async () => {
      const set: Record<string, (doc: any) => void> = {
        '/deployment/stack/1/version': (doc) => (doc.deployment.stack[1].version = placeholder),
        '/deployment/model/revision': (doc) => (doc.deployment.model.revision = placeholder),
        '/evidence/performance/points/0/tool/name': (doc) =>
          (doc.evidence.performance.points[0].tool.name = placeholder),
      };
      for (const [pointer, put] of Object.entries(set)) {
        const doc = sample();
        put(doc);
        const body = await validate(doc);
        assert.equal(body.valid, false, pointer);
        assert.ok(errorsAt(body).includes(pointer), `${pointer}: ${JSON.stringify(body.errors)}`);
      }
    });
  }

  it('placeholders name their pointer and say to leave the field out', async () => {
    const doc = sample();
    doc.deployment.stack[1].version = 'TBD';
    doc.deployment.model.revision = 'not-stated-in-source';
    const body = await validate(doc);
    assert.deepEqual(errorsAt(body), ['/deployment/model/revision', '/deployment/stack/1/version']);
    assert.match(body.errors[0].detail, /placeholder.*leave the field out/);
  });

  it('branch references are not pins in v2 either (HEAD~1, origin/main)', async () => {
    for (const revision of ['HEAD~1', 'origin/main', 'refs/heads/main']) {
      const doc = sample();
      doc.deployment.model.revision = revision;
      const body = await validate(doc);
      assert.equal(body.level.achieved, null, revision);
      assert.match(checkOf(body, 'l0.model.revision').message, /reference|branch/);
    }
  });
});

describe('documentation', () => {
  it('the v2 document, the benchmark registry and the changes of 2026.2 are served at /schemas/', async () => {
    const res = await app.get('/schemas/submission-v2.md');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/markdown/);
    for (const heading of ['## The document', '## The benchmark registry', '## Requirement set 2026.2'])
      assert.ok(res.text.includes(heading), heading);
    assert.equal(
      (await app.get('/schemas/submission.v2.schema.json')).body.$id.endsWith('submission.v2.schema.json'),
      true,
    );
  });
});

describe('bad input', () => {
  it('a huge invalid document gets the first 100 errors and their total, never a huge answer', async () => {
    const doc = sample();
    doc.evidence.performance.points = Array.from({ length: 400 }, () => ({ tool: {}, scenario: 'nope' }));
    const body = await validate(doc);
    assert.equal(body.valid, false);
    assert.equal(body.errors.length, 100);
    assert.ok(body.errorsTotal > 100);
    const submit = await app.request('POST', '/v1/submissions', { body: doc, headers: huawei });
    assertProblem(submit, 422);
    assert.equal(submit.body.errors.length, 100);
    assert.ok(submit.body.errorsTotal > 100);
  });

  it('a v1 document naming the v2 requirement set is invalid, and so is the reverse', async () => {
    const doc = sample();
    doc.requirementSet = '2026.1';
    const body = await validate(doc);
    assert.deepEqual(errorsAt(body), ['/requirementSet']);
  });

  it('an unknown schema is named', async () => {
    const body = await validate({ schema: 'chipreg/submission/v3' });
    assert.ok(
      body.errors.some((e: { pointer: string; detail: string }) => e.pointer === '/schema' && /v2/.test(e.detail)),
    );
  });
});

describe('precision parts, certification and queries', () => {
  let certification: string;
  before(async () => {
    const sub = await app.request('POST', '/v1/submissions', { body: sample(), headers: huawei });
    assert.equal(sub.status, 201, sub.text);
    const decision = await app.request('POST', `/v1/submissions/${sub.body.id}/decision`, {
      body: { decision: 'approve' },
      headers: reviewer,
    });
    assert.equal(decision.status, 200, decision.text);
    certification = decision.body.certification;
  });

  it('the certification records the canonical precision and the headline', async () => {
    const cert = (await app.get(`/v1/certifications/${certification}`)).body;
    assertSchema(cert, 'certification.v1.schema.json');
    assert.deepEqual([cert.level, cert.precision], ['L3', 'w8a8']);
    assert.equal(cert.headline.outputTokensPerSecond, 800);
  });

  it('precision=int8 matches the w8a8 deployment and says which; precision=w8a8 matches exactly', async () => {
    const byWeights = await app.get('/v1/compatibility?model=chatglm3-6b&chip=huawei-ascend-910b&precision=int8');
    assertSchema(byWeights.body, 'responses/compatibility.v1.schema.json');
    assert.equal(byWeights.body.verdict, 'certified');
    assert.deepEqual(byWeights.body.precision, {
      requested: 'int8',
      matches: ['int8', 'w8a8', 'w8a16'],
      rule: 'weights',
    });
    assert.equal(byWeights.body.headline.outputTokensPerSecond, 800);
    const exact = await app.get('/v1/compatibility?model=chatglm3-6b&chip=huawei-ascend-910b&precision=w8a8');
    assert.deepEqual([exact.body.verdict, exact.body.precision.rule], ['certified', 'exact']);
    const other = await app.get('/v1/compatibility?model=chatglm3-6b&chip=huawei-ascend-910b&precision=w8a16');
    assert.notEqual(other.body.verdict, 'certified');

    const list = await app.get('/v1/certifications?precision=int8&chip=huawei-ascend-910b&minLevel=L1');
    assertSchema(list.body, 'responses/certification-list.v1.schema.json');
    assert.ok(list.body.items.some((c: { id: string }) => c.id === certification));
    assert.equal(list.body.precision.rule, 'weights');
  });

  it('the CSV carries the headline figures as columns', async () => {
    const csv = await app.get('/v1/certifications?format=csv&chip=huawei-ascend-910b&minLevel=L3');
    const [header, row] = csv.text.split('\r\n');
    const cells = Object.fromEntries(header!.split(',').map((h, i) => [h, row!.split(',')[i]]));
    assert.deepEqual(
      [cells.headlineOutputTokensPerSecond, cells.headlineOutputTokensPerSecondPerDevice, cells.headlineTtftP99Ms],
      ['800', '400', '1500'],
    );
  });
});
