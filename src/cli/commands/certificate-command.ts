import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openDatabase } from '../../db/open-database.js';
import { createSigningKeyRepository } from '../../db/signing-key-repository.js';
import { verifySignature } from '../../signing/certificate-signature.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbOption, resolveDb } from '../db-option.js';

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliExit(
      2,
      `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
}

/**
 * `chipreg certificate verify <file>`: checks the signature offline, against a saved copy of
 * GET /v1/keys (`--keys`) or the public keys in a local database. Exit 0 authentic, 1 not.
 */
export function registerCertificate(program: Command, io: CliIO): void {
  const certificate = program.command('certificate').description('work with signed certificates');
  dbOption(certificate.command('verify'))
    .description('verify a signed certificate offline')
    .argument('<file>', 'a certificate as served by GET /v1/certifications/{id}/certificate')
    .option('--keys <file>', 'public keys as served by GET /v1/keys (default: the keys in the local database)')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: { db?: string; keys?: string; json?: boolean }) => {
      const doc = readJson(file, 'certificate');
      let keys: Array<{ id: string; publicKey: string }>;
      if (options.keys) {
        const list = readJson(options.keys, 'keys file') as { items?: unknown };
        if (!Array.isArray(list?.items))
          throw new CliExit(2, `${options.keys} is not a GET /v1/keys answer ({items: [...]})`);
        keys = list.items as Array<{ id: string; publicKey: string }>;
      } else {
        const path = resolveDb(options, io);
        if (!existsSync(path))
          throw new CliExit(2, `no database at ${path}: pass --keys with a saved copy of GET /v1/keys`);
        const db = openDatabase(path, { readonly: true });
        try {
          keys = createSigningKeyRepository(db).list();
        } finally {
          db.close();
        }
      }
      const result = verifySignature(doc, (id) => keys.find((k) => k.id === id)?.publicKey ?? null);
      io.stdout.write(
        options.json ? JSON.stringify(result) + '\n' : `${result.valid ? 'valid' : 'INVALID'}: ${result.reason}\n`,
      );
      if (!result.valid) throw new CliExit(1);
    });
}
