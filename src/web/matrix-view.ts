import type { Vendor } from '../domain/catalog-types.js';
import { DEVICE_CLASSES, type DeviceClass, type Level, type Precision } from '../domain/vocabulary.js';
import type { CatalogService } from '../services/catalog-service.js';
import type { MatrixService } from '../services/matrix-service.js';
import { allPages } from '../services/keyset-page.js';

export interface MatrixFilters {
  deviceClass?: DeviceClass;
  family?: string;
  minLevel?: Level;
  precision?: Precision;
}

type MatrixAnswer = ReturnType<MatrixService['build']>;
export type MatrixChip = MatrixAnswer['chips'][number];
export type MatrixModel = MatrixAnswer['models'][number] & { nameZh: string | null; publisher: string | null };

export interface ChipGroup {
  deviceClass: DeviceClass | null;
  vendors: Array<{ vendor: Vendor | { id: string; nameEn: string; nameZh: null }; chips: MatrixChip[] }>;
}

const cellKey = (model: string, chip: string) => `${model}\u0000${chip}`;

/**
 * The most model columns one table holds: about 36 px a column beside a chip column of up to 250 px
 * fits a 900 px window (below it the matrix is a list), so the page never scrolls sideways however
 * large the catalog grows.
 */
export const MAX_MODEL_COLUMNS = 18;

/** One table of the matrix: the models of some publishers, and the chips with a claim for one of them. */
export interface MatrixBlock {
  publishers: string[];
  models: MatrixModel[];
  groups: ChipGroup[];
}

/**
 * Model columns split into tables by publisher (whole publishers packed together while they fit,
 * a publisher with more models than a table holds split across tables), so every cell is on the
 * page without a sideways scroll.
 */
export function blocksOf(
  models: MatrixModel[],
  max = MAX_MODEL_COLUMNS,
): Array<{ publishers: string[]; models: MatrixModel[] }> {
  const byPublisher = new Map<string, MatrixModel[]>();
  for (const m of models) {
    const key = m.publisher ?? '';
    byPublisher.set(key, [...(byPublisher.get(key) ?? []), m]);
  }
  const blocks: Array<{ publishers: string[]; models: MatrixModel[] }> = [];
  for (const [publisher, list] of [...byPublisher].sort(([a], [b]) => a.localeCompare(b))) {
    for (let i = 0; i < list.length; i += max) {
      const part = list.slice(i, i + max);
      const last = blocks[blocks.length - 1];
      if (last && last.models.length + part.length <= max) {
        if (!last.publishers.includes(publisher)) last.publishers.push(publisher);
        last.models.push(...part);
      } else blocks.push({ publishers: [publisher], models: part });
    }
  }
  return blocks;
}

/** The matrix as the page shows it: tables of models by publisher, chips grouped by device class then vendor, cells by pair. */
export function matrixView(deps: { matrix: MatrixService; catalog: CatalogService }, filters: MatrixFilters) {
  const base = deps.matrix.build(filters);
  const cells = base.cells;
  const byPair = new Map(cells.map((c) => [cellKey(c.model, c.chip), c]));
  const usedModels = new Set(cells.map((c) => c.model));
  const usedChips = new Set(cells.map((c) => c.chip));

  const models: MatrixModel[] = base.models
    .filter((m) => usedModels.has(m.id))
    .map((m) => {
      const record = deps.catalog.findModel(m.id);
      return { ...m, nameZh: record?.nameZh ?? null, publisher: record?.publisher ?? null };
    });
  const vendors = new Map(allPages((p) => deps.catalog.listVendors(p)).map((v) => [v.id, v] as const));
  const classOrder = (c: DeviceClass | null) => (c ? DEVICE_CLASSES.indexOf(c) : DEVICE_CLASSES.length);
  const chips = base.chips
    .filter((c) => usedChips.has(c.id))
    .sort(
      (a, b) =>
        classOrder(a.deviceClass) - classOrder(b.deviceClass) ||
        a.vendor.localeCompare(b.vendor) ||
        a.nameEn.localeCompare(b.nameEn, 'en', { numeric: true }),
    );

  /** Chips grouped by device class then vendor, in the order above. */
  const groupsOf = (list: MatrixChip[]): ChipGroup[] => {
    const groups: ChipGroup[] = [];
    for (const chip of list) {
      let group = groups[groups.length - 1];
      if (!group || group.deviceClass !== chip.deviceClass)
        groups.push((group = { deviceClass: chip.deviceClass, vendors: [] }));
      let vendorGroup = group.vendors[group.vendors.length - 1];
      if (!vendorGroup || vendorGroup.vendor.id !== chip.vendor) {
        group.vendors.push(
          (vendorGroup = {
            vendor: vendors.get(chip.vendor) ?? { id: chip.vendor, nameEn: chip.vendor, nameZh: null },
            chips: [],
          }),
        );
      }
      vendorGroup.chips.push(chip);
    }
    return groups;
  };
  const blocks: MatrixBlock[] = blocksOf(models).map((block) => ({
    ...block,
    groups: groupsOf(chips.filter((chip) => block.models.some((m) => byPair.has(cellKey(m.id, chip.id))))),
  }));

  // Every catalog chip stays reachable: those of the selected device class without a cell are listed apart.
  const unclaimed = allPages((p) => deps.catalog.listChips({ deviceClass: filters.deviceClass }, p))
    .filter((c) => !usedChips.has(c.id))
    .sort((a, b) => a.vendor.localeCompare(b.vendor) || a.nameEn.localeCompare(b.nameEn, 'en', { numeric: true }));

  // Families offered by the filter: every family in the unfiltered matrix (cached by the service).
  const families = [...new Set(deps.matrix.build({}).models.map((m) => m.family))].sort();
  return {
    models,
    blocks,
    chipCount: chips.length,
    cells: cells.length,
    unclaimed,
    cell: (model: string, chip: string) => byPair.get(cellKey(model, chip)),
    families,
  };
}

export type MatrixView = ReturnType<typeof matrixView>;
