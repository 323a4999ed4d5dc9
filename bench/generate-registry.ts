import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { importCatalog, writeCatalog } from '../src/catalog/import-catalog.js';
import type { CatalogBundle } from '../src/catalog/catalog-bundle.js';
import { createCertificationWriter } from '../src/db/certification-writer.js';
import { openDatabase, type Db } from '../src/db/open-database.js';
import type { Chip, Model } from '../src/domain/catalog-types.js';
import { createDeps } from '../src/deps.js';
import { dataDir } from '../src/package-root.js';
import { createSchemaRegistry } from '../src/schemas/schema-registry.js';
import { seededRandom } from './seeded-random.js';
import { syntheticCatalog } from './synthetic-catalog.js';
import { certificationMaker, checkPool, deploymentPicker, type Catalog } from './synthetic-certifications.js';

export interface ImportStats {
  rows: number;
  /** Seconds inside the chipreg write path (createCertificationWriter().insertMany, one transaction per batch). */
  writerSeconds: number;
  /** Rows of the same batches also written by a raw prepared-insert loop into a fresh database of the same shape. */
  rawRows: number;
  rawSeconds: number;
  /** The chipreg write path over the same rows, for the ratio. */
  writerSecondsOnRawRows: number;
}

const BATCH = 10_000;

/** A fresh database through the real paths: migrations, the data/ catalog, then the synthetic catalog bundle. */
function catalogDatabase(path: string, bundle: CatalogBundle | null): Db {
  const db = openDatabase(path);
  importCatalog(db, createSchemaRegistry(), dataDir(), { actor: 'bench' });
  if (bundle) writeCatalog(db, bundle, 'bench', new Date().toISOString());
  return db;
}

/**
 * The synthetic registry in `dir`: `chips`/`models` in total (data/ plus generated), then
 * certifications added by `grow(total)` in batches of 10,000 per transaction, with the first
 * `compareRows` rows also written by a raw insert loop to measure import throughput side by side.
 */
export function createRegistry(options: {
  dir: string;
  chips: number;
  models: number;
  seed: number;
  compareRows: number;
  now: Date;
}) {
  const random = seededRandom(options.seed);
  const schemas = createSchemaRegistry();
  const path = join(options.dir, 'chipreg.db');
  const db = catalogDatabase(path, null);
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const bundle = syntheticCatalog(
    random,
    { chips: Math.max(0, options.chips - count('chips')), models: Math.max(0, options.models - count('models')) },
    schemas,
  );
  writeCatalog(db, bundle, 'bench', options.now.toISOString());
  // Popularity order: the real catalog first, the most declared first, then the synthetic records.
  const docs = <T>(table: string, column: string) =>
    (
      db
        .prepare(
          `SELECT doc FROM ${table} t ORDER BY t.id LIKE 'bench-%',
    (SELECT count(*) FROM certifications c WHERE c.${column} = t.id) DESC, t.id`,
        )
        .pluck()
        .all() as string[]
    ).map((d) => JSON.parse(d) as T);
  const catalog: Catalog = { models: docs<Model>('models', 'model_id'), chips: docs<Chip>('chips', 'chip_id') };
  const pick = deploymentPicker(catalog);
  const pool = checkPool(random, pick, createDeps({ db, schemas }).validation);
  const make = certificationMaker(pick, pool, options.now);
  const writer = createCertificationWriter(db);

  // The raw loop re-inserts exactly the rows the writer stored (read back, untimed) into a fresh
  // database of the same schema and catalog: plain prepared inserts, no id lookup, supersession or revision.
  const rawPath = join(options.dir, 'raw-insert.db');
  let raw = options.compareRows > 0 ? catalogDatabase(rawPath, bundle) : null;
  const columns = (table: string) =>
    db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];
  const insertSql = (table: string) =>
    `INSERT INTO ${table} (${columns(table).join(', ')}) VALUES (${columns(table)
      .map(() => '?')
      .join(', ')})`;
  const readCerts = db.prepare('SELECT * FROM certifications WHERE seq > ? ORDER BY seq').raw();
  const readPrecisions = db.prepare('SELECT * FROM certification_precisions WHERE certification_seq > ?').raw();
  // The evidence rows the batch added (stored once per distinct content), copied with it.
  const readEvidence = db.prepare('SELECT * FROM evidence WHERE id > ? ORDER BY id').raw();
  const lastEvidence = db.prepare('SELECT coalesce(max(id), 0) FROM evidence').pluck();
  const rawInsert = raw?.prepare(insertSql('certifications'));
  const rawPrecision = raw?.prepare(insertSql('certification_precisions'));
  const rawEvidence = raw?.prepare(insertSql('evidence'));
  const rawLoop = (certs: unknown[][], precisions: unknown[][], evidence: unknown[][]) => {
    for (const row of evidence) rawEvidence!.run(row);
    for (const row of certs) rawInsert!.run(row);
    for (const row of precisions) rawPrecision!.run(row);
  };
  const stats: ImportStats = { rows: 0, writerSeconds: 0, rawRows: 0, rawSeconds: 0, writerSecondsOnRawRows: 0 };
  const timed = (fn: () => void) => {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e9;
  };

  return {
    path,
    db,
    catalog,
    stats,
    certifications: () => count('certifications') - count("certifications WHERE origin = 'declaration'"),
    /** Adds certifications until there are `total`; `progress` hears after every batch. */
    grow(total: number, progress?: (done: number) => void) {
      while (stats.rows < total) {
        const rows = Array.from({ length: Math.min(BATCH, total - stats.rows) }, () => make(random));
        const lastSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM certifications').pluck().get() as number;
        const lastEvidenceId = lastEvidence.get() as number;
        const seconds = timed(() => writer.insertMany(rows));
        stats.writerSeconds += seconds;
        if (raw && stats.rawRows < options.compareRows) {
          const certs = readCerts.all(lastSeq) as unknown[][];
          const precisions = readPrecisions.all(lastSeq) as unknown[][];
          const evidence = readEvidence.all(lastEvidenceId) as unknown[][];
          stats.rawSeconds += timed(raw.transaction(() => rawLoop(certs, precisions, evidence)));
          stats.rawRows += rows.length;
          stats.writerSecondsOnRawRows += seconds;
        }
        stats.rows += rows.length;
        progress?.(stats.rows);
      }
      if (raw && stats.rawRows >= options.compareRows) {
        raw.close();
        raw = null;
        for (const suffix of ['', '-wal', '-shm']) rmSync(rawPath + suffix, { force: true });
      }
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}

export type Registry = ReturnType<typeof createRegistry>;
