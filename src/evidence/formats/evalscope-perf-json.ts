import type { ToolOutputFormat } from '../format.js';
import { jsonObject, jsonObjectOrNull } from '../json-text.js';
import { jsonNumber } from '../numbers.js';
import {
  EVALSCOPE_UNMEASURED,
  evalscopePoint,
  isEvalscopeField,
  type EvalscopeSummary,
} from './evalscope-perf-fields.js';

const NAME = 'evalscope-perf-json';

/** `benchmark_summary.json`, which `evalscope perf` writes next to its database: the summary table as one object. */
export const evalscopePerfJson: ToolOutputFormat = {
  name: NAME,
  description: 'benchmark_summary.json written by `evalscope perf`',
  detect(text) {
    const doc = jsonObjectOrNull(text);
    return !!doc && ('Number of concurrency' in doc || 'Test Duration (s)' in doc) && !('results' in doc);
  },
  parse(text) {
    const doc = jsonObject(text, NAME);
    const summary: EvalscopeSummary = { values: new Map(), percentiles: new Map() };
    for (const [key, value] of Object.entries(doc)) {
      if (!isEvalscopeField(key)) continue;
      const number = jsonNumber(value, `${NAME}, ${key}`, EVALSCOPE_UNMEASURED);
      if (number !== undefined) summary.values.set(key, number);
    }
    return { points: [evalscopePoint(summary, NAME)] };
  },
};
