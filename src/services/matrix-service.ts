import type { CatalogRepository } from '../db/catalog-repository.js';
import type { CertificationRepository } from '../db/certification-repository.js';
import type { DeviceClass, Precision } from '../domain/vocabulary.js';
import { levelName, levelRank, type Level } from '../domain/vocabulary.js';

export interface MatrixQuery {
  deviceClass?: DeviceClass;
  family?: string;
  minLevel?: Level;
  /** Only certifications and declarations that name this precision. */
  precision?: Precision;
}

export interface MatrixCell {
  model: string;
  chip: string;
  level: Level;
  verified: boolean;
  certifications: string[];
}

/**
 * The best active level per model × chip. A cell with only declarations shows L0, unverified;
 * rows and columns are the models and chips that have at least one cell.
 */
export function createMatrixService(deps: {
  catalog: CatalogRepository;
  certifications: CertificationRepository;
  freshness: (now: string) => string;
  now: () => Date;
}) {
  // A few answers are kept until the data's freshness token changes (a write, or an expiry passing). Few: building
  // one is a read of the cells maintained on write, and each kept view holds every cell's ids (tens of MB at 1M).
  let cache: { token: string; views: Map<string, ReturnType<typeof build>> } = { token: '', views: new Map() };
  return {
    build(query: MatrixQuery) {
      const token = deps.freshness(deps.now().toISOString());
      if (cache.token !== token) cache = { token, views: new Map() };
      const key = JSON.stringify([query.deviceClass, query.family, query.minLevel, query.precision]);
      const hit = cache.views.get(key);
      if (hit) return hit;
      const value = build(query);
      if (cache.views.size >= 2) cache.views.delete(cache.views.keys().next().value!);
      cache.views.set(key, value);
      return value;
    },
  };

  function build(query: MatrixQuery) {
    const chipFilter = query.deviceClass
      ? deps.catalog.listChips({ deviceClass: query.deviceClass }, '', 1_000_000).map((c) => c.id)
      : undefined;
    const modelFilter = query.family
      ? deps.catalog.listModels({ family: query.family.toLowerCase() }, '', 1_000_000).map((m) => m.id)
      : undefined;
    const rows = deps.certifications.matrix(
      {
        chips: chipFilter,
        models: modelFilter,
        minLevel: levelRank(query.minLevel ?? 'L0'),
        precision: query.precision,
      },
      deps.now().toISOString(),
    );
    // One row per pair, its best level.
    const cells: MatrixCell[] = rows.map(([model, chip, level, ids]) => ({
      model,
      chip,
      level: levelName(level),
      verified: level > 0,
      certifications: ids.split(' '),
    }));
    const usedModels = new Set(cells.map((c) => c.model));
    const usedChips = new Set(cells.map((c) => c.chip));
    const headers = deps.catalog.matrixHeaders();
    return {
      models: headers.models.filter((m) => usedModels.has(m.id)),
      chips: headers.chips.filter((c) => usedChips.has(c.id)),
      cells,
    };
  }
}

export type MatrixService = ReturnType<typeof createMatrixService>;
