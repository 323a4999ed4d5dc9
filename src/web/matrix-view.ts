import type { Vendor } from '../domain/catalog-types.js';
import { DEVICE_CLASSES, type DeviceClass, type Precision } from '../domain/vocabulary.js';
import { levelRank, type Level } from '../domain/vocabulary.js';
import type { CatalogService } from '../services/catalog-service.js';
import type { CertificationService } from '../services/certification-service.js';
import type { MatrixCell, MatrixService } from '../services/matrix-service.js';
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

/**
 * Cells restricted to certifications at one precision: the matrix service has no precision axis, so
 * the active certifications at that precision are listed and each cell keeps its best level among them.
 */
function cellsAtPrecision(
  certifications: CertificationService,
  cells: MatrixCell[],
  precision: Precision,
  minLevel: Level | undefined,
): MatrixCell[] {
  const best = new Map<string, { rank: number; ids: string[] }>();
  for (const c of allPages((p) => certifications.list({ precision, minLevel, status: 'active' }, p))) {
    const key = cellKey(c.model, c.chip);
    const rank = levelRank(c.level);
    const entry = best.get(key);
    if (!entry || rank > entry.rank) best.set(key, { rank, ids: [c.id] });
    else if (rank === entry.rank) entry.ids.push(c.id);
  }
  return cells.flatMap((cell) => {
    const entry = best.get(cellKey(cell.model, cell.chip));
    return entry
      ? [{ ...cell, level: `L${entry.rank}` as Level, verified: entry.rank > 0, certifications: entry.ids.sort() }]
      : [];
  });
}

/** The matrix as the page shows it: chips grouped by device class then vendor, models by family, cells by pair. */
export function matrixView(
  deps: { matrix: MatrixService; certifications: CertificationService; catalog: CatalogService },
  filters: MatrixFilters,
) {
  const base = deps.matrix.build({
    deviceClass: filters.deviceClass,
    family: filters.family,
    minLevel: filters.minLevel,
  });
  const cells = filters.precision
    ? cellsAtPrecision(deps.certifications, base.cells, filters.precision, filters.minLevel)
    : base.cells;
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

  // Families offered by the filter: every family in the unfiltered matrix (cached by the service).
  const families = [...new Set(deps.matrix.build({}).models.map((m) => m.family))].sort();
  return {
    models,
    groups,
    chipCount: chips.length,
    cells: cells.length,
    cell: (model: string, chip: string) => byPair.get(cellKey(model, chip)),
    families,
  };
}

export type MatrixView = ReturnType<typeof matrixView>;
