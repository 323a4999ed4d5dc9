import type { CatalogRepository } from '../db/catalog-repository.js';
import type { NameRepository } from '../db/name-repository.js';
import type { Chip, DeviceClass, Model, Precision, RecordKind, System, Vendor } from '../domain/catalog-types.js';
import type { NameResolver } from '../domain/name-resolver.js';
import { indexBenchmarks, type Benchmark, type BenchmarkIndex } from '../domain/benchmarks.js';
import { NotFoundError } from '../errors.js';
import { keysetPage, type Paging } from './keyset-page.js';

export type { Paging };

/** Keyset page over catalog records ordered by id. */
const page = <T extends { id: string }>(p: Paging, fetch: (after: string, n: number) => T[]) =>
  keysetPage(p, 'string', fetch, (record) => record.id);

/** Catalog reads: filters take ids or aliases, answers carry canonical records. */
export function createCatalogService(deps: {
  catalog: CatalogRepository;
  names: NameRepository;
  resolver: NameResolver;
}) {
  const { catalog, resolver } = deps;
  /** Record ids whose names contain the text (FTS trigram, or a scan for 1–2 characters). */
  const matching = (kind: RecordKind, text: string) => [
    ...new Set(deps.names.search(text, kind, 500).map((h) => h.id)),
  ];
  const get = <T>(kind: RecordKind, idOrAlias: string): T => {
    const record = catalog.get<T>(kind, resolver.resolve(kind, idOrAlias));
    if (!record) throw new NotFoundError(`No ${kind} "${idOrAlias}".`);
    return record;
  };

  let benchmarkIndex: { source: readonly Benchmark[]; index: BenchmarkIndex } | null = null;
  const benchmarks = () => {
    const list = catalog.benchmarks();
    if (benchmarkIndex?.source !== list) benchmarkIndex = { source: list, index: indexBenchmarks(list) };
    return { list, index: benchmarkIndex.index };
  };
  const requirementSet = (id: string) => {
    const set = catalog.requirementSet(id);
    if (!set) throw new NotFoundError(`No requirement set "${id}".`);
    return set;
  };

  /** A record by canonical id (as certifications reference them), or null: no name resolution, no error. */
  const find = <T>(kind: RecordKind, id: string): T | null => catalog.get<T>(kind, id) ?? null;

  return {
    findVendor: (id: string) => find<Vendor>('vendor', id),
    findChip: (id: string) => find<Chip>('chip', id),
    findModel: (id: string) => find<Model>('model', id),
    findSystem: (id: string) => find<System>('system', id),
    listVendors: (p: Paging) => page(p, (after, n) => catalog.listVendors(after, n)),
    getVendor: (id: string) => get<Vendor>('vendor', id),
    listChips(filter: { vendor?: string; deviceClass?: DeviceClass; precision?: Precision; q?: string }, p: Paging) {
      const vendor = filter.vendor ? resolver.resolve('vendor', filter.vendor) : undefined;
      const ids = filter.q ? matching('chip', filter.q) : undefined;
      return page(p, (after, n) =>
        catalog.listChips({ vendor, deviceClass: filter.deviceClass, precision: filter.precision, ids }, after, n),
      );
    },
    getChip: (id: string) => get<Chip>('chip', id),
    listSystems(filter: { chip?: string }, p: Paging) {
      const chip = filter.chip ? resolver.resolve('chip', filter.chip) : null;
      return page(p, (after, n) => catalog.listSystems(chip, after, n));
    },
    getSystem: (id: string) => get<System>('system', id),
    listModels(filter: { family?: string; publisher?: string; q?: string }, p: Paging) {
      const publisher = filter.publisher ? resolver.resolve('vendor', filter.publisher) : null;
      const ids = filter.q ? matching('model', filter.q) : undefined;
      return page(p, (after, n) =>
        catalog.listModels({ family: filter.family?.toLowerCase() ?? null, publisher, ids }, after, n),
      );
    },
    getModel: (id: string) => get<Model>('model', id),
    software: (vendor?: string) => catalog.listSoftware(vendor ? resolver.resolve('vendor', vendor) : null),
    /** Cross-kind search: vendors, chips, models, systems by English, Chinese, alias or part of a word. */
    search(text: string, limit: number) {
      const hits = deps.names.search(text, null, limit);
      return hits.map((hit) => {
        const record = catalog.get<{ id: string; nameEn: string; nameZh?: string | null }>(hit.kind, hit.id);
        return {
          kind: hit.kind,
          id: hit.id,
          nameEn: record?.nameEn ?? hit.id,
          nameZh: record?.nameZh ?? null,
          matched: hit.text.split(' \u2022 ').find((n) => n.toLowerCase().includes(text.toLowerCase())) ?? null,
        };
      });
    },
    activeRequirementSet: () => {
      const set = catalog.activeRequirementSet();
      if (!set) throw new NotFoundError('No requirement set has been imported.');
      return set;
    },
    requirementSet,
    /** Every requirement set with what it judges and whether it is the active one. */
    requirementSets: () =>
      catalog.requirementSetIds().map(({ id, active }) => {
        const set = requirementSet(id) as { title: string; effective: string; submissionSchema?: string };
        return {
          id,
          title: set.title,
          effective: set.effective,
          submissionSchema: set.submissionSchema ?? 'chipreg/submission/v1',
          active,
        };
      }),
    /**
     * The benchmark registry; with `q`, the records that name stands for (id, name or alias, a shot
     * count ignored), narrowed by `metric` exactly as the level engine resolves a score.
     */
    listBenchmarks(filter: { q?: string; metric?: string }): Benchmark[] {
      const { list, index } = benchmarks();
      if (filter.q === undefined) return [...list];
      if (filter.metric === undefined) return index.named(filter.q);
      const resolved = index.resolve(filter.q, filter.metric);
      return resolved ? [resolved] : [];
    },
    getBenchmark(idOrAlias: string): Benchmark {
      const found = benchmarks().index.resolve(idOrAlias);
      if (!found) throw new NotFoundError(`No benchmark "${idOrAlias}".`);
      return found;
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
