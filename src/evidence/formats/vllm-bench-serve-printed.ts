import { UnreadableToolOutputError } from '../../errors.js';
import { compact } from '../compact.js';
import type { ToolOutputFormat } from '../format.js';
import type { LatencyKind, LatencyStats, OperatingPoint } from '../fragment.js';
import { numberCell, toMs } from '../numbers.js';
import { keyValues } from '../text-table.js';

const HEADER = /^=+ Serving Benchmark Result =+\s*$/;
const CLOSING = /^=+\s*$/;
const NAME = 'vllm-bench-serve-printed';

const LATENCY: Record<string, LatencyKind> = { TTFT: 'ttft', TPOT: 'tpot', ITL: 'itl', E2EL: 'e2e' };
const STAT: Record<string, keyof LatencyStats> = { Mean: 'mean', Median: 'p50', P50: 'p50', P90: 'p90', P99: 'p99' };

/** The summary `vllm bench serve` (and benchmarks/benchmark_serving.py) prints; one point per summary. */
export const vllmBenchServePrinted: ToolOutputFormat = {
  name: NAME,
  description: 'the "Serving Benchmark Result" summary printed by `vllm bench serve` / benchmark_serving.py',
  detect: (text) => text.split(/\r?\n/).some((line) => HEADER.test(line.trim())),
  parse(text) {
    const lines = text.split(/\r?\n/).map((line) => line.trim());
    const points: OperatingPoint[] = [];
    let before = 0;
    for (let start = lines.findIndex((l) => HEADER.test(l)); start >= 0;) {
      // The closing rule is as wide as the header; a shorter one was cut off.
      const end = lines.findIndex((l, i) => i > start && CLOSING.test(l) && l.length === lines[start]!.length);
      if (end < 0)
        throw new UnreadableToolOutputError(`${NAME}: summary ${points.length + 1} is cut off before its closing line`);
      points.push(
        point(keyValues(lines.slice(start + 1, end)), keyValues(lines.slice(before, start)), points.length + 1),
      );
      before = end + 1;
      const next = lines.slice(end + 1).findIndex((l) => HEADER.test(l));
      start = next < 0 ? -1 : end + 1 + next;
    }
    return { points };
  },
};

function point(rows: Map<string, string>, preamble: Map<string, string>, index: number): OperatingPoint {
  const where = `${NAME} summary ${index}`;
  const num = (key: string, from = rows) => {
    const text = from.get(key);
    return text === undefined ? undefined : numberCell(text, `${where}, ${key}`)?.value;
  };
  const succeeded = num('Successful requests');
  const duration = num('Benchmark duration (s)');
  if (succeeded === undefined || duration === undefined)
    throw new UnreadableToolOutputError(`${where}: no "Successful requests" or "Benchmark duration (s)" line`);
  const latencyMs: Partial<Record<LatencyKind, LatencyStats>> = {};
  for (const [key, text] of rows) {
    const match = /^(Mean|Median|P\d+) (TTFT|TPOT|ITL|E2EL) \((ms|s)\)$/.exec(key);
    const stat = match && STAT[match[1]!];
    const kind = match && LATENCY[match[2]!];
    if (!match || !stat || !kind) continue;
    const value = numberCell(text, `${where}, ${key}`)?.value;
    if (value !== undefined) (latencyMs[kind] ??= {})[stat] = toMs(value, match[3]!, where);
  }
  return compact<OperatingPoint>({
    tool: { name: 'vllm-bench-serve' },
    scenario: 'server',
    // Older versions print the concurrency and rate above the summary; newer ones inside it.
    concurrency: num('Maximum request concurrency') ?? num('Maximum request concurrency', preamble),
    requestRate: num('Traffic request rate', preamble),
    durationSeconds: duration,
    requests: { succeeded, failed: num('Failed requests') },
    throughput: {
      requestsPerSecond: num('Request throughput (req/s)'),
      outputTokensPerSecond: num('Output token throughput (tok/s)'),
      totalTokensPerSecond: num('Total Token throughput (tok/s)') ?? num('Total token throughput (tok/s)'),
    },
    latencyMs,
  });
}
