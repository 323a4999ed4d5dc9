import type { CatalogRepository } from '../db/catalog-repository.js';
import type { NameRepository } from '../db/name-repository.js';
import type { Chip, DeviceClass, Model, Precision, RecordKind, System, Vendor } from '../domain/catalog-types.js';
import type { NameResolver } from '../domain/name-resolver.js';
import { NotFoundError } from '../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

/** Keyset page over records ordered by id: fetch one more than asked to know whether there is a next page. */
function page<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!.id) : null };
}

const after = (cursor?: string) => (cursor ? decodeCursor<string>(cursor, 'string') : '');

export interface Paging {
  limit: number;
  cursor?: string;
}

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

  return {
    listVendors: (p: Paging) => page(catalog.listVendors(after(p.cursor), p.limit + 1), p.limit),
    getVendor: (id: string) => get<Vendor>('vendor', id),
    listChips(filter: { vendor?: string; deviceClass?: DeviceClass; precision?: Precision; q?: string }, p: Paging) {
      const vendor = filter.vendor ? resolver.resolve('vendor', filter.vendor) : undefined;
      const ids = filter.q ? matching('chip', filter.q) : undefined;
      return page(
        catalog.listChips(
          { vendor, deviceClass: filter.deviceClass, precision: filter.precision, ids },
          after(p.cursor),
          p.limit + 1,
        ),
        p.limit,
      );
    },
    getChip: (id: string) => get<Chip>('chip', id),
    listSystems(filter: { chip?: string }, p: Paging) {
      const chip = filter.chip ? resolver.resolve('chip', filter.chip) : null;
      return page(catalog.listSystems(chip, after(p.cursor), p.limit + 1), p.limit);
    },
    getSystem: (id: string) => get<System>('system', id),
    listModels(filter: { family?: string; publisher?: string; q?: string }, p: Paging) {
      const publisher = filter.publisher ? resolver.resolve('vendor', filter.publisher) : null;
      const ids = filter.q ? matching('model', filter.q) : undefined;
      return page(
        catalog.listModels(
          { family: filter.family?.toLowerCase() ?? null, publisher, ids },
          after(p.cursor),
          p.limit + 1,
        ),
        p.limit,
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
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
