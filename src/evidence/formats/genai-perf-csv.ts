import { UnreadableToolOutputError } from '../../errors.js';
import { csvRecords } from '../csv.js';
import type { ToolOutputFormat } from '../format.js';
import { numberCell } from '../numbers.js';
import { genaiPoint, labelUnit, metricKey, type GenaiMetric } from './genai-perf-fields.js';

const NAME = 'genai-perf-csv';

/**
 * `profile_export_genai_perf.csv`: a statistics table ("Metric,avg,min,max,p99,…") and, after a
 * blank line, a "Metric,Value" table of throughputs. Numbers may carry thousands separators.
 */
export const genaiPerfCsv: ToolOutputFormat = {
  name: NAME,
  description: 'profile_export_genai_perf.csv written by GenAI-Perf',
  detect: (text) => /^Metric,avg,/m.test(text.trimStart().split(/\r?\n/, 1)[0] ?? ''),
  parse(text) {
    const records = csvRecords(text, NAME);
    const metrics = new Map<string, GenaiMetric>();
    let header: string[] | null = null;
    for (const record of records) {
      if (!record.length) {
        header = null;
        continue;
      }
      if (record[0] === 'Metric') {
        header = record.map((cell) => cell.trim().toLowerCase());
        continue;
      }
      if (!header) throw new UnreadableToolOutputError(`${NAME}: a row outside any table`);
      if (record.length !== header.length)
        throw new UnreadableToolOutputError(
          `${NAME}: row "${record[0]}" has ${record.length} cells, its header ${header.length}`,
        );
      const label = record[0]!;
      const stats = new Map<string, number>();
      header.slice(1).forEach((column, i) => {
        const cell = numberCell(record[i + 1]!, `${NAME}, ${label} ${column}`);
        // The second table's single column is the average.
        if (cell) stats.set(column === 'value' ? 'avg' : column, cell.value);
      });
      metrics.set(metricKey(label), { unit: labelUnit(label), stats });
    }
    return { points: [genaiPoint(metrics, NAME)] };
  },
};
