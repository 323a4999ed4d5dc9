import { UnreadableToolOutputError } from '../../errors.js';
import { compact } from '../compact.js';
import type { ToolOutputFormat } from '../format.js';
import type { LatencyKind, LatencyStats, OperatingPoint, Scenario } from '../fragment.js';
import { numberCell, toMs } from '../numbers.js';
import { keyValues } from '../text-table.js';

const NAME = 'mlperf-loadgen-summary';
const SCENARIOS: Record<string, Scenario> = {
  Server: 'server',
  Offline: 'offline',
  SingleStream: 'single-stream',
  Interactive: 'interactive',
};

/** Which summary line feeds which latency statistic (LoadGen writes nanoseconds). */
const LATENCY: Array<[RegExp, LatencyKind]> = [
  [/^(Mean|(\d+\.\d+) percentile) latency \(ns\)$/, 'e2e'],
  [/^(Mean First Token|(\d+\.\d+) percentile first token) latency \(ns\)$/i, 'ttft'],
  [/^(Mean Time to Output Token|(\d+\.\d+) percentile time to output token) \(ns\)$/i, 'tpot'],
];
const PERCENTILES: Record<string, keyof LatencyStats> = { '50.00': 'p50', '90.00': 'p90', '99.00': 'p99' };

/** `mlperf_log_summary.txt`, the summary MLPerf LoadGen writes after a performance run. */
export const mlperfLoadgenSummary: ToolOutputFormat = {
  name: NAME,
  description: 'mlperf_log_summary.txt written by MLPerf LoadGen',
  detect: (text) => /^MLPerf Results Summary\s*$/m.test(text),
  parse(text) {
    const lines = text.split(/\r?\n/);
    // LoadGen ends every summary with its error count; without it the file was cut off.
    if (!lines.some((line) => /(No errors|ERROR[S]?) encountered/i.test(line)))
      throw new UnreadableToolOutputError(`${NAME}: the summary is cut off (no error count at its end)`);
    const rows = keyValues(lines);
    const where = (key: string) => `${NAME}, ${key}`;
    const num = (key: string) => {
      const text = rows.get(key);
      return text === undefined ? undefined : numberCell(text, where(key))?.value;
    };
    const scenario = SCENARIOS[rows.get('Scenario') ?? ''];
    if (!scenario)
      throw new UnreadableToolOutputError(
        `${NAME}: scenario "${rows.get('Scenario') ?? ''}" is not one chipreg measures`,
      );
    const mode = rows.get('Mode') ?? '';
    if (!/^Performance/i.test(mode))
      throw new UnreadableToolOutputError(
        `${NAME}: a "${mode}" run holds no performance result (use the PerformanceOnly log)`,
      );
    const latencyMs: Partial<Record<LatencyKind, LatencyStats>> = {};
    for (const [key, text] of rows) {
      for (const [pattern, kind] of LATENCY) {
        const match = pattern.exec(key);
        if (!match) continue;
        const stat = match[2] ? PERCENTILES[match[2]] : 'mean';
        const value = numberCell(text, where(key))?.value;
        if (stat && value !== undefined) (latencyMs[kind] ??= {})[stat] = toMs(value, 'ns', where(key));
      }
    }
    const warnings =
      rows.get('Result is') === 'VALID'
        ? []
        : [`LoadGen judged this run ${rows.get('Result is') ?? 'without a result'}`];
    return {
      points: [
        compact<OperatingPoint>({
          tool: { name: 'mlperf-loadgen' },
          scenario,
          // Offline issues every sample at once: its target_qps is an expectation, not a request rate.
          requestRate: scenario === 'server' ? num('target_qps') : undefined,
          throughput: {
            requestsPerSecond: num('Completed samples per second') ?? num('Samples per second'),
            outputTokensPerSecond: num('Completed tokens per second') ?? num('Tokens per second'),
          },
          latencyMs,
        }),
      ],
      warnings,
    };
  },
};
