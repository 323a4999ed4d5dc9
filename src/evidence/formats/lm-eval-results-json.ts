import { UnreadableToolOutputError } from '../../errors.js';
import { compact } from '../compact.js';
import type { ToolOutputFormat } from '../format.js';
import type { BenchmarkScore } from '../fragment.js';
import { isObject, jsonObject, jsonObjectOrNull, objectMember, stringMember, type JsonObject } from '../json-text.js';
import { jsonNumber } from '../numbers.js';

const NAME = 'lm-eval-results-json';
/** Members of a task's result that are not metrics. */
const NOT_METRICS = new Set(['alias', 'name', 'sample_len', 'samples']);

/** `results_<date>.json` of lm-evaluation-harness (0.4.x): `results[task]["metric,filter"]`, scores as fractions. */
export const lmEvalResultsJson: ToolOutputFormat = {
  name: NAME,
  description: 'results*.json written by lm-evaluation-harness (lm_eval --output_path)',
  detect(text) {
    const doc = jsonObjectOrNull(text);
    return !!doc && isObject(doc.results) && ('versions' in doc || 'n-shot' in doc || 'configs' in doc);
  },
  parse(text) {
    const doc = jsonObject(text, NAME);
    const results = objectMember(doc, 'results', NAME);
    if (!results || !Object.keys(results).length) throw new UnreadableToolOutputError(`${NAME}: no results`);
    const nShot = objectMember(doc, 'n-shot', NAME) ?? {};
    const nSamples = objectMember(doc, 'n-samples', NAME) ?? {};
    const higherIsBetter = objectMember(doc, 'higher_is_better', NAME) ?? {};
    const tool = compact({ name: 'lm-evaluation-harness', version: stringMember(doc, 'lm_eval_version') });
    const benchmarks: BenchmarkScore[] = [];
    for (const [task, result] of Object.entries(results)) {
      if (!isObject(result)) throw new UnreadableToolOutputError(`${NAME}: results.${task} is not an object`);
      for (const [key, value] of Object.entries(result)) {
        const [metric, filter] = key.split(',');
        if (NOT_METRICS.has(key) || metric!.endsWith('_stderr')) continue;
        const score = jsonNumber(value, `${NAME}, results.${task}.${key}`);
        if (score === undefined) continue;
        const better = isObject(higherIsBetter[task]) ? (higherIsBetter[task] as JsonObject)[metric!] : undefined;
        benchmarks.push(
          compact<BenchmarkScore>({
            benchmark: task,
            score,
            // lm-eval reports accuracies as fractions; error-like metrics (perplexity) have no such scale.
            scale: better === true && score >= 0 && score <= 1 ? 'fraction' : undefined,
            metric: filter && filter !== 'none' ? key : metric,
            shots: jsonNumber(nShot[task], `${NAME}, n-shot.${task}`),
            samples: isObject(nSamples[task])
              ? jsonNumber(nSamples[task].effective, `${NAME}, n-samples.${task}`)
              : undefined,
            tool,
          }),
        );
      }
    }
    if (!benchmarks.length) throw new UnreadableToolOutputError(`${NAME}: no numeric score in results`);
    return { benchmarks, model: stringMember(doc, 'model_name') ?? pretrained(doc) };
  },
};

/** The model lm-eval was pointed at, from `config.model_args` ("pretrained=Qwen/Qwen2-7B,dtype=…"). */
function pretrained(doc: JsonObject): string | undefined {
  const args = isObject(doc.config) ? doc.config.model_args : undefined;
  return typeof args === 'string' ? /(?:^|,)pretrained=([^,]+)/.exec(args)?.[1] : undefined;
}
