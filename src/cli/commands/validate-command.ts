import type { Command } from 'commander';
import { openCatalogDb } from '../catalog-db.js';
import { createDeps } from '../../deps.js';
import type { ValidationReport } from '../../services/validation-service.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbNamed, dbOption, resolveDb } from '../db-option.js';
import { InputFileError, readInputFile } from '../read-input-file.js';

export function renderReport(file: string, report: ValidationReport): string {
  if (!report.valid)
    return [`${file}: invalid`, ...report.errors.map((e) => `  ${e.pointer || '/'}: ${e.detail}`)].join('\n') + '\n';
  const level = report.level!;
  const lines = [
    `${file}: valid, earns ${level.achieved ?? 'no level'} (claimed ${level.claimed})${level.preview ? ', preview' : ''}${level.highAccuracy ? ', high accuracy' : ''}`,
  ];
  for (const check of level.checks.filter((c) => c.status === 'fail'))
    lines.push(`  fail ${check.id}: ${check.message}`);
  if (level.nextLevel)
    lines.push(`  for ${level.nextLevel.level}: ${level.nextLevel.missing.map((m) => m.message).join('; ')}`);
  return lines.join('\n') + '\n';
}

/** `chipreg validate <file…>`: the same report as POST /v1/validate; exit 0 all valid, 1 any invalid, 2 usage. */
export function registerValidate(program: Command, io: CliIO): void {
  dbOption(program.command('validate'))
    .description('validate submission documents and show the level their evidence earns')
    .argument('<files...>', 'submission documents (JSON)')
    .option('--json', 'print one JSON report per file')
    .action((files: string[], options: { db?: string; json?: boolean }) => {
      const db = openCatalogDb(resolveDb(options, io), dbNamed(options, io));
      let invalid = 0;
      try {
        const deps = createDeps({ db });
        const reports: Array<{ file: string } & ValidationReport> = [];
        for (const file of files) {
          let doc: unknown;
          try {
            doc = JSON.parse(readInputFile(file));
          } catch (error) {
            const detail =
              error instanceof InputFileError ? error.message : `not valid JSON: ${(error as Error).message}`;
            reports.push({ file, valid: false, errors: [{ pointer: '', detail }], level: null });
            continue;
          }
          reports.push({ file, ...deps.validation.validate(doc) });
        }
        invalid = reports.filter((r) => !r.valid).length;
        io.stdout.write(
          options.json
            ? JSON.stringify(files.length === 1 ? reports[0] : reports, null, 2) + '\n'
            : reports.map((r) => renderReport(r.file, r)).join(''),
        );
      } finally {
        db.close();
      }
      if (invalid) throw new CliExit(1);
    });
}
