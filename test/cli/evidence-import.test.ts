import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { importJson } from '../helpers/import-json.js';
import { cli } from '../helpers/run-cli.js';

/** Real outputs of the tools; test/fixtures/tool-outputs/README.md names the source of each. */
const real = (path: string) => new URL(`../fixtures/tool-outputs/${path}`, import.meta.url).pathname;

describe('chipreg evidence import reads real tool outputs into v2 operating points', () => {
  it('vllm bench serve printed summary: counts, seconds, req/s, tok/s and ms as printed', async () => {
    const fragment = await importJson(real('vllm-bench-serve/qwen2.5-0.5b-c50-printed.txt'));
    assert.equal(fragment.format, 'vllm-bench-serve-printed');
    assert.deepEqual(fragment.performance.points, [
      {
        tool: { name: 'vllm-bench-serve' },
        scenario: 'server',
        concurrency: 50,
        durationSeconds: 9.25,
        requests: { succeeded: 1000, failed: 0 },
        throughput: { requestsPerSecond: 108.08, outputTokensPerSecond: 10808.22, totalTokensPerSecond: 21616.43 },
        latencyMs: {
          ttft: { mean: 73.18, p50: 74.81, p99: 144.48 },
          tpot: { mean: 3.85, p50: 3.85, p99: 4.14 },
          itl: { mean: 3.86, p50: 3.63, p99: 12.26 },
        },
      },
    ]);
  });

  it('an older vllm summary without failed requests or concurrency leaves them absent, not 0', async () => {
    const [point] = (await importJson(real('vllm-bench-serve/pr-18566-llama3.1-8b-sharegpt-printed.txt'))).performance
      .points;
    assert.deepEqual(point.requests, { succeeded: 1000 });
    assert.equal('concurrency' in point, false);
    assert.equal(point.latencyMs.ttft.mean, 9626.13);
    assert.equal(point.latencyMs.tpot.p99, 211.21);
    assert.equal(point.durationSeconds, 30.85);
  });

  it('evalscope perf, first generation (plain lines, seconds): latencies become milliseconds', async () => {
    const [point] = (await importJson(real('evalscope-perf/issue-103-printed-v0.5.txt'))).performance.points;
    assert.equal(point.tool.name, 'evalscope-perf');
    assert.equal(point.concurrency, 128);
    assert.equal(point.durationSeconds, 22.512);
    assert.deepEqual(point.requests, { total: 100, succeeded: 100, failed: 0 });
    assert.deepEqual(point.throughput, { requestsPerSecond: 4.442, outputTokensPerSecond: 891.275 });
    assert.deepEqual(point.latencyMs.ttft, { mean: 2701, p50: 2713.7, p90: 2881.6, p99: 2984.7 });
    assert.deepEqual(point.latencyMs.e2e, { mean: 14140, p50: 14763.7, p90: 19777.7, p99: 22501.6 });
    assert.deepEqual(point.latencyMs.tpot, { mean: 1.12 });
    assert.deepEqual(point.input, { meanTokens: 28.89 });
  });

  it('evalscope perf grid tables (seconds in the keys, percentiles as rows)', async () => {
    const [point] = (await importJson(real('evalscope-perf/qwen2.5-0.5b-c50-printed-v0.17.txt'))).performance.points;
    assert.equal(point.concurrency, 50);
    assert.equal('requestRate' in point, false, 'a rate of -1 is "not set"');
    assert.equal(point.durationSeconds, 9.4961);
    assert.deepEqual(point.requests, { total: 1000, succeeded: 1000, failed: 0 });
    assert.deepEqual(point.latencyMs.ttft, { mean: 113.1, p50: 94.9, p90: 163, p99: 430.2 });
    assert.deepEqual(point.latencyMs.tpot, { mean: 3.6, p50: 3.2, p90: 4.3, p99: 5.9 });
    assert.deepEqual(point.latencyMs.e2e, { mean: 466.3, p50: 422.5, p90: 598.5, p99: 816.1 });
    assert.deepEqual(point.output, { meanTokens: 100 });
  });

  it('evalscope perf box tables (1.x: TTFT in ms, latency in s, percentiles as columns)', async () => {
    const [point] = (await importJson(real('evalscope-perf/quick-start-c200-printed-v1.txt'))).performance.points;
    assert.equal(point.concurrency, 200);
    assert.equal(point.durationSeconds, 38.31);
    assert.deepEqual(point.requests, { total: 400, succeeded: 400, failed: 0 });
    assert.deepEqual(point.throughput, {
      requestsPerSecond: 10.44,
      outputTokensPerSecond: 10692.45,
      totalTokensPerSecond: 21384.91,
    });
    assert.deepEqual(point.latencyMs.ttft, { mean: 717.63, p50: 333.79, p90: 1812.13, p99: 2319.52 });
    assert.deepEqual(point.latencyMs.e2e, { mean: 18780, p50: 18710, p90: 20280, p99: 20840 });
  });

  it('evalscope benchmark_summary.json of a failed run: -1 means not measured, so only the counts remain', async () => {
    const fragment = await importJson(real('evalscope-perf/issue-1231-benchmark_summary-failed.json'));
    assert.deepEqual(fragment.performance.points, [
      {
        tool: { name: 'evalscope-perf' },
        scenario: 'server',
        concurrency: 10,
        requests: { total: 30, succeeded: 0, failed: 30 },
      },
    ]);
    assert.deepEqual(fragment.warnings, ['operating point 1: no request succeeded']);
  });

  it('AISBench printed tables: units inside the cells, duration in ms becomes seconds', async () => {
    const [point] = (await importJson(real('aisbench/demo-gsm8k-perf-printed.txt'))).performance.points;
    assert.equal(point.tool.name, 'aisbench');
    assert.equal(point.concurrency, 1);
    assert.deepEqual(point.input, { dataset: 'demo_gsm8k', meanTokens: 1512.5 });
    assert.equal(point.durationSeconds, 98.4094916);
    assert.deepEqual(point.requests, { total: 8, succeeded: 8, failed: 0 });
    assert.deepEqual(point.throughput, {
      requestsPerSecond: 0.0813,
      outputTokensPerSecond: 41.622,
      totalTokensPerSecond: 164.5776,
    });
    assert.deepEqual(point.latencyMs.ttft, { mean: 2006, p50: 2006.1, p90: 2006.6, p99: 2007.3 });
    assert.deepEqual(point.latencyMs.e2e, { mean: 12300.2, p50: 12300, p90: 12304.3, p99: 12305.1 });
  });

  it('GenAI-Perf CSV: quoted thousands separators ("1,146.31") read as numbers', async () => {
    const [point] = (await importJson(real('genai-perf/cloudai-ai-dynamo-profile_genai_perf.csv'))).performance.points;
    assert.equal(point.tool.name, 'genai-perf');
    assert.deepEqual(point.latencyMs.ttft, { mean: 1146.31, p50: 640.07, p90: 3215.06, p99: 3457.97 });
    assert.deepEqual(point.latencyMs.e2e, { mean: 6406.2, p50: 5690.23, p90: 9028.16, p99: 9436.13 });
    assert.deepEqual(point.input, { meanTokens: 3000.05 });
    assert.deepEqual(point.throughput, { requestsPerSecond: 1.5, outputTokensPerSecond: 261.25 });
    assert.deepEqual(point.requests, { total: 40 });
  });

  it('GenAI-Perf printed table: the columns it printed, no p50 invented', async () => {
    const [point] = (await importJson(real('genai-perf/readme-llm-metrics-printed.txt'))).performance.points;
    assert.deepEqual(point.latencyMs.ttft, { mean: 16.26, p90: 16.68, p99: 17.09 });
    assert.deepEqual(point.latencyMs.itl, { mean: 1.85, p90: 1.97, p99: 2.02 });
    assert.deepEqual(point.throughput, { requestsPerSecond: 1.99, outputTokensPerSecond: 520.87 });
  });

  it('MLPerf LoadGen Server summary: nanoseconds become milliseconds, target_qps the offered rate', async () => {
    const fragment = await importJson(real('mlperf-loadgen/llama2-70b-server-h100x8-mlperf_log_summary.txt'));
    const [point] = fragment.performance.points;
    assert.equal(point.scenario, 'server');
    assert.equal(point.requestRate, 75);
    assert.deepEqual(point.throughput, { requestsPerSecond: 74.42, outputTokensPerSecond: 21605.79 });
    assert.deepEqual(point.latencyMs.ttft, { mean: 275.92644, p50: 272.954995, p90: 372.923186, p99: 461.278089 });
    assert.deepEqual(point.latencyMs.tpot.p99, 175.354317);
    assert.equal(point.latencyMs.e2e.p99, 144812.821227);
    assert.equal('durationSeconds' in point, false, 'the summary states the minimum duration, not the measured one');
    assert.deepEqual(fragment.warnings, []);
  });

  it('MLPerf LoadGen Offline summary: no request rate, no TTFT', async () => {
    const [point] = (await importJson(real('mlperf-loadgen/llama2-70b-offline-h100x8-mlperf_log_summary.txt')))
      .performance.points;
    assert.equal(point.scenario, 'offline');
    assert.equal('requestRate' in point, false);
    assert.deepEqual(point.throughput, { requestsPerSecond: 84.4792, outputTokensPerSecond: 24524.9 });
    assert.deepEqual(Object.keys(point.latencyMs), ['e2e']);
  });
});

describe('chipreg evidence import reads real accuracy outputs into v2 benchmark scores', () => {
  it('lm-evaluation-harness results JSON: fractions, metric, shots and samples as recorded', async () => {
    const { accuracy } = await importJson(real('lm-eval-harness/cpu_regression_expected.json'));
    assert.deepEqual(accuracy.benchmarks[0], {
      benchmark: 'arc_easy',
      score: 0.3,
      scale: 'fraction',
      metric: 'acc',
      shots: 0,
      samples: 10,
      tool: { name: 'lm-evaluation-harness' },
    });
    const perplexity = accuracy.benchmarks.find((b: { metric: string }) => b.metric === 'perplexity');
    assert.equal(perplexity.score, 605.5452047779999);
    assert.equal('scale' in perplexity, false, 'a perplexity is neither a fraction nor a percentage');
    assert.equal(
      accuracy.benchmarks.some((b: { metric: string }) => b.metric.endsWith('_stderr')),
      false,
    );
  });

  it('OpenCompass printed summary: percent scores of the chosen model column', async () => {
    const fragment = await importJson(
      real('opencompass/quality-qwen1.5-summary-printed.txt'),
      '--model',
      'qwen1.5-72b-chat-hf',
    );
    assert.equal(fragment.model, 'qwen1.5-72b-chat-hf');
    assert.deepEqual(
      fragment.accuracy.benchmarks.map((b: { metric: string; score: number; scale: string }) => [
        b.metric,
        b.score,
        b.scale,
      ]),
      [
        ['easy_acc', 76.69, 'percent'],
        ['hard_acc', 63.96, 'percent'],
        ['all_acc', 68.84, 'percent'],
      ],
    );
  });

  it('a summary of several models needs --model, and the error lists them', async () => {
    const run = await cli(['evidence', 'import', real('opencompass/quality-qwen1.5-summary-printed.txt')]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /choose one with --model \(qwen1\.5-7b-chat-hf, qwen1\.5-14b-chat-hf, qwen1\.5-72b-chat-hf\)/,
    );
    assert.equal(run.stdout, '');
  });

  it('evalscope eval report: "40%" is a percentage; subsets and sample counts kept', async () => {
    const fragment = await importJson(real('evalscope-eval/basic-usage-report-printed.txt'));
    assert.equal(fragment.model, 'Qwen2.5-0.5B-Instruct');
    assert.deepEqual(fragment.accuracy.benchmarks[1], {
      benchmark: 'ai2_arc',
      score: 80,
      scale: 'percent',
      metric: 'Accuracy',
      subset: 'ARC-Easy',
      samples: 5,
      tool: { name: 'evalscope-eval' },
    });
  });
});

describe('chipreg evidence import refuses what it cannot read, and imports nothing then', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipreg-evidence-'));
  const copy = (path: string, change: (text: string) => string) => {
    const target = join(dir, `damaged-${basename(path)}`);
    writeFileSync(target, change(readFileSync(real(path), 'utf8')));
    return target;
  };
  const cutInHalf = (text: string) => text.slice(0, Math.floor(text.length / 2));
  /** The first number after `label` replaced by letters: what a bad paste or a broken disk leaves. */
  const garble = (label: string) => (text: string) => {
    const at = text.indexOf(label);
    assert.ok(at >= 0, label);
    return text.slice(0, at) + text.slice(at).replace(/\d+(\.\d+)?/, 'x1y');
  };

  const damaged: Array<[string, string, (text: string) => string]> = [
    ['vllm-bench-serve-printed', 'vllm-bench-serve/qwen2.5-0.5b-c50-printed.txt', cutInHalf],
    ['vllm-bench-serve-printed', 'vllm-bench-serve/qwen2.5-0.5b-c50-printed.txt', garble('Mean TTFT')],
    ['evalscope-perf-printed', 'evalscope-perf/issue-103-printed-v0.5.txt', cutInHalf],
    ['evalscope-perf-printed', 'evalscope-perf/qwen2.5-0.5b-c50-printed-v0.17.txt', cutInHalf],
    ['evalscope-perf-printed', 'evalscope-perf/quick-start-c200-printed-v1.txt', cutInHalf],
    ['evalscope-perf-printed', 'evalscope-perf/quick-start-c200-printed-v1.txt', garble('TTFT (ms)  ')],
    ['evalscope-perf-json', 'evalscope-perf/issue-1231-benchmark_summary-failed.json', cutInHalf],
    [
      'evalscope-perf-json',
      'evalscope-perf/issue-1231-benchmark_summary-failed.json',
      (t) => t.replace('30,', '"30",'),
    ],
    ['aisbench-perf-printed', 'aisbench/demo-gsm8k-perf-printed.txt', cutInHalf],
    ['aisbench-perf-printed', 'aisbench/demo-gsm8k-perf-printed.txt', garble('TTFT ')],
    ['genai-perf-csv', 'genai-perf/cloudai-ai-dynamo-profile_genai_perf.csv', cutInHalf],
    ['genai-perf-csv', 'genai-perf/cloudai-ai-dynamo-profile_genai_perf.csv', garble('Request Latency')],
    ['genai-perf-printed', 'genai-perf/readme-llm-metrics-printed.txt', cutInHalf],
    ['genai-perf-printed', 'genai-perf/readme-llm-metrics-printed.txt', garble('Request latency')],
    ['mlperf-loadgen-summary', 'mlperf-loadgen/llama2-70b-server-h100x8-mlperf_log_summary.txt', cutInHalf],
    [
      'mlperf-loadgen-summary',
      'mlperf-loadgen/llama2-70b-server-h100x8-mlperf_log_summary.txt',
      garble('Mean First Token latency'),
    ],
    ['lm-eval-results-json', 'lm-eval-harness/cpu_regression_expected.json', cutInHalf],
    [
      'lm-eval-results-json',
      'lm-eval-harness/cpu_regression_expected.json',
      (t) => t.replace('"acc,none": 0.3', '"acc,none": "0.3"'),
    ],
    ['opencompass-summary-printed', 'opencompass/quality-qwen1.5-summary-printed.txt', garble('hard_acc')],
    ['evalscope-eval-printed', 'evalscope-eval/basic-usage-report-printed.txt', cutInHalf],
    ['evalscope-eval-printed', 'evalscope-eval/basic-usage-report-printed.txt', garble('ARC-Easy')],
  ];

  for (const [format, path, change] of damaged) {
    it(`a damaged ${format} file (${change === cutInHalf ? 'cut in half' : 'a number garbled'}) is a clear error`, async () => {
      const target = copy(path, change);
      const run = await cli(['evidence', 'import', target, '--model', 'qwen1.5-7b-chat-hf']);
      assert.equal(run.code, 1, run.stdout);
      assert.equal(run.stdout, '', 'nothing of a damaged file is imported');
      assert.match(run.stderr, new RegExp(`is not a readable ${format} file|is not a tool output chipreg recognises`));
      assert.match(run.stderr, /Known formats \(--format NAME\):\n {2}vllm-bench-serve-json/);
    });
  }

  it('one unreadable file among several imports none of them', async () => {
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'Throughput was great, about 5000 tok/s.\n');
    const run = await cli(['evidence', 'import', real('vllm-bench-serve/qwen2.5-0.5b-c50-printed.txt'), bad, '--json']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /notes\.txt is not a tool output chipreg recognises/);
  });

  it('--format forces a reader: a vLLM summary is not a GenAI-Perf CSV', async () => {
    const run = await cli([
      'evidence',
      'import',
      real('vllm-bench-serve/qwen2.5-0.5b-c50-printed.txt'),
      '--format',
      'genai-perf-csv',
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /is not a readable genai-perf-csv file/);
    const unknown = await cli(['evidence', 'import', real('aisbench/demo-gsm8k-perf-printed.txt'), '--format', 'nope']);
    assert.match(unknown.stderr, /no format "nope"/);
  });

  it('a missing file, a directory and a binary file are errors too', async () => {
    assert.match((await cli(['evidence', 'import', join(dir, 'absent.json')])).stderr, /file not found/);
    const binary = join(dir, 'blob.bin');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    assert.match((await cli(['evidence', 'import', binary])).stderr, /is binary, not a tool output/);
    assert.match((await cli(['evidence', 'import', dir])).stderr, /is not a regular file/);
  });

  it('prints a readable summary without --json', async () => {
    const run = await cli([
      'evidence',
      'import',
      real('mlperf-loadgen/llama2-70b-server-h100x8-mlperf_log_summary.txt'),
    ]);
    assert.equal(run.code, 0);
    assert.match(
      run.stdout,
      /mlperf-loadgen-summary\n {2}mlperf-loadgen server, 75 req\/s offered: 74\.42 req\/s, 21605\.79 output tok\/s, TTFT p99 461\.278089 ms/,
    );
  });
});
