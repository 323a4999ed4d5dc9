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
  // Answers are kept per query until the data's freshness token changes (a write, or an expiry passing).
  const cache = new Map<string, { token: string; value: ReturnType<typeof build> }>();
  return {
    build(query: MatrixQuery) {
      const token = deps.freshness(deps.now().toISOString());
      const key = JSON.stringify([query.deviceClass, query.family, query.minLevel, query.precision]);
      const hit = cache.get(key);
      if (hit?.token === token) return hit.value;
      if (cache.size > 256) cache.clear();
      const value = build(query);
      cache.set(key, { token, value });
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
    const cells: MatrixCell[] = [];
    for (const [model, chip, level, ids] of rows) {
      const last = cells[cells.length - 1];
      // Rows arrive best level first per pair: the first row of a pair is its cell.
      if (last && last.model === model && last.chip === chip) continue;
      cells.push({ model, chip, level: levelName(level), verified: level > 0, certifications: ids.split(' ') });
    }
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
