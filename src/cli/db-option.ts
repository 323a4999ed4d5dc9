import type { Command } from 'commander';
import type { CliIO } from './cli-io.js';

/** `--db` on every command that opens the database; `CHIPREG_DB` otherwise; `./chipreg.db` by default. */
export const dbOption = (command: Command): Command =>
  command.option('--db <path>', 'database file (default: $CHIPREG_DB or ./chipreg.db)');

export const resolveDb = (options: { db?: string }, io: CliIO): string =>
  options.db ?? io.env.CHIPREG_DB ?? './chipreg.db';
