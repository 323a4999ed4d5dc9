import type { Chip, DeviceClass, Model, Precision, RecordKind, System, Vendor } from '../domain/catalog-types.js';
import type { Benchmark } from '../domain/benchmarks.js';
import type { Db } from './open-database.js';

export interface ChipFilter {
  vendor?: string;
  deviceClass?: DeviceClass;
  precision?: Precision;
  ids?: string[];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const docs = <T>(rows: unknown[]): T[] => (rows as Array<{ doc: string }>).map((r) => JSON.parse(r.doc) as T);

/** Reads of catalog records (vendors, chips, systems, models, software); keyset pages ordered by id. */
export function createCatalogRepository(db: Db) {
  const table: Record<RecordKind, string> = { vendor: 'vendors', chip: 'chips', system: 'systems', model: 'models' };
  const getStmts = Object.fromEntries(
    Object.entries(table).map(([kind, t]) => [kind, db.prepare(`SELECT doc FROM ${t} WHERE id = ?`).pluck()]),
  ) as Record<RecordKind, ReturnType<Db['prepare']>>;

  const listVendors = db.prepare(`SELECT doc FROM vendors WHERE id > @after ORDER BY id LIMIT @limit`);
  const listSystems = db.prepare(
    `SELECT doc FROM systems WHERE id > @after AND (@chip IS NULL OR chip_id = @chip) ORDER BY id LIMIT @limit`,
  );
  const listModels = db.prepare(`SELECT doc FROM models WHERE id > @after AND (@family IS NULL OR family = @family)
    AND (@publisher IS NULL OR publisher_id = @publisher) ORDER BY id LIMIT @limit`);
  const listSoftware = db.prepare(
    `SELECT doc FROM software WHERE (@vendor IS NULL OR vendor_id = @vendor) ORDER BY id`,
  );
  const matrixModels = db.prepare(
    'SELECT id, name_en AS nameEn, family, parameters_b AS parametersB FROM models ORDER BY family, id',
  );
  const matrixChips = db.prepare(
    'SELECT id, name_en AS nameEn, name_zh AS nameZh, vendor_id AS vendor, device_class AS deviceClass FROM chips ORDER BY vendor_id, id',
  );
  const requirementSet = db.prepare(`SELECT doc FROM requirement_sets WHERE active = 1`).pluck();
  const parsedSets = new Map<string, { text: string; value: Record<string, unknown> }>();
  const requirementSetById = db.prepare(`SELECT doc FROM requirement_sets WHERE id = ?`).pluck();
  const requirementSetIds = db.prepare(`SELECT id, active FROM requirement_sets ORDER BY id`);
  const benchmarkDocs = db.prepare('SELECT doc FROM benchmarks ORDER BY id').pluck();
  let benchmarkCache: { text: string; value: Benchmark[] } | null = null;

  return {
    get<T = Vendor | Chip | System | Model>(kind: RecordKind, id: string): T | null {
      const doc = getStmts[kind].get(id) as string | undefined;
      return doc ? (JSON.parse(doc) as T) : null;
    },
    listVendors: (after: string, limit: number) => docs<Vendor>(listVendors.all({ after, limit })),
    listChips(filter: ChipFilter, after: string, limit: number): Chip[] {
      const where = ['c.id > @after'];
      if (filter.vendor) where.push('c.vendor_id = @vendor');
      if (filter.deviceClass) where.push('c.device_class = @deviceClass');
      if (filter.precision)
        where.push('EXISTS (SELECT 1 FROM chip_precisions p WHERE p.chip_id = c.id AND p.precision = @precision)');
      if (filter.ids) where.push('c.id IN (SELECT value FROM json_each(@ids))');
      const sql = `SELECT c.doc FROM chips c WHERE ${where.join(' AND ')} ORDER BY c.id LIMIT @limit`;
      return docs<Chip>(
        db.prepare(sql).all({ ...filter, ids: filter.ids ? JSON.stringify(filter.ids) : undefined, after, limit }),
      );
    },
    listSystems: (chip: string | null, after: string, limit: number) =>
      docs<System>(listSystems.all({ chip, after, limit })),
    listModels: (
      filter: { family?: string | null; publisher?: string | null; ids?: string[] },
      after: string,
      limit: number,
    ): Model[] => {
      if (!filter.ids)
        return docs<Model>(
          listModels.all({ family: filter.family ?? null, publisher: filter.publisher ?? null, after, limit }),
        );
      const sql = `SELECT doc FROM models WHERE id > @after AND id IN (SELECT value FROM json_each(@ids))
        AND (@family IS NULL OR family = @family) ORDER BY id LIMIT @limit`;
      return docs<Model>(
        db.prepare(sql).all({ ids: JSON.stringify(filter.ids), family: filter.family ?? null, after, limit }),
      );
    },
    listSoftware: (vendor: string | null) => docs<Record<string, unknown>>(listSoftware.all({ vendor })),
    /** The few fields the matrix shows of every model and chip, without parsing documents. */
    matrixHeaders: () => ({
      models: matrixModels.all() as Array<{ id: string; nameEn: string; family: string; parametersB: number | null }>,
      chips: matrixChips.all() as Array<{
        id: string;
        nameEn: string;
        nameZh: string | null;
        vendor: string;
        deviceClass: DeviceClass | null;
      }>,
    }),
    activeRequirementSet: () => {
      const doc = requirementSet.get() as string | undefined;
      return doc ? (JSON.parse(doc) as Record<string, unknown>) : null;
    },
    /** The benchmark registry (data/benchmarks/), parsed once while unchanged. */
    benchmarks: (): readonly Benchmark[] => {
      const text = `[${(benchmarkDocs.all() as string[]).join(',')}]`;
      if (benchmarkCache?.text !== text) benchmarkCache = { text, value: deepFreeze(JSON.parse(text) as Benchmark[]) };
      return benchmarkCache.value;
    },
    /** Every imported requirement set's id and whether it is the active one (v1 documents are judged by it). */
    requirementSetIds: () =>
      (requirementSetIds.all() as Array<{ id: string; active: number }>).map((r) => ({
        id: r.id,
        active: r.active === 1,
      })),
    /** A requirement set by id; the parsed document is reused while its text is unchanged (validation reads it per request). */
    requirementSet: (id: string) => {
      const doc = requirementSetById.get(id) as string | undefined;
      if (!doc) return null;
      const hit = parsedSets.get(id);
      if (hit?.text === doc) return hit.value;
      // Frozen: the shared parsed document must never be changed by one caller under another.
      const value = deepFreeze(JSON.parse(doc) as Record<string, unknown>);
      parsedSets.set(id, { text: doc, value });
      return value;
    },
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
