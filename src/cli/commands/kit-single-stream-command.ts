import type { Command } from 'commander';
import { appendFileSync, writeFileSync } from 'node:fs';
import { fileArtifact } from '../../kit/sha256-file.js';
import { runSingleStream } from '../../kit/single-stream.js';
import { completionUrl } from '../../kit/endpoint-url.js';
import { promptSetOption } from './kit-input-files.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { createProgress } from '../progress.js';
import { apiOption, endpointApiKey, intOption, kitVersion, secondsOption } from './kit-options.js';

interface SingleStreamCliOptions {
  endpoint: string;
  model: string;
  api: 'chat' | 'completions';
  requests: number;
  warmup: number;
  maxTokens: number;
  seed: number;
  timeout?: number;
  retries: number;
  prompts?: string;
  out?: string;
  json?: boolean;
}

/** `chipreg kit single-stream`: sequential streamed requests, TTFT p90 and decode tokens/s as a v2 operating point. */
export function registerKitSingleStream(kit: Command, io: CliIO): void {
  kit
    .command('single-stream')
    .description(
      'measure one request at a time (edge, phone, vehicle): TTFT percentiles and decode tokens/s, printed as a v2 operating point',
    )
    .requiredOption('--endpoint <url>', 'server root, its /v1 base or the full route')
    .requiredOption('--model <name>', 'model name as the server knows it')
    .option('--api <chat|completions>', 'POST /v1/chat/completions or /v1/completions', apiOption, 'chat')
    .option('--requests <n>', 'measured requests', intOption(1, 100000), 50)
    .option('--warmup <n>', 'unmeasured requests sent first', intOption(0, 1000), 2)
    .option('--max-tokens <n>', 'max_tokens of every request', intOption(1, 32768), 128)
    .option('--seed <n>', 'seed sent with every request', intOption(0, 2 ** 31 - 1), 0)
    .option('--timeout <seconds>', 'limit for one request, body included (default: 300)', secondsOption)
    .option('--retries <n>', 'further attempts after a transient failure', intOption(0, 10), 0)
    .option('--prompts <file>', 'prompt set (JSONL of {id, lang, prompt}); default: the shipped 2026.1 set')
    .option('--out <file>', 'also write every measured request as JSONL (an artifact)')
    .option('--json', 'print the whole report as JSON')
    .action(async (o: SingleStreamCliOptions) => {
      try {
        completionUrl(o.endpoint, o.api);
      } catch (error) {
        throw new CliExit(2, (error as Error).message);
      }
      const promptSet = promptSetOption(o.prompts);
      if (o.out) writeFileSync(o.out, '');
      const progress = createProgress(io);
      let report;
      try {
        report = await runSingleStream({
          endpoint: o.endpoint,
          model: o.model,
          api: o.api,
          maxTokens: o.maxTokens,
          seed: o.seed,
          apiKey: endpointApiKey(io.env),
          timeoutMs: o.timeout ?? 300_000,
          retries: o.retries,
          promptSet,
          requests: o.requests,
          warmup: o.warmup,
          kitVersion: kitVersion(),
          command: `chipreg kit single-stream --model ${o.model} --requests ${o.requests} --warmup ${o.warmup} --max-tokens ${o.maxTokens}`,
          onProgress: (done, total) => progress.update('requests', done, total),
          onRequest: (i, outcome) => o.out && appendFileSync(o.out, JSON.stringify({ request: i, ...outcome }) + '\n'),
        });
      } finally {
        progress.stop();
      }
      const full = {
        ...report,
        ...(o.out ? { outputs: { file: o.out, artifact: fileArtifact(o.out, 'results') } } : {}),
      };
      if (o.json) io.stdout.write(JSON.stringify(full, null, 2) + '\n');
      else {
        const p = report.operatingPoint;
        io.stdout.write(
          [
            `single-stream ${o.model}: ${p.requests.succeeded}/${p.requests.total} requests succeeded`,
            `TTFT p90 ${p.latencyMs?.ttft?.p90 ?? '-'} ms  decode ${p.decodeTokensPerSecond ?? '-'} tokens/s`,
            ...report.failures.slice(0, 10).map((f) => `  failed request ${f.request}: ${f.kind} ${f.message}`),
            'operating point:',
            JSON.stringify(p, null, 2),
          ].join('\n') + '\n',
        );
      }
      if (report.operatingPoint.requests.succeeded === 0) throw new CliExit(1, 'no request succeeded');
    });
}
