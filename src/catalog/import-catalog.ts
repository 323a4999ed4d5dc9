import { InvalidCatalogError } from '../errors.js';
import type { SchemaRegistry } from '../schemas/schema-registry.js';
import type { Db } from '../db/open-database.js';
import { createCatalogWriter, type ImportCounts } from '../db/catalog-writer.js';
import { readCatalogFiles } from './read-catalog-files.js';
import { bundleCatalog, type CatalogBundle } from './catalog-bundle.js';
import { declarationRecord, newestRequirementSet } from './declaration-record.js';

/** Writes a checked bundle in one transaction, with the catalog's rules for declarations and requirement sets. */
export function writeCatalog(db: Db, bundle: CatalogBundle, actor: string, at: string): ImportCounts {
  const plan = { declarationRecord, activeRequirementSet: newestRequirementSet(bundle) };
  return createCatalogWriter(db).importBundle(bundle, plan, actor, at);
}

/** Progress of an import: files validated so far, then the one write. */
export interface ImportProgress {
  (phase: 'validate' | 'write', done: number, total: number): void;
}

/** Reads, validates and cross-checks a data folder; throws with every problem found, file by file. */
export function loadCatalog(dir: string, registry: SchemaRegistry, progress?: ImportProgress): CatalogBundle {
  const { files, problems } = readCatalogFiles(dir, registry, (done, total) => progress?.('validate', done, total));
  const checked = bundleCatalog(files);
  const all = [...problems, ...checked.problems];
  if (all.length) {
    throw new InvalidCatalogError(`the catalog in ${dir} has ${all.length} problem(s); nothing was imported`, all);
  }
  return checked.bundle;
}

/**
 * `chipreg import`: validates every file first and writes nothing if any is invalid; then
 * upserts everything in one transaction. Running it twice changes nothing the second time.
 */
export function importCatalog(
  db: Db,
  registry: SchemaRegistry,
  dir: string,
  options: { actor?: string; progress?: ImportProgress; now?: () => Date } = {},
): ImportCounts {
  const { progress } = options;
  const bundle = loadCatalog(dir, registry, progress);
  progress?.('write', 0, 1);
  const at = (options.now ?? (() => new Date()))().toISOString();
  const counts = writeCatalog(db, bundle, options.actor ?? 'cli:import', at);
  progress?.('write', 1, 1);
  return counts;
}
