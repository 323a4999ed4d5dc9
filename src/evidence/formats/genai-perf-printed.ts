import { UnreadableToolOutputError } from '../../errors.js';
import type { ToolOutputFormat } from '../format.js';
import { numberCell } from '../numbers.js';
import { closes, framedRows } from '../text-table.js';
import { genaiPoint, labelUnit, metricKey, type GenaiMetric } from './genai-perf-fields.js';

const NAME = 'genai-perf-printed';
const TITLE = /GenAI-Perf \| LLM Metrics|^\s*LLM Metrics\s*$/;

/** The "LLM Metrics" table `genai-perf profile` prints (rich box drawing). */
export const genaiPerfPrinted: ToolOutputFormat = {
  name: NAME,
  description: 'the "NVIDIA GenAI-Perf | LLM Metrics" table printed by `genai-perf profile`',
  detect: (text) => text.split(/\r?\n/).some((line) => TITLE.test(line)),
  parse(text) {
    const lines = text.split(/\r?\n/);
    const start = lines.findIndex((line) => TITLE.test(line)) + 1;
    const body = lines.slice(start).map((line) => line.trim());
    const end = body.findIndex((line) => /^└/.test(line));
    if (end < 0 || !closes(body.find((line) => line) ?? '', body[end]!))
      throw new UnreadableToolOutputError(`${NAME}: the table is cut off`);
    const rows = framedRows(body.slice(0, end + 1));
    const header = rows[0]?.map((cell) => cell.toLowerCase());
    if (!header || header[0] !== 'statistic') throw new UnreadableToolOutputError(`${NAME}: no "Statistic" header`);
    const metrics = new Map<string, GenaiMetric>();
    for (const row of rows.slice(1)) {
      const label = row[0]!;
      const stats = new Map<string, number>();
      header.slice(1).forEach((column, i) => {
        const cell = numberCell(row[i + 1] ?? '', `${NAME}, ${label} ${column}`);
        if (cell) stats.set(column, cell.value);
      });
      metrics.set(metricKey(label), { unit: labelUnit(label), stats });
    }
    return { points: [genaiPoint(metrics, NAME)] };
  },
};
