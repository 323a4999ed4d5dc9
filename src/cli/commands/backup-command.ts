import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { openDatabase } from '../../db/open-database.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbOption, resolveDb } from '../db-option.js';

/** `chipreg backup <file>`: SQLite's online backup API, consistent while the server keeps writing. */
export function registerBackup(program: Command, io: CliIO): void {
  dbOption(program.command('backup'))
    .description('write a consistent copy of the database (safe while the server runs)')
    .argument('<file>', 'destination file (must not exist)')
    .action(async (file: string, options: { db?: string }) => {
      const path = resolveDb(options, io);
      if (!existsSync(path)) throw new CliExit(1, `no database at ${path}`);
      if (existsSync(file)) throw new CliExit(1, `${file} already exists; choose a new file`);
      const db = openDatabase(path, { readonly: true });
      try {
        const { totalPages } = await db.backup(file);
        io.stderr.write(`backed up ${path} to ${file} (${totalPages} pages)\n`);
      } finally {
        db.close();
      }
    });
}
