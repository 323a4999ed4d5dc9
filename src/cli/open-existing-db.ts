import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../db/open-database.js';
import { CliExit } from './cli-io.js';

/**
 * Opens the registry database a command works on, refusing a path where there is none: a mistyped
 * `--db` must not silently create an empty database (and print a key that works nowhere). Only
 * `serve` and `import` create one, or a command that was asked to with `--create-db`.
 */
export function openExistingDb(path: string, options: { readonly?: boolean; create?: boolean } = {}): Db {
  if (path !== ':memory:' && !options.create && !existsSync(path))
    throw new CliExit(
      1,
      `no database at ${path}: check --db or CHIPREG_DB, run \`chipreg import\` to make one, or pass --create-db`,
    );
  return openDatabase(path, { readonly: options.readonly ?? false });
}
