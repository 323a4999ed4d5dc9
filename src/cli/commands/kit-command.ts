import type { Command } from 'commander';
import type { CliIO } from '../cli-io.js';
import { registerKitEnv } from './kit-env-command.js';
import { registerKitFunctional } from './kit-functional-command.js';
import { registerKitSingleStream } from './kit-single-stream-command.js';

/** `chipreg kit …`: the certification kit that produces evidence on the vendor's own machine. */
export function registerKit(program: Command, io: CliIO): void {
  const kit = program
    .command('kit')
    .description('the certification kit: functional run, single-stream performance, environment dump');
  registerKitFunctional(kit, io);
  registerKitSingleStream(kit, io);
  registerKitEnv(kit, io);
}
