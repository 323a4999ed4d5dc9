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
  const memo = <T extends Named>(find: (id: string) => T | null) => {
    const cache = new Map<string, T | Named>();
    return (id: string): T | Named => {
      let record = cache.get(id);
      if (!record) {
        record = find(id) ?? { id, nameEn: id, nameZh: null };
        cache.set(id, record);
      }
      return record;
    };
  };
  return {
    chip: memo<Chip>(catalog.findChip),
    model: memo<Model>(catalog.findModel),
    vendor: memo<Vendor>(catalog.findVendor),
    system: memo<System>(catalog.findSystem),
  };
}

export type CatalogNames = ReturnType<typeof catalogNames>;
