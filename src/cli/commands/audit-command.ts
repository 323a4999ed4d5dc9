import type { Command } from 'commander';
import { createAuditRepository } from '../../db/audit-repository.js';
import { openExistingDb } from '../open-existing-db.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbOption, resolveDb } from '../db-option.js';
import { LogMisbehaviourError } from '../../tlog/checkpoint-follower.js';
import { createLogClient, LogUnreachableError } from '../../tlog/log-client.js';
import { monitorOnce, type MonitorState } from '../../tlog/monitor.js';
import { trustedLogKeys } from '../log-keys.js';
import { readStateFile, writeStateFile } from '../state-file.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `chipreg audit verify`: walks the hash chain; exit 1 at the first broken event.
 * `chipreg audit monitor <url>`: follows the registry's transparency log; exit 1 on a fork or rewrite.
 */
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
  audit
    .command('monitor')
    .description(
      "follow a registry's transparency log: prove each new checkpoint extends the last one seen and check every new entry",
    )
    .argument('<url>', 'the registry, e.g. https://chipreg.example.org (the log is at <url>/tlog)')
    .option('--state <file>', 'where the last checkpoint seen is kept', './chipreg-monitor.json')
    .option(
      '--log-key <vkey>',
      'a note verifier key of the log to trust (repeatable; default: pinned in the state file)',
      collect,
    )
    .option('--json', 'print the result as JSON')
    .action(async (url: string, options: { state: string; logKey?: string[]; json?: boolean }) => {
      const client = createLogClient(`${url.replace(/\/+$/, '')}/tlog`);
      const state = readStateFile<MonitorState>(options.state);
      try {
        const logKeys = await trustedLogKeys(options.logKey, state?.logKeys, client, url, (t) => io.stderr.write(t));
        const round = await monitorOnce(client, state, logKeys);
        writeStateFile(options.state, round.state);
        const summary = {
          ok: true,
          origin: round.state.origin,
          previousSize: state?.size ?? null,
          size: round.to,
          newEntries: round.to - round.from,
        };
        io.stdout.write(
          options.json
            ? JSON.stringify(summary) + '\n'
            : `log ${summary.origin} consistent: ${state ? `size ${state.size} → ${round.to}` : `first contact at size ${round.to}`}, ${summary.newEntries} new entries verified\n`,
        );
      } catch (error) {
        if (error instanceof LogMisbehaviourError) {
          // The state is left as it was: the last good checkpoint stays the reference.
          io.stdout.write(
            options.json
              ? JSON.stringify({ ok: false, problem: error.message }) + '\n'
              : `LOG MISBEHAVING: ${error.message}\n`,
          );
          throw new CliExit(1);
        }
        if (error instanceof LogUnreachableError) throw new CliExit(3, error.message);
        throw error;
      }
    });
}
