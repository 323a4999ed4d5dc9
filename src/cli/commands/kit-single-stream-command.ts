import type { Command } from 'commander';
import { appendFileSync, writeFileSync } from 'node:fs';
import { fileArtifact } from '../../kit/sha256-file.js';
import { runSingleStream } from '../../kit/single-stream.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { createProgress } from '../progress.js';
import {
  endpointOptions,
  endpointSettings,
  type EndpointCliOptions,
  type EndpointDefaults,
} from './kit-endpoint-options.js';
import { intOption } from './kit-options.js';

interface SingleStreamCliOptions extends EndpointCliOptions {
  requests: number;
  warmup: number;
  out?: string;
  json?: boolean;
}

const DEFAULTS: EndpointDefaults = { maxTokens: 128, timeoutSeconds: 300, retries: 0 };

/** `chipreg kit single-stream`: sequential streamed requests, TTFT p90 and decode tokens/s as a v2 operating point. */
export function registerKitSingleStream(kit: Command, io: CliIO): void {
  endpointOptions(kit.command('single-stream'), DEFAULTS)
    .description(
      'measure one request at a time (edge, phone, vehicle): TTFT percentiles and decode tokens/s, printed as a v2 operating point',
    )
    .option('--requests <n>', 'measured requests', intOption(1, 100000), 50)
    .option('--warmup <n>', 'unmeasured requests sent first', intOption(0, 1000), 2)
    .option('--out <file>', 'also write every measured request as JSONL (an artifact)')
    .option('--json', 'print the whole report as JSON')
    .action(async (o: SingleStreamCliOptions) => {
      const settings = endpointSettings(o, io.env, DEFAULTS);
      if (o.out) writeFileSync(o.out, '');
      const progress = createProgress(io);
      let report;
      try {
        report = await runSingleStream({
          ...settings,
          requests: o.requests,
          warmup: o.warmup,
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
