import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { postFresh } from '../helpers/post-fresh.js';
import { cli } from '../helpers/run-cli.js';
import { assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Specification: a real published perplexity (lm-evaluation-harness, LAMBADA (OpenAI), RWKV7-Goose
 * 0.1B: perplexity 14.451, accuracy 0.458; test/fixtures/tool-outputs/README.md names its source) goes
 * through the whole kit, `evidence import` → `evidence assemble --reference` → POST /v1/validate, and is
 * judged lower-is-better, while the accuracy of the same task in the same file is judged higher-is-better.
 */

const RWKV = new URL(
  '../fixtures/tool-outputs/lm-eval-harness/rwkv7-goose-0.1b-lambada_openai-results.json',
  import.meta.url,
).pathname;
const dir = mkdtempSync(join(tmpdir(), 'chipreg-perplexity-'));
const description = join(dir, 'deployment.yaml');
writeFileSync(
  description,
  `claimedLevel: L2
submitter: { organization: huawei }
deployment:
  model: { id: glm-4-9b-chat, revision: v1.0 }
  chip: Ascend910B
  devices: 1
  precision: { weights: bf16, activations: bf16, kvCache: bf16 }
  form: cloud-private
  stack:
    - { kind: sdk, name: CANN, version: 8.0.0, channel: ga }
`,
);

let app: TestApp;
let fragment: string;
before(async () => {
  app = await startTestApp();
  const imported = await cli(['evidence', 'import', RWKV, '--json']);
  assert.equal(imported.code, 0, imported.stderr);
  fragment = join(dir, 'rwkv.fragment.json');
  writeFileSync(fragment, imported.stdout);
});
after(() => app.close());

type Check = { id: string; status: string; actual: unknown; message: string };

/** Assembles the imported file with the given references and validates the document over HTTP. */
async function judged(...references: string[]) {
  const run = await cli([
    'evidence',
    'assemble',
    '--db',
    join(dir, 'none.db'),
    '--json',
    '--description',
    description,
    fragment,
    ...references.flatMap((r) => ['--reference', r]),
  ]);
  const { document } = JSON.parse(run.stdout);
  const res = await postFresh(`${app.url}/v1/validate`, document);
  assert.equal(res.status, 200, res.text);
  assertSchema(res.body, 'responses/validation-report.v1.schema.json');
  assert.equal(res.body.valid, true, JSON.stringify(res.body.errors));
  return {
    document,
    ratio: (res.body.level.checks as Check[]).find((c) => c.id === 'l2.accuracy.ratio')!,
    count: (res.body.level.checks as Check[]).find((c) => c.id === 'l2.accuracy.benchmarks')!,
  };
}

describe('a real LAMBADA perplexity, end to end', () => {
  it('imports the numbers of the file: a perplexity with no scale, an accuracy as a fraction', async () => {
    const run = await cli(['evidence', 'import', RWKV, '--json']);
    const { accuracy, model } = JSON.parse(run.stdout);
    assert.equal(model, 'SmerkyG/RWKV7-Goose-0.1B-Pile-HF');
    const [ppl, acc] = accuracy.benchmarks;
    assert.deepEqual(
      [ppl.benchmark, ppl.metric, ppl.score, ppl.scale, ppl.samples],
      ['lambada_openai', 'perplexity', 14.451282557750991, undefined, 5153],
    );
    assert.deepEqual([acc.metric, acc.score, acc.scale], ['acc', 0.4577915777217155, 'fraction']);
  });

  it('a better perplexity than the reference passes (reference / score)', async () => {
    const { ratio, document } = await judged('lambada_openai:perplexity=15');
    const scored = document.evidence.accuracy.benchmarks.find((b: { metric: string }) => b.metric === 'perplexity');
    assert.equal(scored.reference, 15);
    assert.equal(ratio.status, 'pass');
    assert.equal(ratio.actual, Math.round((15 / 14.451282557750991) * 1e6) / 1e6);
    assert.match(ratio.message, /lambada_openai: 14\.451282557750991 against reference 15, lower is better/);
  });

  it('a worse perplexity than the reference fails, by the ratio of the two', async () => {
    const { ratio } = await judged('lambada_openai:perplexity=14');
    assert.equal(ratio.status, 'fail');
    assert.equal(ratio.actual, Math.round((14 / 14.451282557750991) * 1e6) / 1e6);
  });

  it('the accuracy of the same task is judged higher-is-better, and counts as a second benchmark', async () => {
    const better = await judged('lambada_openai:perplexity=15', 'lambada_openai:acc=0.45');
    assert.equal(better.ratio.status, 'pass');
    assert.equal(better.count.actual, 2, better.count.message);
    const worse = await judged('lambada_openai:perplexity=15', 'lambada_openai:acc=0.47');
    assert.equal(worse.ratio.status, 'fail');
    assert.match(worse.ratio.message, /higher is better/);
  });

  it('a reference is never guessed: an unknown benchmark or an unnamed metric of a two-metric task is an error', async () => {
    const base = ['evidence', 'assemble', '--db', join(dir, 'none.db'), '--description', description, fragment];
    const unknown = await cli([...base, '--reference', 'wikitext:word_perplexity=20']);
    assert.notEqual(unknown.code, 0);
    assert.match(
      unknown.stderr,
      /no imported score of wikitext \(word_perplexity\); imported: lambada_openai:perplexity, lambada_openai:acc/,
    );
    const ambiguous = await cli([...base, '--reference', 'lambada_openai=15']);
    assert.notEqual(ambiguous.code, 0);
    assert.match(ambiguous.stderr, /several metrics \(perplexity, acc\); name one/);
    const malformed = await cli([...base, '--reference', 'lambada_openai']);
    assert.notEqual(malformed.code, 0);
    assert.match(malformed.stderr, /write benchmark\[:metric\]=value/);
  });
});
