import type { Command } from 'commander';
import { runFunctional } from '../../kit/functional-run.js';
import { summarizeFunctional, type FunctionalReport } from '../../kit/functional-summary.js';
import { parseReferenceRun } from '../../kit/reference-run.js';
import { completionUrl } from '../../kit/endpoint-url.js';
import { AppError } from '../../errors.js';
import { promptSetOption, readRunLogOption } from './kit-input-files.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { createProgress } from '../progress.js';
import { apiOption, endpointApiKey, intOption, kitVersion, secondsOption } from './kit-options.js';
import { fileArtifact } from '../../kit/sha256-file.js';

interface FunctionalOptions {
  endpoint: string;
  model: string;
  api: 'chat' | 'completions';
  out: string;
  resume?: boolean;
  reference?: string;
  prompts?: string;
  maxTokens: number;
  seed: number;
  tokenIds?: boolean;
  timeout?: number;
  retries: number;
  json?: boolean;
}

/** `chipreg kit functional`: the L1 functional set against any OpenAI-compatible endpoint. */
export function registerKitFunctional(kit: Command, io: CliIO): void {
  kit
    .command('functional')
    .description(
      'run the fixed functional prompt set greedily, streamed and non-streamed, against an OpenAI-compatible endpoint; ' +
        'records every answer as JSONL and prints the evidence.functional section',
    )
    .requiredOption('--endpoint <url>', 'server root, its /v1 base or the full route (http://127.0.0.1:8000/v1)')
    .requiredOption('--model <name>', 'model name as the server knows it')
    .option('--api <chat|completions>', 'POST /v1/chat/completions or /v1/completions', apiOption, 'chat')
    .option('--out <file>', 'JSONL the answers are appended to', 'functional-run.jsonl')
    .option('--resume', 'continue the run in --out: prompts already answered there are not sent again')
    .option('--reference <file>', 'a run on the reference platform (its --out JSONL): agreement on the first 32 tokens')
    .option('--prompts <file>', 'another prompt set (JSONL of {id, lang, prompt}); default: the shipped 2026.1 set')
    .option('--max-tokens <n>', 'max_tokens of every request', intOption(1, 32768), 64)
    .option('--seed <n>', 'seed sent with every request (servers that support it)', intOption(0, 2 ** 31 - 1), 0)
    .option('--token-ids', "ask for generated token ids (vLLM's return_token_ids) to compare tokens exactly")
    .option('--timeout <seconds>', 'limit for one request, body included (default: 120)', secondsOption)
    .option('--retries <n>', 'further attempts after a timeout, 429, 5xx or dropped connection', intOption(0, 10), 2)
    .option('--json', 'print the whole report as JSON')
    .action(async (o: FunctionalOptions) => {
      try {
        completionUrl(o.endpoint, o.api);
      } catch (error) {
        throw new CliExit(2, (error as Error).message);
      }
      const promptSet = promptSetOption(o.prompts);
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
          endpoint: o.endpoint,
          model: o.model,
          api: o.api,
          maxTokens: o.maxTokens,
          seed: o.seed,
          tokenIds: Boolean(o.tokenIds),
          apiKey: endpointApiKey(io.env),
          timeoutMs: o.timeout ?? 120_000,
          retries: o.retries,
          promptSet,
          kitVersion: kitVersion(),
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
