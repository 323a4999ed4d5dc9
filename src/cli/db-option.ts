import type { Command } from 'commander';
import type { CliIO } from './cli-io.js';

/** `--db` on every command that opens the database; `CHIPREG_DB` otherwise; `./chipreg.db` by default. */
export const dbOption = (command: Command): Command =>
  command.option('--db <path>', 'database file (default: $CHIPREG_DB or ./chipreg.db)');

export const resolveDb = (options: { db?: string }, io: CliIO): string =>
  options.db ?? io.env.CHIPREG_DB ?? './chipreg.db';

/** Whether the database path was named by the user rather than defaulted. */
export const dbNamed = (options: { db?: string }, io: CliIO): boolean => Boolean(options.db ?? io.env.CHIPREG_DB);
