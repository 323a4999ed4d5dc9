import { UnreadableToolOutputError } from '../../errors.js';
import { compact } from '../compact.js';
import type { ToolOutputFormat } from '../format.js';
import type { BenchmarkScore } from '../fragment.js';
import { numberCell } from '../numbers.js';
import { closes, framedRows, isBorder } from '../text-table.js';

const NAME = 'evalscope-eval-printed';
const HEADER = /^\|\s*Model( Name)?\s*\|\s*Dataset( Name)?\s*\|/;

/** The score report `evalscope eval` prints: one row per model × dataset × subset. */
export const evalscopeEvalPrinted: ToolOutputFormat = {
  name: NAME,
  description: 'the score report table printed by `evalscope eval`',
  detect: (text) => text.split(/\r?\n/).some((line) => HEADER.test(line.trim())),
  parse(text, options) {
    const lines = text.split(/\r?\n/).map((line) => line.trim());
    const start = lines.findIndex((line) => HEADER.test(line));
    const body = lines.slice(start);
    const end = body.findIndex((line) => !/^[|+]/.test(line));
    const table = end < 0 ? body : body.slice(0, end);
    if (!closes(table.find(isBorder) ?? '', table.at(-1) ?? ''))
      throw new UnreadableToolOutputError(`${NAME}: the table is cut off`);
    const rows = framedRows(table);
    if (rows.length < 2) throw new UnreadableToolOutputError(`${NAME}: the table has no rows`);
    const header = rows[0]!.map((cell) => cell.replace(/ Name$/, ''));
    const col = (name: string) => header.indexOf(name);
    if (col('Score') < 0) throw new UnreadableToolOutputError(`${NAME}: no "Score" column`);
    const models = [...new Set(rows.slice(1).map((row) => row[col('Model')]!))];
    // A report of one model is read whatever column was asked for; the choice is among several.
    const model = models.length === 1 ? models[0] : options.model;
    if (!model || !models.includes(model))
      throw new UnreadableToolOutputError(`${NAME}: choose a model with --model (${models.join(', ')})`);
    const benchmarks: BenchmarkScore[] = [];
    for (const row of rows.slice(1)) {
      if (row.length !== header.length)
        throw new UnreadableToolOutputError(`${NAME}: a row has ${row.length} cells, the header ${header.length}`);
      if (row[col('Model')] !== model) continue;
      const where = `${NAME}, ${row[col('Dataset')]} ${row[col('Subset')] ?? ''}`;
      const score = numberCell(row[col('Score')]!, where);
      if (!score) continue;
      const samples = col('Num') >= 0 ? numberCell(row[col('Num')]!, `${where} Num`)?.value : undefined;
      benchmarks.push(
        compact<BenchmarkScore>({
          benchmark: row[col('Dataset')]!,
          score: score.value,
          // Recent versions print 0–1 fractions without a unit; only a "%" states the scale.
          scale: score.unit === '%' ? 'percent' : undefined,
          metric: row[col('Metric')]?.replace(/\s*[↑↓]$/, ''),
          subset: row[col('Subset')],
          samples,
          tool: { name: 'evalscope-eval' },
        }),
      );
    }
    if (!benchmarks.length) throw new UnreadableToolOutputError(`${NAME}: no score`);
    return { benchmarks, model };
  },
};
