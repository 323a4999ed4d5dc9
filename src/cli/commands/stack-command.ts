import type { Command } from 'commander';
import { createDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { isLevel, type Level } from '../../domain/vocabulary.js';
import { openCatalogDb } from '../catalog-db.js';
import { CliExit, formatError, type CliIO } from '../cli-io.js';
import { dbOption, resolveDb } from '../db-option.js';

/** Bad input (an unknown component, chip or model) is a usage error: exit 2 with the suggestions. */
function usage(error: unknown): never {
  if (error instanceof AppError && ['invalid-query', 'unknown-reference', 'not-found'].includes(error.code)) {
    const suggestions = (error.extra.suggestions as Array<{ id: string; name: string }> | undefined) ?? [];
    const hint = suggestions.length
      ? `\n  did you mean: ${suggestions.map((s) => `${s.name} (${s.id})`).join(', ')}`
      : '';
    throw new CliExit(2, formatError(error) + hint);
  }
  throw error;
}

const line = (c: { name: string; version: string }) => `${c.name}@${c.version}`;

/** `chipreg stack check|upgrade`: the stack catalog questions, answered offline from the local database. */
export function registerStack(program: Command, io: CliIO): void {
  const stack = program.command('stack').description('which component versions work together, and how to upgrade');

  dbOption(stack.command('check'))
    .description('is a stack known-good, known-bad or unknown on a chip (exit 1 when known-bad)')
    .requiredOption('--chip <chip>', 'chip id or alias, e.g. 910B')
    .requiredOption('--stack <stack>', 'installed components, e.g. CANN@8.1.RC1,torch_npu@2.5.1')
    .option('--json', 'print the answer as JSON')
    .action((options: { db?: string; chip: string; stack: string; json?: boolean }) => {
      const db = openCatalogDb(resolveDb(options, io));
      try {
        let answer;
        try {
          answer = createDeps({ db }).stacks.check({ chip: options.chip, stack: options.stack });
        } catch (error) {
          usage(error);
        }
        if (options.json) io.stdout.write(JSON.stringify(answer, null, 2) + '\n');
        else {
          const lines = [`${answer.verdict}: ${answer.stack.map(line).join(', ')} on ${answer.chip}`];
          for (const m of answer.matches) lines.push(`  ${m.id}: ${m.statement}\n    ${m.source.url}`);
          for (const c of answer.conflicts)
            lines.push(`  conflict: ${c.detail}\n    ${c.combination.id}: ${c.combination.source.url}`);
          for (const w of answer.warnings) lines.push(`  warning: ${w}`);
          io.stdout.write(lines.join('\n') + '\n');
        }
        if (answer.verdict === 'known-bad') throw new CliExit(1);
      } finally {
        db.close();
      }
    });

  dbOption(stack.command('upgrade'))
    .description('the fewest component changes to a stack with a certification (else a declaration) for a model')
    .requiredOption('--chip <chip>', 'chip id or alias')
    .requiredOption('--model <model>', 'model id or alias')
    .requiredOption('--from <stack>', 'installed components, e.g. CANN@7.0.0,torch_npu@2.1.0')
    .option('--min-level <level>', 'only certifications at this level or above (L0 admits declarations)')
    .option('--json', 'print the answer as JSON')
    .action(
      (options: { db?: string; chip: string; model: string; from: string; minLevel?: string; json?: boolean }) => {
        const minLevel = options.minLevel?.toUpperCase();
        if (minLevel !== undefined && !isLevel(minLevel))
          throw new CliExit(2, '--min-level must be a level from L0 to L4');
        const db = openCatalogDb(resolveDb(options, io));
        try {
          let answer;
          try {
            answer = createDeps({ db }).stacks.upgradePath({
              chip: options.chip,
              model: options.model,
              from: options.from,
              minLevel: minLevel as Level | undefined,
            });
          } catch (error) {
            usage(error);
          }
          if (options.json) io.stdout.write(JSON.stringify(answer, null, 2) + '\n');
          else {
            const lines = [answer.message];
            for (const s of answer.steps)
              lines.push(
                `  ${s.action} ${s.name}${s.from ? ` ${s.from}` : ''} -> ${s.to}   (${s.because.kind} ${s.because.id}${
                  s.because.url ? ` ${s.because.url}` : ''
                })`,
              );
            if (answer.resultingStack)
              lines.push(
                `  result: ${answer.resultingStack.components.map(line).join(', ')} (${answer.resultingStack.verdict})`,
              );
            for (const w of answer.warnings) lines.push(`  warning: ${w}`);
            io.stdout.write(lines.join('\n') + '\n');
          }
          if (!answer.found) throw new CliExit(1);
        } finally {
          db.close();
        }
      },
    );
}
