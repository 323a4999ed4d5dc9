import type { Command } from 'commander';
import { runFunctional } from '../../kit/functional-run.js';
import { summarizeFunctional, type FunctionalReport } from '../../kit/functional-summary.js';
import { parseReferenceRun } from '../../kit/reference-run.js';
import { AppError } from '../../errors.js';
import { readRunLogOption } from './kit-input-files.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { createProgress } from '../progress.js';
import {
  endpointOptions,
  endpointSettings,
  type EndpointCliOptions,
  type EndpointDefaults,
} from './kit-endpoint-options.js';
import { fileArtifact } from '../../kit/sha256-file.js';

interface FunctionalOptions extends EndpointCliOptions {
  out: string;
  resume?: boolean;
  reference?: string;
  tokenIds?: boolean;
  json?: boolean;
}

const DEFAULTS: EndpointDefaults = { maxTokens: 64, timeoutSeconds: 120, retries: 2 };

/** `chipreg kit functional`: the L1 functional set against any OpenAI-compatible endpoint. */
export function registerKitFunctional(kit: Command, io: CliIO): void {
  endpointOptions(kit.command('functional'), DEFAULTS)
    .description(
      'run the fixed functional prompt set greedily, streamed and non-streamed, against an OpenAI-compatible endpoint; ' +
        'records every answer as JSONL and prints the evidence.functional section',
    )
    .option('--out <file>', 'JSONL the answers are appended to', 'functional-run.jsonl')
    .option('--resume', 'continue the run in --out: prompts already answered there are not sent again')
    .option('--reference <file>', 'a run on the reference platform (its --out JSONL): agreement on the first 32 tokens')
    .option('--token-ids', "ask for generated token ids (vLLM's return_token_ids) to compare tokens exactly")
    .option('--json', 'print the whole report as JSON')
    .action(async (o: FunctionalOptions) => {
      const settings = endpointSettings(o, io.env, DEFAULTS);
      const { promptSet } = settings;
      let reference;
      if (o.reference) {
        try {
          reference = parseReferenceRun(readRunLogOption('--reference', o.reference), o.reference, promptSet.sha256);
        } catch (error) {
          throw new CliExit(2, `cannot use --reference: ${(error as Error).message}`);
        }
      }
      const progress = createProgress(io);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      let run;
      try {
        run = await runFunctional({
          ...settings,
          tokenIds: Boolean(o.tokenIds),
          out: o.out,
          resume: Boolean(o.resume),
          onProgress: (done, total) => progress.update('prompts', done, total),
          signal: controller.signal,
        });
      } catch (error) {
        if (error instanceof AppError) throw new CliExit(2, error.message);
        throw error;
      } finally {
        process.removeListener('SIGINT', stop);
        progress.stop();
      }
      const report = {
        ...summarizeFunctional(run.header, run.records, reference),
        outputs: { file: o.out, resumedFrom: run.resumedFrom, artifact: fileArtifact(o.out, 'results') },
      };
      if (o.json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else io.stdout.write(renderReport(report));
      if (run.interrupted)
        throw new CliExit(130, `interrupted after ${run.records.length} prompts; run again with --resume`);
      if (report.functional.completed === 0) throw new CliExit(1, 'no prompt completed; see details.failed');
    });
}

function renderReport(r: FunctionalReport & { outputs: { file: string; artifact: { sha256: string } } }): string {
  const f = r.functional;
  const lines = [
    `model ${r.run.model} at ${r.run.endpoint} (${r.run.api}), prompt set ${r.run.promptSet.name}`,
    `prompts ${f.prompts}  completed ${f.completed}  crashes ${f.crashes}  empty ${f.emptyOutputs}  garbled ${r.counts.garbled}  NaN/Inf ${f.nanOrInf}`,
    `timeouts ${r.counts.timeouts}  HTTP errors ${r.counts.httpErrors}  retries ${r.counts.retries}`,
    `consistency ${f.consistency ?? 'not measured'}  (first-token mismatches ${r.details.firstTokenMismatches.length}, text after end ${r.details.textAfterEnd.length})`,
    `reference match (32 tokens) ${f.referenceMatch32 ?? 'not measured (no --reference)'}`,
  ];
  if (r.timing.ttftMs) lines.push(`TTFT ms p50 ${r.timing.ttftMs.p50}  p90 ${r.timing.ttftMs.p90}`);
  for (const x of r.details.failed.slice(0, 10)) lines.push(`  failed ${x.id} (${x.request}): ${x.kind} ${x.message}`);
  lines.push(`outputs ${r.outputs.file} sha256 ${r.outputs.artifact.sha256}`);
  lines.push('evidence.functional:', JSON.stringify(f, null, 2));
  return lines.join('\n') + '\n';
}
