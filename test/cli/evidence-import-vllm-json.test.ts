import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importJson } from '../helpers/import-json.js';
import { cli } from '../helpers/run-cli.js';

/**
 * Specification: real `benchmark_serving.py --save-result` results (Llama-3.2-3B-Instruct on 4× L40S
 * behind an llm-d gateway, 10, 30 and unlimited QPS for three deployments; test/fixtures/tool-outputs/README.md)
 * import with the numbers of the file; a file of one result per line (`--append-result`) is one operating
 * point per run.
 */

const real = (name: string) => new URL(`../fixtures/tool-outputs/vllm-bench-serve/${name}`, import.meta.url).pathname;
const ONE = real('llama3.2-3b-l40sx4-10qps-save-result.json');
const ALL = real('llama3.2-3b-l40sx4-results.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'chipreg-vllm-json-'));

describe('vllm --save-result JSON, real files', () => {
  it('one result: rate, duration, counts, throughput and latencies exactly as saved; metadata keys ignored', async () => {
    const fragment = await importJson(ONE);
    assert.equal(fragment.format, 'vllm-bench-serve-json');
    assert.equal(fragment.model, 'meta-llama/Llama-3.2-3B-Instruct');
    assert.deepEqual(fragment.performance.points, [
      {
        tool: { name: 'vllm-bench-serve' },
        scenario: 'server',
        requestRate: 10,
        durationSeconds: 35.84472489100017,
        requests: { total: 300, succeeded: 300 },
        throughput: {
          requestsPerSecond: 8.369432347779671,
          outputTokensPerSecond: 2258.212337970085,
          totalTokensPerSecond: 10619.275253401978,
        },
        latencyMs: {
          ttft: { mean: 54.59561144333596, p50: 52.868896000063614, p99: 98.69780922984769 },
          tpot: { mean: 13.710971568239172, p50: 13.686303201518745, p99: 15.793261194984588 },
          itl: { mean: 13.73187330695019, p50: 13.098381999952835, p99: 34.48662216016601 },
        },
      },
    ]);
    assert.equal(
      'concurrency' in fragment.performance.points[0],
      false,
      '"max_concurrency": null is not a concurrency',
    );
  });

  it('one result per line: nine runs are nine points; an unlimited rate ("inf") is left absent', async () => {
    const { performance } = await importJson(ALL);
    assert.equal(performance.points.length, 9);
    assert.deepEqual(
      performance.points.map((p: { requestRate?: number; requests: { succeeded: number } }) => [
        p.requestRate,
        p.requests.succeeded,
      ]),
      [10, 30, undefined, 10, 30, undefined, 10, 30, undefined].map((rate, i) => [rate, i % 3 === 0 ? 300 : 900]),
    );
    const firstLine = (await importJson(ONE)).performance.points[0];
    assert.deepEqual(performance.points[0], firstLine, 'the first line is the single file');
  });

  it('a sweep assembles into one valid v2 document with nine operating points', async () => {
    const description = join(dir, 'deployment.yaml');
    writeFileSync(
      description,
      `claimedLevel: L3
submitter: { organization: huawei }
deployment:
  model: { id: glm-4-9b-chat, revision: v1.0 }
  chip: Ascend910B
  devices: 4
  precision: { weights: bf16 }
  stack: [ { kind: sdk, name: CANN, version: 8.0.0, channel: ga } ]
evidence:
  performance: { profile: chat-server }
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
      ALL,
    ]);
    const { document, report } = JSON.parse(run.stdout);
    assert.equal(document.evidence.performance.points.length, 9);
    assert.equal(report.valid, true, JSON.stringify(report.errors));
  });

  it('a damaged line is an error naming the line, never a partial import', async () => {
    const lines = readFileSync(ALL, 'utf8').split('\n');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, [...lines.slice(0, 4), lines[4]!.slice(0, 200), ...lines.slice(5)].join('\n'));
    const cut = await cli(['evidence', 'import', bad, '--json']);
    assert.notEqual(cut.code, 0);
    assert.equal(cut.stdout, '');
    assert.match(cut.stderr, /vllm-bench-serve-json, line 5: not valid JSON/);
    writeFileSync(bad, lines[0]!.replace('"completed": 300', '"completed": "300"'));
    const wrong = await cli(['evidence', 'import', bad, '--json']);
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /completed: "300" is not a number/);
  });
});
