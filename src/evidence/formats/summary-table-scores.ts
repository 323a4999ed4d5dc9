import { UnreadableToolOutputError } from '../../errors.js';
import { compact } from '../compact.js';
import type { ParseOptions } from '../format.js';
import type { BenchmarkScore, ParsedOutput, ScoreScale, ToolInfo } from '../fragment.js';
import { numberCell } from '../numbers.js';

/**
 * OpenCompass-style summaries (dataset, version, metric, mode, one column per model; AISBench
 * prints the same): scores of the chosen model column, in percent where the metric is an accuracy.
 */
export function summaryScores(rows: string[][], options: ParseOptions, tool: ToolInfo, where: string): ParsedOutput {
  const header = rows[0] ?? [];
  const at = (name: string) => header.indexOf(name);
  if (at('dataset') !== 0 || at('metric') < 0 || at('mode') < 0)
    throw new UnreadableToolOutputError(`${where}: no "dataset, version, metric, mode" header`);
  const meta = new Set(['dataset', 'version', 'metric', 'mode', 'total_count']);
  const models = header.map((name, i) => [name, i] as const).filter(([name]) => !meta.has(name));
  if (!models.length) throw new UnreadableToolOutputError(`${where}: no model column`);
  // A summary of one model is read whatever column was asked for; the choice is among several.
  const chosen =
    models.length === 1 ? models[0] : models.find(([name]) => name.toLowerCase() === options.model?.toLowerCase());
  if (!chosen)
    throw new UnreadableToolOutputError(
      `${where}: ${options.model ? `no column "${options.model}"` : 'several models'}; choose one with --model (${models.map(([n]) => n).join(', ')})`,
    );
  const [model, column] = chosen;
  const benchmarks: BenchmarkScore[] = [];
  const warnings: string[] = [];
  for (const row of rows.slice(1)) {
    if (row.length !== header.length)
      throw new UnreadableToolOutputError(
        `${where}: row "${row[0] ?? ''}" has ${row.length} cells, its header ${header.length}`,
      );
    const [dataset, metric] = [row[0]!, row[at('metric')]!];
    // The tools print "-" for a score they do not have; an empty cell is a cut-off line.
    if (!row[column]!.trim()) throw new UnreadableToolOutputError(`${where}: ${dataset} has an empty cell`);
    const cell = numberCell(row[column]!, `${where}, ${dataset} ${metric}`);
    if (!cell) {
      warnings.push(`${dataset} (${metric}) has no score for ${model}`);
      continue;
    }
    benchmarks.push(
      compact<BenchmarkScore>({ benchmark: dataset, score: cell.value, scale: scaleOf(metric), metric, tool }),
    );
  }
  if (!benchmarks.length) throw new UnreadableToolOutputError(`${where}: no score for ${model}`);
  return { benchmarks, model, warnings };
}

/** OpenCompass stores accuracies ×100; other metrics (BLEU, scores of judges) keep whatever scale their evaluator has. */
const scaleOf = (metric: string): ScoreScale | undefined =>
  /(^|_)acc(uracy)?($|_)|average|pass@\d+/i.test(metric) ? 'percent' : undefined;
