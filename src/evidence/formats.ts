import type { ToolOutputFormat } from './format.js';
import { aisbenchPerfPrinted } from './formats/aisbench-perf-printed.js';
import { evalscopeEvalPrinted } from './formats/evalscope-eval-printed.js';
import { evalscopeEvalReportJson } from './formats/evalscope-eval-report-json.js';
import { evalscopePerfJson } from './formats/evalscope-perf-json.js';
import { evalscopePerfPrinted } from './formats/evalscope-perf-printed.js';
import { genaiPerfCsv } from './formats/genai-perf-csv.js';
import { genaiPerfJson } from './formats/genai-perf-json.js';
import { genaiPerfPrinted } from './formats/genai-perf-printed.js';
import { lmEvalResultsJson } from './formats/lm-eval-results-json.js';
import { mlperfLoadgenDetail } from './formats/mlperf-loadgen-detail.js';
import { mlperfLoadgenSummary } from './formats/mlperf-loadgen-summary.js';
import { opencompassSummaryCsv, opencompassSummaryPrinted } from './formats/opencompass-summary.js';
import { vllmBenchServeJson } from './formats/vllm-bench-serve-json.js';
import { vllmBenchServePrinted } from './formats/vllm-bench-serve-printed.js';

/** Every tool output chipreg reads, by the name `--format` takes. */
export const FORMATS: readonly ToolOutputFormat[] = [
  vllmBenchServeJson,
  vllmBenchServePrinted,
  evalscopePerfJson,
  evalscopePerfPrinted,
  aisbenchPerfPrinted,
  genaiPerfJson,
  genaiPerfCsv,
  genaiPerfPrinted,
  mlperfLoadgenSummary,
  mlperfLoadgenDetail,
  lmEvalResultsJson,
  opencompassSummaryCsv,
  opencompassSummaryPrinted,
  evalscopeEvalPrinted,
  evalscopeEvalReportJson,
];

export const formatNames = (): string[] => FORMATS.map((format) => format.name);
