import type { Command } from 'commander';
import { openExistingDb } from '../open-existing-db.js';
import { createDeps } from '../../deps.js';
import { createSigningKeyFile } from '../../signing/signing-key-file.js';
import { loadConfig } from '../../config.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbOption, resolveDb } from '../db-option.js';

const ROLES = ['vendor', 'reviewer', 'admin'] as const;

/** `chipreg keys create|list|revoke`: the operator's side of API keys (actor `cli`). */
export function registerKeys(program: Command, io: CliIO): void {
  const keys = program.command('keys').description('manage API keys');
  const withDeps = <T>(
    options: { db?: string; createDb?: boolean },
    run: (deps: ReturnType<typeof createDeps>) => T,
  ): T => {
    const db = openExistingDb(resolveDb(options, io), { create: options.createDb });
    try {
      return run(createDeps({ db }));
    } finally {
      db.close();
    }
  };

  dbOption(keys.command('create'))
    .description('create a key and print it, alone, on stdout (it is shown only this once)')
    .requiredOption('--role <role>', 'vendor, reviewer or admin')
    .option('--vendor <vendor>', 'the vendor a vendor key acts for (id or name)')
    .option('--label <label>', 'a note to recognise the key by')
    .option('--create-db', 'create the database if there is none at the path (and import nothing)')
    .action((options: { db?: string; createDb?: boolean; role: string; vendor?: string; label?: string }) => {
      if (!(ROLES as readonly string[]).includes(options.role))
        throw new CliExit(2, `--role must be one of ${ROLES.join(', ')}`);
      const created = withDeps(options, (deps) =>
        deps.keys.create(
          { role: options.role as (typeof ROLES)[number], vendor: options.vendor, label: options.label },
          'cli',
        ),
      );
      io.stdout.write(`${created.key}\n`);
      io.stderr.write(`created ${options.role} key ${created.id}\n`);
    });

  dbOption(keys.command('list'))
    .description('list keys (ids, roles, vendors; never secrets)')
    .option('--json', 'print JSON')
    .action((options: { db?: string; json?: boolean }) => {
      const list = withDeps(options, (deps) => deps.keys.list());
      if (options.json) io.stdout.write(JSON.stringify(list, null, 2) + '\n');
      else
        for (const k of list)
          io.stdout.write(
            `${k.id}\t${k.role}\t${k.vendor ?? '-'}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}\t${k.label ?? ''}\n`,
          );
    });

  dbOption(keys.command('revoke'))
    .description('revoke a key by its id')
    .argument('<id>', 'key id (from keys list)')
    .action((id: string, options: { db?: string }) => {
      withDeps(options, (deps) => deps.keys.revoke(id, 'cli'));
      io.stderr.write(`revoked key ${id}\n`);
    });

  dbOption(keys.command('rotate-signing'))
    .description('replace the certificate signing key; certificates signed with older keys stay verifiable')
    .option(
      '--signing-key <file>',
      'private key file (default: $CHIPREG_SIGNING_KEY or chipreg-signing.key next to the database)',
    )
    .action((options: { db?: string; signingKey?: string }) => {
      const dbPath = resolveDb(options, io);
      const path = options.signingKey ?? loadConfig(io.env, { dbPath }).signingKeyPath;
      const key = createSigningKeyFile(path);
      withDeps(options, (deps) => createDeps({ db: deps.db, signingKey: key }).certificates.publishCurrentKey());
      io.stderr.write(`new signing key ${key.id} written to ${path}; restart the server to sign with it\n`);
    });

  dbOption(keys.command('withdraw-signing'))
    .description('stop trusting a retired signing key (compromised, say): certificates it signed stop verifying')
    .argument('<id>', 'signing key id (from GET /v1/keys)')
    .requiredOption('--reason <reason>', 'why, published with the key')
    .action((id: string, options: { db?: string; reason: string }) => {
      withDeps(options, (deps) => deps.certificates.withdrawKey(id, options.reason, 'cli'));
      io.stderr.write(`withdrew signing key ${id}; certificates it signed no longer verify\n`);
    });
}
