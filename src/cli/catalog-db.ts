import { existsSync } from 'node:fs';
import { importCatalog } from '../catalog/import-catalog.js';
import { createMetaRepository } from '../db/meta-repository.js';
import { openDatabase, type Db } from '../db/open-database.js';
import { dataDir } from '../package-root.js';
import { CliExit } from './cli-io.js';
import { createSchemaRegistry } from '../schemas/schema-registry.js';

/**
 * A database to check documents against: the one at `path` when it holds a catalog, else an
 * in-memory one with data/ imported, so `chipreg validate` works before anything was set up.
 * A path the user named (`--db`, `CHIPREG_DB`) must exist: a typo is not a reason to check against
 * another catalog.
 */
export function openCatalogDb(path: string, named = false): Db {
  if (named && !existsSync(path))
    throw new CliExit(1, `no database at ${path}: check --db or CHIPREG_DB, or leave both unset to use data/`);
  if (existsSync(path)) {
    const db = openDatabase(path);
    if (createMetaRepository(db).revision() > 0) return db;
    db.close();
  }
  const memory = openDatabase(':memory:');
  importCatalog(memory, createSchemaRegistry(), dataDir(), { actor: 'cli:validate' });
  return memory;
}
