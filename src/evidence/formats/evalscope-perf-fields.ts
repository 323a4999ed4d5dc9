import { UnreadableToolOutputError } from '../../errors.js';
import { compact } from '../compact.js';
import type { LatencyKind, LatencyStats, OperatingPoint } from '../fragment.js';
import { toMs } from '../numbers.js';

/** Where each summary key of `evalscope perf` goes, across its three generations of names. */
type Target =
  | 'duration'
  | 'concurrency'
  | 'rate'
  | 'total'
  | 'succeeded'
  | 'failed'
  | 'rps'
  | 'outputTps'
  | 'totalTps'
  | 'inputMean'
  | 'outputMean'
  | `${LatencyKind}.mean`;

/** key → [target, unit of time (for latencies)] */
const FIELDS: Record<string, [Target, string?]> = {
  // 0.5–0.x plain lines (seconds without a unit in the key)
  'Time taken for tests': ['duration'],
  'Number of concurrency': ['concurrency'],
  'Total requests': ['total'],
  'Succeed requests': ['succeeded'],
  'Failed requests': ['failed'],
  'Average QPS': ['rps'],
  'Average latency': ['e2e.mean', 's'],
  'Throughput(average output tokens per second)': ['outputTps'],
  'Average time to first token': ['ttft.mean', 's'],
  'Average input tokens per request': ['inputMean'],
  'Average output tokens per request': ['outputMean'],
  'Average time per output token': ['tpot.mean', 's'],
  // grid tables and benchmark_summary.json (units in the key)
  'Time taken for tests (s)': ['duration'],
  'Request rate (req/s)': ['rate'],
  'Output token throughput (tok/s)': ['outputTps'],
  'Total token throughput (tok/s)': ['totalTps'],
  'Request throughput (req/s)': ['rps'],
  'Average latency (s)': ['e2e.mean', 's'],
  'Average time to first token (s)': ['ttft.mean', 's'],
  'Average time per output token (s)': ['tpot.mean', 's'],
  'Average inter-token latency (s)': ['itl.mean', 's'],
  // 1.x box tables
  'Test Duration (s)': ['duration'],
  Concurrency: ['concurrency'],
  'Request Rate (req/s)': ['rate'],
  'Req Throughput (req/s)': ['rps'],
  'Avg Latency (s)': ['e2e.mean', 's'],
  'TTFT (ms)': ['ttft.mean', 'ms'],
  'TPOT (ms)': ['tpot.mean', 'ms'],
  'ITL (ms)': ['itl.mean', 'ms'],
  'Avg Input Tokens': ['inputMean'],
  'Avg Output Tokens': ['outputMean'],
  'Output Throughput (tok/s)': ['outputTps'],
  'Total Throughput (tok/s)': ['totalTps'],
};

export interface EvalscopeSummary {
  /** Summary values by evalscope's key; -1 (its "not measured") is already removed. */
  values: Map<string, number>;
  /** Percentiles by metric label ("TTFT (ms)", "Latency (s)") and percent (50, 90, 99). */
  percentiles: Map<string, Map<number, number>>;
  command?: string;
  streaming?: boolean;
  dataset?: string;
}

const PERCENTILE_KIND: Array<[RegExp, LatencyKind]> = [
  [/^TTFT\b/i, 'ttft'],
  [/^TPOT\b/i, 'tpot'],
  [/^ITL\b/i, 'itl'],
  [/^(Latency|request latency)\b/i, 'e2e'],
  [/^time to first token\b/i, 'ttft'],
];

/** One operating point from an evalscope perf summary in any of its generations. */
export function evalscopePoint(summary: EvalscopeSummary, where: string): OperatingPoint {
  const got: Partial<Record<Target, number>> = {};
  const latencyMs: Partial<Record<LatencyKind, LatencyStats>> = {};
  for (const [key, value] of summary.values) {
    const field = FIELDS[key];
    if (!field) continue;
    const [target, unit] = field;
    if (target.endsWith('.mean')) {
      (latencyMs[target.split('.')[0] as LatencyKind] ??= {}).mean = toMs(value, unit!, `${where}, ${key}`);
    } else got[target] ??= value;
  }
  if (got.succeeded === undefined || got.duration === undefined)
    throw new UnreadableToolOutputError(`${where}: no succeeded-requests count or test duration`);
  for (const [label, byPercent] of summary.percentiles) {
    const kind = PERCENTILE_KIND.find(([pattern]) => pattern.test(label))?.[1];
    if (!kind) continue;
    const unit = /\((ms|s)\)/.exec(label)?.[1] ?? 's';
    for (const [percent, stat] of [
      [50, 'p50'],
      [90, 'p90'],
      [99, 'p99'],
    ] as const) {
      const value = byPercent.get(percent);
      if (value !== undefined) (latencyMs[kind] ??= {})[stat] = toMs(value, unit, `${where}, ${label} ${percent}%`);
    }
  }
  return compact<OperatingPoint>({
    tool: { name: 'evalscope-perf', command: summary.command },
    scenario: 'server',
    concurrency: got.concurrency,
    requestRate: got.rate,
    streaming: summary.streaming,
    input: { dataset: summary.dataset, meanTokens: got.inputMean },
    output: { meanTokens: got.outputMean },
    // A run in which nothing succeeded reports 0 s; that is no measured duration.
    durationSeconds: got.duration > 0 ? got.duration : undefined,
    requests: { total: got.total, succeeded: got.succeeded, failed: got.failed },
    throughput: {
      requestsPerSecond: got.rps,
      outputTokensPerSecond: got.outputTps,
      totalTokensPerSecond: got.totalTps,
    },
    latencyMs,
  });
}

/** The summary keys chipreg reads; other rows (model name, spec-decoding figures…) are not operating-point fields. */
export const isEvalscopeField = (key: string): boolean => key in FIELDS;

/** evalscope writes -1 for what it could not measure. */
export const EVALSCOPE_UNMEASURED = [-1];
