import type { Command } from 'commander';
import { importCatalog } from '../../catalog/import-catalog.js';
import { openDatabase } from '../../db/open-database.js';
import { dataDir } from '../../package-root.js';
import { createSchemaRegistry } from '../../schemas/schema-registry.js';
import type { CliIO } from '../cli-io.js';
import { dbOption, resolveDb } from '../db-option.js';
import { createProgress } from '../progress.js';

export function registerImport(program: Command, io: CliIO): void {
  dbOption(program.command('import'))
    .description('validate every file of a data folder, then upsert the catalog in one transaction (idempotent)')
    .argument('[dir]', 'data folder', dataDir())
    .option('--json', 'print the counts as JSON')
    .action((dir: string, options: { db?: string; json?: boolean }) => {
      const db = openDatabase(resolveDb(options, io));
      const progress = createProgress(io);
      try {
        const counts = importCatalog(db, createSchemaRegistry(), dir, {
          progress: options.json ? undefined : progress.update,
        });
        progress.stop();
        if (options.json) io.stdout.write(JSON.stringify(counts) + '\n');
        else {
          const changed = Object.entries(counts)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${n} ${k}`);
          io.stdout.write(changed.length ? `imported: ${changed.join(', ')}\n` : 'nothing changed\n');
        }
      } finally {
        progress.stop();
        db.close();
      }
    });
}
