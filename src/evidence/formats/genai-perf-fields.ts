import { UnreadableToolOutputError } from '../../errors.js';
import { compact } from '../compact.js';
import type { LatencyKind, LatencyStats, OperatingPoint } from '../fragment.js';
import { toMs } from '../numbers.js';

/** One GenAI-Perf metric: its statistics by column name (avg, p50, p99…) and the unit it was stated in. */
export interface GenaiMetric {
  unit: string;
  stats: Map<string, number>;
}

const LATENCY: Array<[RegExp, LatencyKind]> = [
  [/^time[ _]to[ _]first[ _]token$/i, 'ttft'],
  [/^inter[ _]token[ _]latency$/i, 'itl'],
  [/^request[ _]latency$/i, 'e2e'],
];
const STAT: Record<string, keyof LatencyStats> = { avg: 'mean', p50: 'p50', p90: 'p90', p99: 'p99' };

/** The metric name without its unit: "Time To First Token (ms)" → "time to first token". */
export const metricKey = (label: string): string =>
  label
    .replace(/\s*\([^)]*\)\s*$/, '')
    .trim()
    .toLowerCase()
    .replaceAll('_', ' ');

/** The unit in a label's parentheses ("Time To First Token (ms)" → "ms"). */
export const labelUnit = (label: string): string => /\(([^)]*)\)\s*$/.exec(label)?.[1] ?? '';

/** One operating point from GenAI-Perf's metrics, whichever file they came from. */
export function genaiPoint(
  metrics: Map<string, GenaiMetric>,
  where: string,
  extra: Partial<Pick<OperatingPoint, 'concurrency' | 'requestRate' | 'streaming'>> & {
    command?: string;
    version?: string;
  } = {},
): OperatingPoint {
  const avg = (name: string) => metrics.get(name)?.stats.get('avg');
  const latencyMs: Partial<Record<LatencyKind, LatencyStats>> = {};
  for (const [name, metric] of metrics) {
    const kind = LATENCY.find(([pattern]) => pattern.test(name))?.[1];
    if (!kind) continue;
    for (const [column, value] of metric.stats) {
      const stat = STAT[column];
      if (stat) (latencyMs[kind] ??= {})[stat] = toMs(value, metric.unit, `${where}, ${name}`);
    }
  }
  const requestsPerSecond = avg('request throughput');
  if (requestsPerSecond === undefined) throw new UnreadableToolOutputError(`${where}: no request throughput`);
  return compact<OperatingPoint>({
    tool: { name: 'genai-perf', version: extra.version, command: extra.command },
    scenario: 'server',
    concurrency: extra.concurrency,
    requestRate: extra.requestRate,
    streaming: extra.streaming,
    input: { meanTokens: avg('input sequence length') },
    output: { meanTokens: avg('output sequence length') },
    requests: { total: avg('request count') },
    throughput: { requestsPerSecond, outputTokensPerSecond: avg('output token throughput') },
    latencyMs,
  });
}
