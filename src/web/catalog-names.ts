import type { Chip, Model, System, Vendor } from '../domain/catalog-types.js';
import type { CatalogService } from '../services/catalog-service.js';

export interface Named {
  id: string;
  nameEn: string;
  nameZh?: string | null;
}

/**
 * Catalog records by id for one page render, each looked up once. A record missing from the
 * catalog (never expected: certifications reference it) is shown by its id rather than failing the page.
 */
export function catalogNames(catalog: CatalogService) {
  const memo = <T extends Named>(lookup: (id: string) => T) => {
    const cache = new Map<string, T | Named>();
    return (id: string): T | Named => {
      let record = cache.get(id);
      if (!record) {
        try {
          record = lookup(id);
        } catch {
          record = { id, nameEn: id, nameZh: null };
        }
        cache.set(id, record);
      }
      return record;
    };
  };
  return {
    chip: memo<Chip>(catalog.getChip),
    model: memo<Model>(catalog.getModel),
    vendor: memo<Vendor>(catalog.getVendor),
    system: memo<System>(catalog.getSystem),
  };
}

export type CatalogNames = ReturnType<typeof catalogNames>;

/** Every page of a cursor-paged list, for the small catalog lists a page shows whole. */
export function allPages<T>(
  fetch: (paging: { limit: number; cursor?: string }) => { items: T[]; nextCursor: string | null },
): T[] {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = fetch({ limit: 500, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
