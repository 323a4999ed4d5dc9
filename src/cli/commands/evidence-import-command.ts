import type { Command } from 'commander';
import { UnreadableToolOutputError } from '../../errors.js';
import { FORMATS } from '../../evidence/formats.js';
import type { ImportFragment, LatencyStats, OperatingPoint } from '../../evidence/fragment.js';
import { basename } from 'node:path';
import { importChecked } from '../../evidence/import-file.js';
import { readToolOutput } from '../read-tool-output.js';
import { createSchemaRegistry } from '../../schemas/schema-registry.js';
import { CliExit, type CliIO } from '../cli-io.js';

const ms = (stats: LatencyStats | undefined, name: string) =>
  stats?.p99 !== undefined
    ? `${name} p99 ${stats.p99} ms`
    : stats?.mean !== undefined
      ? `${name} mean ${stats.mean} ms`
      : null;

function describePoint(point: OperatingPoint): string {
  const load = [
    point.scenario,
    point.concurrency !== undefined ? `concurrency ${point.concurrency}` : null,
    point.requestRate !== undefined ? `${point.requestRate} req/s offered` : null,
  ];
  const figures = [
    point.requests?.succeeded !== undefined ? `${point.requests.succeeded} requests ok` : null,
    point.requests?.failed ? `${point.requests.failed} failed` : null,
    point.durationSeconds !== undefined ? `${point.durationSeconds} s` : null,
    point.throughput?.requestsPerSecond !== undefined ? `${point.throughput.requestsPerSecond} req/s` : null,
    point.throughput?.outputTokensPerSecond !== undefined
      ? `${point.throughput.outputTokensPerSecond} output tok/s`
      : null,
    ms(point.latencyMs?.ttft, 'TTFT'),
    ms(point.latencyMs?.tpot, 'TPOT'),
  ];
  return `${load.filter(Boolean).join(', ')}: ${figures.filter(Boolean).join(', ') || 'no figures'}`;
}

function describe(fragment: ImportFragment): string {
  const lines = [`${fragment.file}: ${fragment.format}${fragment.model ? `, model ${fragment.model}` : ''}`];
  for (const point of fragment.performance?.points ?? []) lines.push(`  ${point.tool.name} ${describePoint(point)}`);
  for (const score of fragment.accuracy?.benchmarks ?? [])
    lines.push(
      `  ${score.benchmark}${score.subset ? `/${score.subset}` : ''} ${score.metric ?? 'score'} ${score.score}${score.scale === 'percent' ? '%' : ''}${score.shots !== undefined ? `, ${score.shots}-shot` : ''}`,
    );
  for (const warning of fragment.warnings) lines.push(`  warning: ${warning}`);
  return lines.join('\n') + '\n';
}

/** The error text for an unreadable file: what was wrong, then the formats chipreg knows. */
export function unreadableMessage(error: UnreadableToolOutputError): string {
  const known = FORMATS.map((f) => `  ${f.name.padEnd(28)} ${f.description}`).join('\n');
  const details = error.errors.filter((p) => p.pointer).map((p) => `  ${p.pointer}: ${p.detail}`);
  return [error.message, ...details, 'Known formats (--format NAME):', known].join('\n');
}

/** `chipreg evidence import <file…>`: tool outputs → v2 operating points and benchmark scores; all files or none. */
export function registerEvidenceImport(evidence: Command, io: CliIO): void {
  evidence
    .command('import')
    .description('read the result files and printed summaries of serving and accuracy benchmarks')
    .argument('<files...>', 'raw tool outputs (result files, or printed summaries saved as text)')
    .option('--format <name>', `read every file as this format: ${FORMATS.map((f) => f.name).join(', ')}`)
    .option('--model <name>', 'the model column to read from a summary that compares several models')
    .option('--json', 'print the import fragment (an array for several files)')
    .action((files: string[], options: { format?: string; model?: string; json?: boolean }) => {
      const schemas = createSchemaRegistry();
      let fragments: ImportFragment[];
      try {
        fragments = files.map((file) => importChecked(readToolOutput(file), basename(file), schemas, options));
      } catch (error) {
        if (error instanceof UnreadableToolOutputError) throw new CliExit(1, unreadableMessage(error));
        throw error;
      }
      io.stdout.write(
        options.json
          ? JSON.stringify(fragments.length === 1 ? fragments[0] : fragments, null, 2) + '\n'
          : fragments.map(describe).join(''),
      );
    });
}
