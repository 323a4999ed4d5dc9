import { UnreadableToolOutputError } from '../../errors.js';
import { compact } from '../compact.js';
import type { ToolOutputFormat } from '../format.js';
import type { LatencyKind, LatencyStats, OperatingPoint } from '../fragment.js';
import { numberCell, round, toMs, type CellNumber } from '../numbers.js';
import { closes, framedRows } from '../text-table.js';

const NAME = 'aisbench-perf-printed';
const ANCHOR = /Performance Results of task: ([^\s:]+):?\s*$/;
const KINDS: Record<string, LatencyKind> = { E2EL: 'e2e', TTFT: 'ttft', TPOT: 'tpot', ITL: 'itl' };
const STATS: Record<string, keyof LatencyStats> = { Average: 'mean', Median: 'p50', P90: 'p90', P99: 'p99' };

/** The two tables `ais_bench --mode perf` prints per task: per-request distributions and common metrics. */
export const aisbenchPerfPrinted: ToolOutputFormat = {
  name: NAME,
  description: 'the "Performance Results of task" tables printed by AISBench (`ais_bench --mode perf`)',
  detect: (text) => text.split(/\r?\n/).some((line) => ANCHOR.test(line)),
  parse(text) {
    const lines = text.split(/\r?\n/);
    const starts = lines.flatMap((line, i) => (ANCHOR.test(line) ? [i] : []));
    return {
      points: starts.map((start, n) =>
        point(lines.slice(start + 1, starts[n + 1] ?? lines.length), ANCHOR.exec(lines[start]!)![1]!, n + 1),
      ),
    };
  },
};

/** The framed tables of a block, each required to end with its bottom border. */
function tables(block: string[], where: string): string[][][] {
  const found: string[][][] = [];
  let i = 0;
  while (i < block.length) {
    const line = block[i]!.trim();
    if (!/^[╒┌┏+]/.test(line)) {
      if (found.length && line && !line.startsWith('[')) break;
      i++;
      continue;
    }
    let end = i + 1;
    while (end < block.length && /^[│┃|├╞┝┠┡╟+]/.test(block[end]!.trim())) end++;
    const bottom = block[end]?.trim() ?? '';
    if (!closes(line, bottom) || !/^[╘└┗+]/.test(bottom))
      throw new UnreadableToolOutputError(`${where}: a table is cut off`);
    found.push(framedRows(block.slice(i, end + 1)));
    i = end + 1;
  }
  return found;
}

function point(block: string[], task: string, index: number): OperatingPoint {
  const where = `${NAME} task ${index} (${task})`;
  const found = tables(block, where);
  const perRequest = found.find((t) => t[0]?.[0] === 'Performance Parameters');
  const common = found.find((t) => t[0]?.[0] === 'Common Metric');
  if (!perRequest || !common)
    throw new UnreadableToolOutputError(`${where}: the "Common Metric" or "Performance Parameters" table is missing`);
  const header = perRequest[0]!;
  const latencyMs: Partial<Record<LatencyKind, LatencyStats>> = {};
  const means: Record<string, number> = {};
  for (const row of perRequest.slice(1)) {
    const metric = row[0]!;
    header.forEach((column, i) => {
      const stat = STATS[column];
      if (!stat) return;
      const cell = numberCell(row[i] ?? '', `${where}, ${metric} ${column}`);
      if (!cell) return;
      const kind = KINDS[metric];
      if (kind) (latencyMs[kind] ??= {})[stat] = toMs(cell.value, cell.unit, `${where}, ${metric}`);
      else if (stat === 'mean') means[metric] = cell.value;
    });
  }
  const values = new Map<string, CellNumber>();
  for (const [metric, , value] of common.slice(1)) {
    const cell = numberCell(value ?? '', `${where}, ${metric}`);
    if (cell && metric) values.set(metric, cell);
  }
  const value = (metric: string) => values.get(metric)?.value;
  const duration = values.get('Benchmark Duration');
  const succeeded = value('Success Requests');
  if (!duration || succeeded === undefined)
    throw new UnreadableToolOutputError(`${where}: no "Benchmark Duration" or "Success Requests"`);
  return compact<OperatingPoint>({
    tool: { name: 'aisbench' },
    scenario: 'server',
    concurrency: value('Max Concurrency'),
    input: {
      dataset: task.includes('/') ? task.slice(task.indexOf('/') + 1) : undefined,
      meanTokens: means.InputTokens,
    },
    output: { meanTokens: means.OutputTokens },
    durationSeconds: round(toMs(duration.value, duration.unit, `${where}, Benchmark Duration`) / 1000, 9),
    requests: { total: value('Total Requests'), succeeded, failed: value('Failed Requests') },
    throughput: {
      requestsPerSecond: value('Request Throughput'),
      outputTokensPerSecond: value('Output Token Throughput'),
      totalTokensPerSecond: value('Total Token Throughput'),
    },
    latencyMs,
  });
}
