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
export type MatrixModel = MatrixAnswer['models'][number] & { nameZh: string | null };

export interface ChipGroup {
  deviceClass: DeviceClass | null;
  vendors: Array<{ vendor: Vendor | { id: string; nameEn: string; nameZh: null }; chips: MatrixChip[] }>;
}

const cellKey = (model: string, chip: string) => `${model}\u0000${chip}`;

/** The matrix as the page shows it: chips grouped by device class then vendor, models by family, cells by pair. */
export function matrixView(deps: { matrix: MatrixService; catalog: CatalogService }, filters: MatrixFilters) {
  const base = deps.matrix.build(filters);
  const cells = base.cells;
  const byPair = new Map(cells.map((c) => [cellKey(c.model, c.chip), c]));
  const usedModels = new Set(cells.map((c) => c.model));
  const usedChips = new Set(cells.map((c) => c.chip));

  const models: MatrixModel[] = base.models
    .filter((m) => usedModels.has(m.id))
    .map((m) => ({ ...m, nameZh: deps.catalog.findModel(m.id)?.nameZh ?? null }));
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

  const groups: ChipGroup[] = [];
  for (const chip of chips) {
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

  // Every catalog chip stays reachable: those of the selected device class without a cell are listed apart.
  const unclaimed = allPages((p) => deps.catalog.listChips({ deviceClass: filters.deviceClass }, p))
    .filter((c) => !usedChips.has(c.id))
    .sort((a, b) => a.vendor.localeCompare(b.vendor) || a.nameEn.localeCompare(b.nameEn, 'en', { numeric: true }));

  // Families offered by the filter: every family in the unfiltered matrix (cached by the service).
  const families = [...new Set(deps.matrix.build({}).models.map((m) => m.family))].sort();
  return {
    models,
    groups,
    chipCount: chips.length,
    cells: cells.length,
    unclaimed,
    cell: (model: string, chip: string) => byPair.get(cellKey(model, chip)),
    families,
  };
}

export type MatrixView = ReturnType<typeof matrixView>;
