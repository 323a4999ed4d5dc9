import { UnreadableToolOutputError } from '../../errors.js';
import { compact } from '../compact.js';
import type { ToolOutputFormat } from '../format.js';
import type { LatencyKind, LatencyStats, OperatingPoint } from '../fragment.js';
import { jsonObject, jsonObjectOrNull, stringMember, type JsonObject } from '../json-text.js';
import { jsonNumber } from '../numbers.js';

const NAME = 'vllm-bench-serve-json';
const KINDS: Record<string, LatencyKind> = { ttft: 'ttft', tpot: 'tpot', itl: 'itl', e2el: 'e2e' };
const STATS: Record<string, keyof LatencyStats> = { mean: 'mean', median: 'p50', p50: 'p50', p90: 'p90', p99: 'p99' };

const isResult = (doc: JsonObject | null) =>
  !!doc && 'request_throughput' in doc && 'completed' in doc && 'duration' in doc;

/**
 * The result file `vllm bench serve --save-result` (benchmark_serving.py --save-result) writes: one
 * JSON object, or with `--append-result` one object per line, each run its own operating point.
 */
export const vllmBenchServeJson: ToolOutputFormat = {
  name: NAME,
  description:
    'the JSON result of `vllm bench serve --save-result` / benchmark_serving.py --save-result (one run per line with --append-result)',
  detect: (text) => isResult(jsonObjectOrNull(text)) || isResult(jsonObjectOrNull(text.trimStart().split('\n')[0]!)),
  parse(text) {
    const whole = jsonObjectOrNull(text);
    const docs = whole
      ? [whole]
      : text
          .split('\n')
          .map((line, i) => [line, i] as const)
          .filter(([line]) => line.trim())
          .map(([line, i]) => jsonObject(line, `${NAME}, line ${i + 1}`));
    const points = docs.map((doc, i) => pointOf(doc, docs.length > 1 ? `${NAME}, line ${i + 1}` : NAME));
    const models = [...new Set(docs.map((doc) => stringMember(doc, 'model_id')).filter(Boolean))];
    return { points, model: models.length === 1 ? models[0] : undefined };
  },
};

function pointOf(doc: JsonObject, where: string): OperatingPoint {
  const num = (key: string) => jsonNumber(doc[key], `${where}, ${key}`);
  const succeeded = num('completed');
  const duration = num('duration');
  if (succeeded === undefined || duration === undefined)
    throw new UnreadableToolOutputError(`${where}: no "completed" or "duration"`);
  return compact<OperatingPoint>({
    tool: { name: 'vllm-bench-serve' },
    scenario: 'server',
    concurrency: num('max_concurrency'),
    requestRate: rate(doc, where),
    input: { dataset: stringMember(doc, 'dataset_name') },
    durationSeconds: duration,
    requests: { total: num('num_prompts'), succeeded, failed: num('failed') },
    throughput: {
      requestsPerSecond: num('request_throughput'),
      outputTokensPerSecond: num('output_throughput'),
      totalTokensPerSecond: num('total_token_throughput'),
    },
    latencyMs: latency(doc, where),
  });
}

/** The target rate: "inf" (written as a string or as Infinity) means unlimited, which the contract leaves absent. */
function rate(doc: JsonObject, where: string): number | undefined {
  const value = doc.request_rate;
  if (value === 'inf' || value === 'Infinity' || value === Infinity) return undefined;
  return jsonNumber(value, `${where}, request_rate`);
}

function latency(doc: JsonObject, where: string): Partial<Record<LatencyKind, LatencyStats>> {
  const out: Partial<Record<LatencyKind, LatencyStats>> = {};
  for (const key of Object.keys(doc)) {
    const match = /^(mean|median|p\d+)_(ttft|tpot|itl|e2el)_ms$/.exec(key);
    const stat = match && STATS[match[1]!];
    const kind = match && KINDS[match[2]!];
    if (!stat || !kind) continue;
    const value = jsonNumber(doc[key], `${where}, ${key}`);
    if (value !== undefined) (out[kind] ??= {})[stat] = value;
  }
  return out;
}
