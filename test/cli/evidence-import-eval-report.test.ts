import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UnreadableToolOutputError } from '../../src/errors.js';
import { importToolOutput } from '../../src/evidence/import-tool-output.js';
import { importJson } from '../helpers/import-json.js';
import { cli } from '../helpers/run-cli.js';
import { schemas } from '../helpers/test-app.js';

/**
 * Specification: the report JSON `evalscope eval` writes per dataset (real reports of a qwen-plus run
 * kept in the evalscope repository, test/fixtures/tool-outputs/README.md) imports into benchmark scores:
 * the dataset score per metric, as a fraction, and each subset when there are several.
 */

const real = (name: string) => new URL(`../fixtures/tool-outputs/evalscope-eval/${name}`, import.meta.url).pathname;
const GSM8K = real('qwen-plus-gsm8k-report.json');
const IQUIZ = real('qwen-plus-iquiz-report.json');
const dir = mkdtempSync(join(tmpdir(), 'chipreg-evalscope-report-'));

describe('evalscope eval report JSON', () => {
  it('one dataset, one metric: the score as a fraction, its sample count, the model', async () => {
    const fragment = await importJson(GSM8K);
    assert.equal(fragment.format, 'evalscope-eval-report-json');
    assert.equal(fragment.model, 'qwen-plus');
    assert.deepEqual(fragment.accuracy.benchmarks, [
      { benchmark: 'gsm8k', score: 1, scale: 'fraction', metric: 'mean_acc', samples: 10, tool: { name: 'evalscope' } },
    ]);
  });

  it('several subsets: the dataset score, then each subset with its own score and count', async () => {
    const { accuracy } = await importJson(IQUIZ);
    assert.deepEqual(
      accuracy.benchmarks.map((b: Record<string, unknown>) => [b.benchmark, b.subset, b.score, b.samples]),
      [
        ['iquiz', undefined, 0.85, 20],
        ['iquiz', 'IQ', 1, 10],
        ['iquiz', 'EQ', 0.7, 10],
      ],
    );
  });

  it('assembles into a valid v2 document; the gsm8k score is judged through the registry', async () => {
    const description = join(dir, 'deployment.yaml');
    writeFileSync(
      description,
      `claimedLevel: L2
submitter: { organization: huawei }
deployment:
  model: { id: glm-4-9b-chat, revision: v1.0 }
  chip: Ascend910B
  precision: { weights: bf16 }
  stack: [ { kind: sdk, name: CANN, version: 8.0.0, channel: ga } ]
`,
    );
    const run = await cli([
      'evidence',
      'assemble',
      '--db',
      join(dir, 'none.db'),
      '--json',
      '--description',
      description,
      GSM8K,
      '--reference',
      'gsm8k=0.95',
    ]);
    const { report } = JSON.parse(run.stdout);
    assert.equal(report.valid, true, JSON.stringify(report.errors));
    const ratio = report.level.checks.find((c: { id: string }) => c.id === 'l2.accuracy.ratio');
    assert.equal(ratio.actual, Math.round((1 / 0.95) * 1e6) / 1e6);
  });

  it('a damaged report is an error naming the known formats, never a partial import', async () => {
    const text = readFileSync(IQUIZ, 'utf8');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, text.replace('"score": 0.7', '"score": "0.7"'));
    const damaged = await cli(['evidence', 'import', bad, '--json']);
    assert.notEqual(damaged.code, 0);
    assert.equal(damaged.stdout, '');
    assert.match(damaged.stderr, /evalscope-eval-report-json[^\n]*subsets\[1\]\.score: "0\.7" is not a number/);
    assert.match(damaged.stderr, /Known formats[^]*evalscope-eval-report-json  /);
    writeFileSync(bad, text.slice(0, text.length / 2));
    const cut = await cli(['evidence', 'import', bad, '--json', '--format', 'evalscope-eval-report-json']);
    assert.notEqual(cut.code, 0);
    assert.match(cut.stderr, /not valid JSON/);
  });

  it('property: any value in place of a score, count or subset list imports cleanly or is refused', () => {
    const doc = JSON.parse(readFileSync(IQUIZ, 'utf8'));
    const anything = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    fc.assert(
      fc.property(anything, anything, anything, (score, num, subsets) => {
        const copy = structuredClone(doc);
        copy.metrics[0].score = score;
        copy.metrics[0].categories[0].subsets[1].num = num;
        if (subsets !== undefined) copy.metrics[0].categories[0].subsets = subsets;
        try {
          const fragment = importToolOutput(Buffer.from(JSON.stringify(copy)), 'report.json');
          assert.deepEqual(schemas.validate('evidence-fragment.v1.schema.json', fragment), []);
        } catch (error) {
          if (!(error instanceof UnreadableToolOutputError)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });
});
