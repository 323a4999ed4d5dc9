import { UnreadableToolOutputError } from '../../errors.js';
import { compact } from '../compact.js';
import type { ToolOutputFormat } from '../format.js';
import type { LatencyKind, LatencyStats, OperatingPoint, Scenario } from '../fragment.js';
import { isObject } from '../json-text.js';
import { jsonNumber, toMs } from '../numbers.js';

const NAME = 'mlperf-loadgen-detail';
const PREFIX = ':::MLLOG ';
const SCENARIOS: Record<string, Scenario> = {
  Server: 'server',
  Offline: 'offline',
  SingleStream: 'single-stream',
  Interactive: 'interactive',
};
const PERCENTILES: Record<string, keyof LatencyStats> = {
  '50.00': 'p50',
  '90.00': 'p90',
  '99.00': 'p99',
};

/** Which result key feeds which latency statistic (LoadGen logs nanoseconds). */
const LATENCY: Array<[RegExp, LatencyKind]> = [
  [/^result_(mean|(\d+\.\d+)_percentile)_latency_ns$/, 'e2e'],
  [/^result_first_token_(mean|(\d+\.\d+)_percentile)_latency_ns$/, 'ttft'],
  [/^result_time_per_output_token_((\d+\.\d+)_percentile)_ns$/, 'tpot'],
  // LoadGen names the TPOT mean "time to output token" and logs it without a unit suffix (ns, as the rest).
  [/^result_time_to_output_token_(mean)$/, 'tpot'],
];

interface Record_ {
  key: string;
  value: unknown;
  isError: boolean;
}

/**
 * `mlperf_log_detail.txt`, the structured log MLPerf LoadGen writes beside the summary: one
 * `:::MLLOG {json}` record per line. It holds what the summary holds (scenario, validity, throughput,
 * latency, TTFT and TPOT percentiles) plus the LoadGen version and the query count.
 */
export const mlperfLoadgenDetail: ToolOutputFormat = {
  name: NAME,
  description: 'mlperf_log_detail.txt written by MLPerf LoadGen (:::MLLOG records)',
  detect: (text) => text.trimStart().startsWith(PREFIX + '{'),
  parse(text) {
    const records = mllogRecords(text);
    const values = new Map(records.map((r) => [r.key, r.value]));
    const str = (key: string) => (typeof values.get(key) === 'string' ? (values.get(key) as string) : undefined);
    const num = (key: string) => jsonNumber(values.get(key), `${NAME}, ${key}`);
    if (!values.has('result_validity'))
      throw new UnreadableToolOutputError(`${NAME}: the log holds no result (result_validity): the run did not finish`);
    const scenarioName = str('effective_scenario') ?? str('requested_scenario') ?? '';
    const scenario = SCENARIOS[scenarioName];
    if (!scenario)
      throw new UnreadableToolOutputError(`${NAME}: scenario "${scenarioName}" is not one chipreg measures`);
    const mode = str('effective_test_mode') ?? '';
    if (mode && mode !== 'PerformanceOnly')
      throw new UnreadableToolOutputError(
        `${NAME}: a "${mode}" run holds no performance result (use the PerformanceOnly log)`,
      );

    const latencyMs: Partial<Record<LatencyKind, LatencyStats>> = {};
    for (const [key, value] of values) {
      for (const [pattern, kind] of LATENCY) {
        const match = pattern.exec(key);
        if (!match) continue;
        const stat = match[1] === 'mean' ? 'mean' : PERCENTILES[match[2]!];
        const ns = jsonNumber(value, `${NAME}, ${key}`);
        if (stat && ns !== undefined) (latencyMs[kind] ??= {})[stat] = toMs(ns, 'ns', `${NAME}, ${key}`);
      }
    }
    const version = str('loadgen_version')?.split(' @ ')[0]?.trim();
    const validity = str('result_validity');
    const warnings = [
      ...(validity === 'VALID' ? [] : [`LoadGen judged this run ${validity ?? 'without a result'}`]),
      ...records.filter((r) => r.isError).map((r) => `LoadGen logged an error: ${r.key} ${JSON.stringify(r.value)}`),
    ];
    return {
      points: [
        compact<OperatingPoint>({
          tool: compact({ name: 'mlperf-loadgen', version: version || undefined }),
          scenario,
          // Offline issues every sample at once: its target_qps is an expectation, not a request rate.
          requestRate: scenario === 'server' ? num('effective_target_qps') : undefined,
          requests: compact({ total: num('result_query_count') }),
          throughput: compact({
            requestsPerSecond: num('result_completed_samples_per_sec') ?? num('result_samples_per_second'),
            outputTokensPerSecond: num('result_completed_tokens_per_second') ?? num('result_tokens_per_second'),
          }),
          latencyMs,
        }),
      ],
      warnings,
    };
  },
};

/** Every `:::MLLOG` record; a line that is not a whole record (a cut-off log) makes the file unreadable. */
function mllogRecords(text: string): Record_[] {
  const out: Record_[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    if (!line.startsWith(PREFIX))
      throw new UnreadableToolOutputError(`${NAME}: line ${i + 1} is not a :::MLLOG record`);
    let record: unknown;
    try {
      record = JSON.parse(line.slice(PREFIX.length));
    } catch {
      throw new UnreadableToolOutputError(
        `${NAME}: line ${i + 1} is not a whole :::MLLOG record (is the log cut off?)`,
      );
    }
    if (!isObject(record) || typeof record.key !== 'string')
      throw new UnreadableToolOutputError(`${NAME}: line ${i + 1} is a :::MLLOG record without a key`);
    const metadata = isObject(record.metadata) ? record.metadata : {};
    out.push({ key: record.key, value: record.value, isError: metadata.is_error === true });
  });
  if (!out.length) throw new UnreadableToolOutputError(`${NAME}: no :::MLLOG record`);
  return out;
}
