import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { CliExit, formatError, type CliIO } from './cli-io.js';
import { registerExport } from './commands/export-command.js';
import { registerImport } from './commands/import-command.js';
import { registerServe } from './commands/serve-command.js';
import { registerAudit } from './commands/audit-command.js';
import { registerBackup } from './commands/backup-command.js';
import { registerCertificate } from './commands/certificate-command.js';
import { registerIdentify } from './commands/identify-command.js';
import { registerKeys } from './commands/keys-command.js';
import { registerKit } from './commands/kit-command.js';
import { registerValidate } from './commands/validate-command.js';
import { registerStack } from './commands/stack-command.js';
import { registerWitness } from './commands/witness-command.js';
import { registerEvidenceImport } from './commands/evidence-import-command.js';
import { registerEvidenceAssemble } from './commands/evidence-assemble-command.js';

/**
 * Runs one CLI invocation and resolves to its exit code: 0 success, 1 failure (or an invalid
 * document), 2 usage error. Never exits the process itself.
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const { version } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  const program = new Command('chipreg')
    .description('chipreg: the chip compatibility registry')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError();
  registerServe(program, io);
  registerImport(program, io);
  registerExport(program, io);
  registerValidate(program, io);
  registerKeys(program, io);
  registerAudit(program, io);
  registerCertificate(program, io);
  registerBackup(program, io);
  registerIdentify(program, io);
  registerStack(program, io);
  registerWitness(program, io);
  registerKit(program, io);
  const evidence = program.command('evidence').description('turn the outputs of benchmark tools into a v2 submission');
  registerEvidenceImport(evidence, io);
  registerEvidenceAssemble(evidence, io);
  const exitOverrideAll = (command: Command) => command.commands.forEach((c) => exitOverrideAll(c.exitOverride()));
  exitOverrideAll(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliExit) {
      if (error.message) io.stderr.write(`chipreg: ${error.message}\n`);
      return error.code;
    }
    io.stderr.write(`chipreg: ${formatError(error)}\n`);
    return 1;
  }
}
