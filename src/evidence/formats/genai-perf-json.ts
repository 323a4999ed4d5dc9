import { UnreadableToolOutputError } from '../../errors.js';
import type { ToolOutputFormat } from '../format.js';
import { isObject, jsonObject, jsonObjectOrNull, objectMember, type JsonObject } from '../json-text.js';
import { jsonNumber } from '../numbers.js';
import { genaiPoint, metricKey, type GenaiMetric } from './genai-perf-fields.js';

const NAME = 'genai-perf-json';

/**
 * `profile_export_genai_perf.json`: every metric as `{unit, avg, p50, p90, p99, …}` and the run's
 * arguments under `input_config` (flat in older versions, nested since the config-file rewrite).
 */
export const genaiPerfJson: ToolOutputFormat = {
  name: NAME,
  description: 'profile_export_genai_perf.json written by GenAI-Perf',
  detect(text) {
    const doc = jsonObjectOrNull(text);
    return !!doc && isObject(doc.request_throughput) && 'input_config' in doc;
  },
  parse(text) {
    const doc = jsonObject(text, NAME);
    const metrics = new Map<string, GenaiMetric>();
    for (const [key, value] of Object.entries(doc)) {
      if (!isObject(value) || typeof value.unit !== 'string') continue;
      const stats = new Map<string, number>();
      for (const [stat, number] of Object.entries(value)) {
        if (stat === 'unit') continue;
        const read = jsonNumber(number, `${NAME}, ${key}.${stat}`);
        if (read !== undefined) stats.set(stat, read);
      }
      metrics.set(metricKey(key), { unit: value.unit, stats });
    }
    const config = objectMember(doc, 'input_config', NAME);
    if (!config) throw new UnreadableToolOutputError(`${NAME}: no input_config`);
    return { points: [genaiPoint(metrics, NAME, runArguments(config))], model: modelName(config) };
  },
};

const path = (root: JsonObject, ...keys: string[]): unknown =>
  keys.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root);

const firstNumber = (...values: unknown[]): number | undefined =>
  values.find((v): v is number => typeof v === 'number' && Number.isFinite(v));

function runArguments(config: JsonObject) {
  const streaming = [config.streaming, path(config, 'endpoint', 'streaming')].find((v) => typeof v === 'boolean');
  return {
    concurrency: firstNumber(config.concurrency, path(config, 'perf_analyzer', 'stimulus', 'concurrency')),
    requestRate: firstNumber(config.request_rate, path(config, 'perf_analyzer', 'stimulus', 'request_rate')),
    streaming: streaming as boolean | undefined,
  };
}

function modelName(config: JsonObject): string | undefined {
  const names = config.model_names ?? config.model;
  if (Array.isArray(names) && typeof names[0] === 'string') return names[0];
  return typeof names === 'string' ? names : undefined;
}
