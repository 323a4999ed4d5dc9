import { UnreadableToolOutputError } from '../../errors.js';
import { compact } from '../compact.js';
import type { ToolOutputFormat } from '../format.js';
import type { BenchmarkScore } from '../fragment.js';
import { isObject, jsonObject, jsonObjectOrNull, stringMember, type JsonObject } from '../json-text.js';
import { jsonNumber } from '../numbers.js';

const NAME = 'evalscope-eval-report-json';

/**
 * `reports/<model>/<dataset>.json` written by `evalscope eval`: one dataset, its metrics, and per
 * metric the categories and subsets with their scores and sample counts.
 */
export const evalscopeEvalReportJson: ToolOutputFormat = {
  name: NAME,
  description: 'reports/<model>/<dataset>.json written by `evalscope eval`',
  detect(text) {
    const doc = jsonObjectOrNull(text);
    return !!doc && typeof doc.dataset_name === 'string' && typeof doc.model_name === 'string' && 'metrics' in doc;
  },
  parse(text) {
    const doc = jsonObject(text, NAME);
    const dataset = stringMember(doc, 'dataset_name');
    if (!dataset) throw new UnreadableToolOutputError(`${NAME}: no dataset_name`);
    if (!Array.isArray(doc.metrics) || !doc.metrics.length)
      throw new UnreadableToolOutputError(`${NAME}: "metrics" is not a list of metrics`);
    const tool = { name: 'evalscope' };
    const benchmarks: BenchmarkScore[] = [];
    doc.metrics.forEach((metric: unknown, i: number) => {
      const where = `${NAME}, metrics[${i}]`;
      if (!isObject(metric) || typeof metric.name !== 'string')
        throw new UnreadableToolOutputError(`${where}: not a metric with a name`);
      const score = jsonNumber(metric.score, `${where}.score`);
      if (score === undefined) throw new UnreadableToolOutputError(`${where}: no score`);
      const scale = fractionOf(metric.name, score);
      benchmarks.push(
        compact<BenchmarkScore>({
          benchmark: dataset,
          score,
          scale,
          metric: metric.name,
          samples: count(metric.num, `${where}.num`),
          tool,
        }),
      );
      // Subsets are scored apart only when there are several; a single subset repeats the dataset's score.
      const subsets = subsetsOf(metric, where);
      if (subsets.length > 1)
        for (const [s, j] of subsets.map((s, j) => [s, j] as const)) {
          const at = `${where}.subsets[${j}]`;
          const value = jsonNumber(s.score, `${at}.score`);
          if (value === undefined) throw new UnreadableToolOutputError(`${at}: no score`);
          benchmarks.push(
            compact<BenchmarkScore>({
              benchmark: dataset,
              subset: typeof s.name === 'string' ? s.name : undefined,
              score: value,
              scale: fractionOf(metric.name, value),
              metric: metric.name,
              samples: count(s.num, `${at}.num`),
              tool,
            }),
          );
        }
    });
    return { benchmarks, model: stringMember(doc, 'model_name') };
  },
};

/**
 * evalscope's `mean_*` metrics (and the older `AverageAccuracy`) average per-sample scores of 0 to 1,
 * so they are fractions by construction; any other metric's scale is left to the registry.
 */
function fractionOf(metric: string, score: number): 'fraction' | undefined {
  return /^(mean_|AverageAccuracy$|WeightedAverageAccuracy$)/.test(metric) && score >= 0 && score <= 1
    ? 'fraction'
    : undefined;
}

const count = (value: unknown, where: string) => {
  const n = jsonNumber(value, where);
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
};

function subsetsOf(metric: JsonObject, where: string): JsonObject[] {
  if (metric.categories === undefined) return [];
  if (!Array.isArray(metric.categories)) throw new UnreadableToolOutputError(`${where}: "categories" is not a list`);
  return metric.categories.flatMap((category: unknown, i: number) => {
    if (!isObject(category) || !Array.isArray(category.subsets))
      throw new UnreadableToolOutputError(`${where}.categories[${i}]: no list of subsets`);
    return category.subsets.map((subset: unknown, j: number) => {
      if (!isObject(subset))
        throw new UnreadableToolOutputError(`${where}.categories[${i}].subsets[${j}]: not an object`);
      return subset;
    });
  });
}
