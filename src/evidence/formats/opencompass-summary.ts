import { csvRecords } from '../csv.js';
import type { ToolOutputFormat } from '../format.js';
import { alignedRows } from '../text-table.js';
import { summaryScores } from './summary-table-scores.js';

/** AISBench (an OpenCompass derivative) writes the same summaries; its log lines name it. */
const toolOf = (text: string) => ({ name: /AISBench|ais_bench/.test(text) ? 'aisbench' : 'opencompass' });
const PRINTED_HEADER = /^dataset\s+version\s+metric\s+mode\s+\S/;

/** `summary/summary_<time>.csv` of OpenCompass (and AISBench accuracy runs). */
export const opencompassSummaryCsv: ToolOutputFormat = {
  name: 'opencompass-summary-csv',
  description: 'summary_*.csv written by OpenCompass (or AISBench in accuracy mode)',
  detect: (text) => /^dataset,version,metric,mode,/.test(text.trimStart()),
  parse: (text, options) =>
    summaryScores(
      csvRecords(text.trim(), 'opencompass-summary-csv').filter((r) => r.length),
      options,
      toolOf(text),
      'opencompass-summary-csv',
    ),
};

/** The summary table OpenCompass prints at the end of a run (tabulate "simple"). */
export const opencompassSummaryPrinted: ToolOutputFormat = {
  name: 'opencompass-summary-printed',
  description: 'the "dataset version metric mode …" table printed by OpenCompass / AISBench',
  detect: (text) => text.split(/\r?\n/).some((line) => PRINTED_HEADER.test(line)),
  parse(text, options) {
    const lines = text.split(/\r?\n/);
    const start = lines.findIndex((line) => PRINTED_HEADER.test(line));
    const indent = /^\s*/.exec(lines[start]!)![0].length;
    return summaryScores(
      alignedRows(lines.slice(start).map((line) => line.slice(indent))),
      options,
      toolOf(text),
      'opencompass-summary-printed',
    );
  },
};
