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
    /**
     * The same answer as `JSON.stringify(build(query))`, written straight from the stored cells: at 100k a full
     * matrix is ~40,000 cells and ~5 MB, and making an object per cell only to serialise it cost more than the read.
     */
    json(query: MatrixQuery): string {
      const { models, chips, rows } = read(query);
      const cells = rows.map(([model, chip, level, ids]) =>
        plain(model) && plain(chip) && plain(ids)
          ? `{"model":"${model}","chip":"${chip}","level":"${levelName(level)}","verified":${level > 0},"certifications":["${ids.replaceAll(' ', '","')}"]}`
          : JSON.stringify(cell(model, chip, level, ids)),
      );
      return `{"models":${JSON.stringify(models)},"chips":${JSON.stringify(chips)},"cells":[${cells.join(',')}]}`;
    },
  };

  function cell(model: string, chip: string, level: number, ids: string): MatrixCell {
    return { model, chip, level: levelName(level), verified: level > 0, certifications: ids.split(' ') };
  }

  function build(query: MatrixQuery) {
    const { models, chips, rows } = read(query);
    return { models, chips, cells: rows.map(([model, chip, level, ids]) => cell(model, chip, level, ids)) };
  }

  /** The cells of one view (model, chip, level, space-separated ids) and the headers of the rows and columns used. */
  function read(query: MatrixQuery) {
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
    const usedModels = new Set(rows.map((r) => r[0]));
    const usedChips = new Set(rows.map((r) => r[1]));
    const headers = deps.catalog.matrixHeaders();
    return {
      models: headers.models.filter((m) => usedModels.has(m.id)),
      chips: headers.chips.filter((c) => usedChips.has(c.id)),
      rows,
    };
  }
}

/** Ids and slugs JSON writes as they are: no quote, backslash, control character or lone surrogate to escape. */
function plain(text: string): boolean {
  return !/["\\\u0000-\u001f\ud800-\udfff]/.test(text);
}

export type MatrixService = ReturnType<typeof createMatrixService>;
