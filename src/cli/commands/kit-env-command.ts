import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { captureEnvironment, defaultEnvDeps } from '../../kit/env-capture.js';
import { fileArtifact } from '../../kit/sha256-file.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { kitVersion, secondsOption } from './kit-options.js';

/** `chipreg kit env`: writes the environment artifact L1 asks for and prints its sha256. */
export function registerKitEnv(kit: Command, io: CliIO): void {
  kit
    .command('env')
    .description(
      'capture the environment artifact: npu-smi, hy-smi, rocm-smi, cnmon, xpu_smi, ixsmi, mx-smi, mthreads-gmi, efsmi, bm-smi, ' +
        'lspci -nn (those that exist), OS, kernel, CPU and the serving stack pip packages',
    )
    .option('--out <file>', 'where the JSON artifact is written', 'chipreg-env.json')
    .option('--timeout <seconds>', 'limit for each tool (default: 15)', secondsOption)
    .option('--json', 'print the artifact entry as JSON')
    .action(async (o: { out: string; timeout?: number; json?: boolean }) => {
      const dump = await captureEnvironment(defaultEnvDeps(o.timeout ?? 15_000));
      const document = { ...dump, tool: { name: 'chipreg-kit', version: kitVersion() } };
      try {
        writeFileSync(o.out, JSON.stringify(document, null, 2) + '\n');
      } catch (error) {
        throw new CliExit(1, `cannot write ${o.out}: ${(error as Error).message}`);
      }
      const artifact = fileArtifact(o.out, 'environment');
      const sha256 = artifact.sha256;
      if (o.json)
        return void io.stdout.write(
          JSON.stringify(
            { artifact, tools: dump.tools.map((t) => ({ name: t.name, status: t.status })), missing: dump.missing },
            null,
            2,
          ) + '\n',
        );
      const lines = [
        ...dump.tools.map((t) => `ran      ${t.name} (${t.status}${t.exitCode ? `, exit ${t.exitCode}` : ''})`),
        ...dump.missing.map((name) => `missing  ${name}`),
        `pip      ${typeof dump.python.pip === 'string' ? dump.python.pip : 'missing'}`,
        `wrote ${o.out}`,
        `sha256 ${sha256}`,
      ];
      io.stdout.write(lines.join('\n') + '\n');
    });
}
