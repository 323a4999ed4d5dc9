import { findDuplicateMember } from '../../domain/json-duplicates.js';
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { openDatabase } from '../../db/open-database.js';
import { createSigningKeyRepository } from '../../db/signing-key-repository.js';
import { verifySignature, type VerificationKey } from '../../signing/certificate-signature.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbOption, resolveDb } from '../db-option.js';
import { readInputFile } from '../read-input-file.js';

function readJson(file: string, what: string): unknown {
  let text: string;
  let doc: unknown;
  try {
    text = readInputFile(file);
    doc = JSON.parse(text);
  } catch (error) {
    throw new CliExit(2, `cannot read ${what} ${file}: ${(error as Error).message}`);
  }
  const duplicate = findDuplicateMember(text);
  if (duplicate !== null) throw new CliExit(1, `${file}: ${duplicate} is given more than once; refusing to verify`);
  return doc;
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
      let keys: Array<{ id: string } & VerificationKey>;
      if (options.keys) {
        const list = readJson(options.keys, 'keys file') as { items?: unknown };
        if (!Array.isArray(list?.items))
          throw new CliExit(2, `${options.keys} is not a GET /v1/keys answer ({items: [...]})`);
        keys = list.items as Array<{ id: string } & VerificationKey>;
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
      const result = verifySignature(doc, (id) => keys.find((k) => k.id === id) ?? null);
      io.stdout.write(
        options.json ? JSON.stringify(result) + '\n' : `${result.valid ? 'valid' : 'INVALID'}: ${result.reason}\n`,
      );
      if (!result.valid) throw new CliExit(1);
    });
}
