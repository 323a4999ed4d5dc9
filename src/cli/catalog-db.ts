import { existsSync } from 'node:fs';
import { importCatalog } from '../catalog/import-catalog.js';
import { createMetaRepository } from '../db/meta-repository.js';
import { openDatabase, type Db } from '../db/open-database.js';
import { dataDir } from '../package-root.js';
import { createSchemaRegistry } from '../schemas/schema-registry.js';

/**
 * A database to check documents against: the one at `path` when it holds a catalog, else an
 * in-memory one with data/ imported, so `chipreg validate` works before anything was set up.
 */
export function openCatalogDb(path: string): Db {
  if (existsSync(path)) {
    const db = openDatabase(path);
    if (createMetaRepository(db).revision() > 0) return db;
    db.close();
  }
  const memory = openDatabase(':memory:');
  importCatalog(memory, createSchemaRegistry(), dataDir(), { actor: 'cli:validate' });
  return memory;
}
