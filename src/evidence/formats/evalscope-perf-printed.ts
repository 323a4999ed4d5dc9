import { UnreadableToolOutputError } from '../../errors.js';
import type { ToolOutputFormat } from '../format.js';
import type { OperatingPoint } from '../fragment.js';
import { numberCell } from '../numbers.js';
import { closes, framedRows, isBorder } from '../text-table.js';
import {
  EVALSCOPE_UNMEASURED,
  evalscopePoint,
  isEvalscopeField,
  type EvalscopeSummary,
} from './evalscope-perf-fields.js';

const NAME = 'evalscope-perf-printed';
const ANCHOR = /^\s*(?:.*- )?Benchmarking summary:\s*$/;
const PERCENTILES = /^\s*(?:.*- )?Percentile results:\s*$/;

/**
 * The summary `evalscope perf` prints, in all three generations: plain "key: value" lines (0.x),
 * ASCII grid tables in seconds (0.1x), box tables with milliseconds (1.x). One point per summary.
 */
export const evalscopePerfPrinted: ToolOutputFormat = {
  name: NAME,
  description: 'the "Benchmarking summary" (and "Percentile results") printed by `evalscope perf`, any version',
  detect: (text) => text.split(/\r?\n/).some((line) => ANCHOR.test(line)),
  parse(text) {
    const lines = text.split(/\r?\n/);
    const starts = lines.flatMap((line, i) => (ANCHOR.test(line) ? [i] : []));
    const points: OperatingPoint[] = starts.map((start, n) => {
      const block = lines.slice(start + 1, starts[n + 1] ?? lines.length);
      const where = `${NAME} summary ${n + 1}`;
      return evalscopePoint(readSummary(block, where), where);
    });
    return { points };
  },
};

function readSummary(block: string[], where: string): EvalscopeSummary {
  const first = block.find((line) => line.trim());
  if (!first) throw new UnreadableToolOutputError(`${where}: nothing follows "Benchmarking summary:"`);
  const framed = /^[+│┃|┌┏╒]/.test(first.trim());
  const summary: EvalscopeSummary = { values: new Map(), percentiles: new Map() };
  const put = (key: string, text: string) => {
    if (!isEvalscopeField(key)) return;
    const cell = numberCell(text, `${where}, ${key}`);
    if (cell && !EVALSCOPE_UNMEASURED.includes(cell.value)) summary.values.set(key, cell.value);
  };
  if (framed) {
    const table = closedTable(block, where);
    for (const [key, value] of table.slice(1)) {
      if (key === undefined || value === undefined || !value || key.startsWith('──')) continue;
      if (key === 'Total / Success / Failed') {
        const [total, succeeded, failed] = value.split('/');
        put('Total requests', total ?? '');
        put('Succeed requests', succeeded ?? '');
        put('Failed requests', failed ?? '');
      } else put(key, value);
    }
    const at = block.findIndex((line) => PERCENTILES.test(line));
    if (at >= 0) readPercentileTable(closedTable(block.slice(at + 1), `${where}, percentiles`), summary, where);
  } else readPlain(block, summary, put, where);
  return summary;
}

/** A framed table that must end with its bottom border; a cut-off table is a damaged file. */
function closedTable(lines: string[], where: string): string[][] {
  const start = lines.findIndex((line) => line.trim());
  const rows = framedRows(lines.slice(start));
  const after = lines.slice(start).filter((line) => line.trim());
  const consumed = after.findIndex((line) => !isBorder(line.trim()) && !/^[│┃|].*[│┃|]$/.test(line.trim()));
  const last = (consumed < 0 ? after : after.slice(0, consumed)).at(-1)?.trim() ?? '';
  if (!rows.length || !closes(after[0] ?? '', last))
    throw new UnreadableToolOutputError(`${where}: the table is cut off`);
  return rows;
}

/** Either orientation: percentiles as rows (grid generation) or as columns (box generation). */
function readPercentileTable(rows: string[][], summary: EvalscopeSummary, where: string): void {
  const header = rows[0]!;
  const percentOf = (label: string) => (/^\d+(\.\d+)?%$/.test(label) ? Number(label.slice(0, -1)) : null);
  const record = (metric: string, percent: number, text: string) => {
    const cell = numberCell(text, `${where}, ${metric} ${percent}%`);
    if (!cell) return;
    let byPercent = summary.percentiles.get(metric);
    if (!byPercent) summary.percentiles.set(metric, (byPercent = new Map()));
    byPercent.set(percent, cell.value);
  };
  if (percentOf(header[1] ?? '') !== null) {
    for (const row of rows.slice(1))
      header.forEach((label, i) => {
        const percent = percentOf(label);
        if (percent !== null) record(row[0]!, percent, row[i] ?? '');
      });
  } else {
    for (const row of rows.slice(1)) {
      const percent = percentOf(row[0] ?? '');
      if (percent !== null) header.slice(1).forEach((metric, i) => record(metric, percent, row[i + 1] ?? ''));
    }
  }
}

/** 0.x: " Time taken for tests: 10.006 seconds", then " Percentile of time to first token:" and "p50: 2.71" lines. */
function readPlain(
  block: string[],
  summary: EvalscopeSummary,
  put: (key: string, text: string) => void,
  where: string,
): void {
  let percentileOf: string | null = null;
  for (const line of block) {
    const match = /^\s*([^:]+):\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, value] = match as unknown as [string, string, string];
    const heading = /^Percentile of (.+)$/.exec(key.trim());
    if (heading) {
      percentileOf = heading[1]!;
      summary.percentiles.set(percentileOf, new Map());
      continue;
    }
    const p = /^p(\d+)$/.exec(key.trim());
    if (p && percentileOf) {
      const cell = numberCell(value, `${where}, ${percentileOf} ${key.trim()}`);
      if (cell) summary.percentiles.get(percentileOf)!.set(Number(p[1]), cell.value);
      continue;
    }
    percentileOf = null;
    put(key.trim(), value.replace(/\s*seconds$/, ''));
  }
  // This generation always ends with percentiles, or with a note that there were too few requests for them.
  if (!summary.percentiles.size && !block.some((line) => /Too little data to calculate quantiles/.test(line)))
    throw new UnreadableToolOutputError(`${where}: the summary is cut off before its percentiles`);
  // The tool prints p50 … p99 for each distribution; a list that stops early was cut off.
  for (const [label, byPercent] of summary.percentiles)
    if (!byPercent.has(99)) throw new UnreadableToolOutputError(`${where}: the percentiles of ${label} are cut off`);
}
