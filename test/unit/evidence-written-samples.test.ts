import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnreadableToolOutputError } from '../../src/errors.js';
import { importToolOutput } from '../../src/evidence/import-tool-output.js';

/**
 * Samples written here from the tools' source, for the three readers no real public output file
 * was found for (test/fixtures/tool-outputs/README.md says so). They add cases; they are not the
 * real-file specs of test/cli/evidence-import.test.ts.
 */
const read = (text: string, options = {}) => importToolOutput(Buffer.from(text), 'sample', options);

describe('readers specified only on written samples', () => {
  it('vllm --save-result JSON: "inf" rate and null concurrency are absent, p90 is kept when present', () => {
    // Keys as vllm/benchmarks/serve.py writes them (request_rate is the string "inf" when unlimited).
    const fragment = read(
      JSON.stringify({
        date: '20250101-000000',
        backend: 'vllm',
        model_id: 'Qwen/Qwen2.5-7B-Instruct',
        num_prompts: 100,
        request_rate: 'inf',
        max_concurrency: null,
        duration: 12.5,
        completed: 99,
        failed: 1,
        request_throughput: 7.92,
        output_throughput: 1013.76,
        total_token_throughput: 2027.52,
        mean_ttft_ms: 120.5,
        median_ttft_ms: 110.25,
        p90_ttft_ms: 180,
        p99_ttft_ms: 250.75,
        mean_tpot_ms: 12.5,
        std_tpot_ms: 1.1,
      }),
    );
    assert.equal(fragment.format, 'vllm-bench-serve-json');
    assert.equal(fragment.model, 'Qwen/Qwen2.5-7B-Instruct');
    assert.deepEqual(fragment.performance!.points[0], {
      tool: { name: 'vllm-bench-serve' },
      scenario: 'server',
      durationSeconds: 12.5,
      requests: { total: 100, succeeded: 99, failed: 1 },
      throughput: { requestsPerSecond: 7.92, outputTokensPerSecond: 1013.76, totalTokensPerSecond: 2027.52 },
      latencyMs: { ttft: { mean: 120.5, p50: 110.25, p90: 180, p99: 250.75 }, tpot: { mean: 12.5 } },
    });
    assert.throws(() => read('{"completed": 1, "duration": "x", "request_throughput": 1}'), UnreadableToolOutputError);
  });

  it('GenAI-Perf JSON: units per metric (seconds converted), streaming and concurrency from input_config', () => {
    // Shape of genai_perf/export_data/json_exporter.py: the stats dict plus input_config.
    const fragment = read(
      JSON.stringify({
        time_to_first_token: { unit: 'ms', avg: 16.26, p50: 16.1, p90: 16.68, p99: 17.09, min: 12.39 },
        request_latency: { unit: 's', avg: 0.4992, p99: 0.54869 },
        request_throughput: { unit: 'requests/sec', avg: 1.99 },
        output_token_throughput: { unit: 'tokens/sec', avg: 520.87 },
        input_config: { model: ['llama'], concurrency: 4, streaming: true },
      }),
    );
    assert.equal(fragment.format, 'genai-perf-json');
    assert.equal(fragment.model, 'llama');
    const [point] = fragment.performance!.points;
    assert.equal(point!.concurrency, 4);
    assert.equal(point!.streaming, true);
    assert.deepEqual(point!.latencyMs!.e2e, { mean: 499.2, p99: 548.69 });
    assert.deepEqual(point!.latencyMs!.ttft, { mean: 16.26, p50: 16.1, p90: 16.68, p99: 17.09 });
  });

  it('OpenCompass summary CSV: "-" is no score (a warning), never 0', () => {
    // The header opencompass/summarizers/default.py writes; one model column.
    const fragment = read(
      'dataset,version,metric,mode,qwen2.5-7b-instruct-vllm\ngsm8k,1d7fe4,accuracy,gen,91.58\nmath,-,-,-,-\n',
    );
    assert.equal(fragment.format, 'opencompass-summary-csv');
    assert.deepEqual(fragment.accuracy!.benchmarks, [
      { benchmark: 'gsm8k', score: 91.58, scale: 'percent', metric: 'accuracy', tool: { name: 'opencompass' } },
    ]);
    assert.deepEqual(fragment.warnings, ['math (-) has no score for qwen2.5-7b-instruct-vllm']);
  });
});
