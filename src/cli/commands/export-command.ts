import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openExistingDb } from '../open-existing-db.js';
import { createDeps } from '../../deps.js';
import type { Certification } from '../../domain/certification-view.js';
import { toCsv } from '../../format/csv.js';
import { certificationColumns } from '../../format/certification-csv.js';
import { allPages } from '../../services/keyset-page.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbOption, resolveDb } from '../db-option.js';

export function registerExport(program: Command, io: CliIO): void {
  dbOption(program.command('export'))
    .description('export every certification and declaration as JSON or CSV (deployment fields flattened)')
    .option('--format <format>', 'json or csv', 'json')
    .option('--out <file>', 'write to a file instead of stdout')
    .action((options: { db?: string; format: string; out?: string }) => {
      if (options.format !== 'json' && options.format !== 'csv')
        throw new CliExit(2, `--format must be json or csv, not "${options.format}"`);
      const db = openExistingDb(resolveDb(options, io), { readonly: true });
      try {
        const service = createDeps({ db }).certifications;
        const all: Certification[] = allPages((paging) => service.list({}, paging));
        const text =
          options.format === 'csv' ? toCsv(all, certificationColumns) : JSON.stringify({ items: all }, null, 2) + '\n';
        if (options.out) {
          writeFileSync(options.out, text);
          io.stderr.write(`wrote ${all.length} certifications to ${options.out}\n`);
        } else io.stdout.write(text);
      } finally {
        db.close();
      }
    });
}
