import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { postFresh } from '../helpers/post-fresh.js';
import { cli } from '../helpers/run-cli.js';
import { assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Specification: a real lm-evaluation-harness MMLU run (Qwen/Qwen2.5-1.5B: 57 subjects, 4 subject
 * groups and the mmlu group, beside 16 other tasks; 86 scores) imports whole and validates as one v2
 * document: a real suite is more than the 50 scores v2 first allowed.
 */

const QWEN = new URL('../fixtures/tool-outputs/lm-eval-harness/qwen2.5-1.5b-mmlu-results.json', import.meta.url)
  .pathname;
const dir = mkdtempSync(join(tmpdir(), 'chipreg-mmlu-'));
const description = join(dir, 'deployment.yaml');
writeFileSync(
  description,
  `claimedLevel: L2
submitter: { organization: huawei }
deployment:
  model: { id: qwen2.5, revision: v1.0 }
  chip: Ascend910B
  devices: 1
  precision: { weights: bf16, activations: bf16, kvCache: bf16 }
  form: cloud-private
  stack:
    - { kind: sdk, name: CANN, version: 8.0.0, channel: ga }
`,
);

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(() => app.close());

type Score = { benchmark: string; metric: string; score: number };

describe('a real lm-eval MMLU results file with its subtasks', () => {
  it('imports every subject, group and task score, numbers as the file has them', async () => {
    const run = await cli(['evidence', 'import', QWEN, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const { accuracy, model } = JSON.parse(run.stdout) as { accuracy: { benchmarks: Score[] }; model: string };
    assert.equal(model, 'Qwen/Qwen2.5-1.5B');
    assert.equal(accuracy.benchmarks.length, 86);
    const subjects = accuracy.benchmarks.filter((b) => /^mmlu_/.test(b.benchmark));
    assert.equal(subjects.length, 61, '57 subjects and 4 subject groups');
    const of = (name: string) => accuracy.benchmarks.find((b) => b.benchmark === name)!;
    assert.equal(of('mmlu').score, 0.5961401509756445);
    assert.equal(of('mmlu_abstract_algebra').score, 0.33);
    assert.equal(of('mmlu_world_religions').score, 0.8070175438596491);
    const lambada = accuracy.benchmarks.filter((b) => b.benchmark === 'lambada_openai');
    assert.deepEqual(
      lambada.map((b) => [b.metric, b.score]),
      [
        ['perplexity', 5.677708211264297],
        ['acc', 0.6213856006209975],
      ],
    );
  });

  it('assembles into one valid v2 document of 86 scores; the mmlu group is judged through the registry', async () => {
    const run = await cli([
      'evidence',
      'assemble',
      '--db',
      join(dir, 'none.db'),
      '--json',
      '--description',
      description,
      QWEN,
      '--reference',
      'mmlu=0.6',
      '--reference',
      'lambada_openai:perplexity=5.7',
    ]);
    const { document } = JSON.parse(run.stdout);
    assert.equal(document.evidence.accuracy.benchmarks.length, 86);
    const res = await postFresh(`${app.url}/v1/validate`, document);
    assert.equal(res.status, 200, res.text);
    assertSchema(res.body, 'responses/validation-report.v1.schema.json');
    assert.equal(res.body.valid, true, JSON.stringify(res.body.errors));
    const checks = res.body.level.checks as Array<{ id: string; status: string; actual: unknown; message: string }>;
    const count = checks.find((c) => c.id === 'l2.accuracy.benchmarks')!;
    assert.equal(count.actual, 2, count.message);
    assert.match(count.message, /counted: lambada-openai-perplexity, mmlu/);
    assert.match(
      count.message,
      /unknown to the registry, not counted: arc_challenge \(acc\), .* and 73 more;/,
      'cut at ten',
    );
    const ratio = checks.find((c) => c.id === 'l2.accuracy.ratio')!;
    assert.equal(ratio.status, 'pass');
    assert.equal(ratio.actual, Math.round((0.5961401509756445 / 0.6) * 1e6) / 1e6);
  });

  it('still bounds a document: more than 1,000 scores is a schema error with its pointer', async () => {
    const run = await cli([
      'evidence',
      'assemble',
      '--db',
      join(dir, 'none.db'),
      '--json',
      '--description',
      description,
      QWEN,
    ]);
    const { document } = JSON.parse(run.stdout);
    const one = document.evidence.accuracy.benchmarks[0];
    document.evidence.accuracy.benchmarks = Array.from({ length: 1001 }, () => ({
      benchmark: one.benchmark,
      score: one.score,
    }));
    const res = await postFresh(`${app.url}/v1/validate`, document);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.valid, false);
    assert.ok(
      res.body.errors.some((e: { pointer: string }) => e.pointer === '/evidence/accuracy/benchmarks'),
      JSON.stringify(res.body.errors.slice(0, 3)),
    );
  });
});
