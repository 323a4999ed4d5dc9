import type { Command } from 'commander';
import { createAuditRepository } from '../../db/audit-repository.js';
import { openExistingDb } from '../open-existing-db.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbOption, resolveDb } from '../db-option.js';

/** `chipreg audit verify`: walks the hash chain; exit 1 at the first broken event. */
export function registerAudit(program: Command, io: CliIO): void {
  const audit = program.command('audit').description('inspect the audit log');
  dbOption(audit.command('verify'))
    .description('verify the hash chain of the audit log (detects edited, deleted or reordered events)')
    .option('--json', 'print the result as JSON')
    .action((options: { db?: string; json?: boolean }) => {
      const db = openExistingDb(resolveDb(options, io), { readonly: true });
      let result;
      try {
        result = createAuditRepository(db).verify();
      } finally {
        db.close();
      }
      if (options.json) io.stdout.write(JSON.stringify(result) + '\n');
      else
        io.stdout.write(
          result.valid
            ? `audit log intact: ${result.events} events\n`
            : `audit log BROKEN at event ${result.brokenAt}: ${result.reason}\n`,
        );
      if (!result.valid) throw new CliExit(1);
    });
}
