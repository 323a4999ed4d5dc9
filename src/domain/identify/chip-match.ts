import type { Chip, ChipSku } from '../catalog-types.js';

const norm = (text: string) => text.toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]/g, '');

/** Vendor words tools put before a model name (`Ascend910B`, `MXC500`, `MTT S80`). */
const PREFIXES = ['ascend', 'mx', 'mtt', 'iluvatar', 'cambricon', 'kunlun', 'enflame', 'hygon', 'dcu'];

export interface ChipMatch {
  chip: Chip;
  sku: ChipSku | null;
}

/**
 * Matches the model a vendor tool prints (`910B4-1`, `310P3`, `MLU370-X8`, `S60`) to a catalog
 * chip of that vendor: an exact name, alias or SKU first; then the longest alias the printed
 * name starts with (`910B2C` → 910B). Null when nothing fits: the caller then lists candidates.
 */
export function matchChipByName(name: string, chips: Chip[]): ChipMatch | null {
  const wanted = [norm(name)];
  for (const p of PREFIXES)
    if (wanted[0]!.startsWith(p) && wanted[0]!.length > p.length) wanted.push(wanted[0]!.slice(p.length));
  let best: { match: ChipMatch; length: number } | null = null;
  for (const chip of chips) {
    for (const sku of chip.skus ?? []) {
      for (const n of [sku.name, ...sku.aliases]) if (wanted.includes(norm(n))) return { chip, sku };
    }
    for (const n of [chip.id, chip.nameEn, ...(chip.aliases ?? [])]) {
      const alias = norm(n);
      if (!alias) continue;
      if (wanted.includes(alias)) return { chip, sku: null };
      for (const w of wanted) {
        if (alias.length >= 3 && w.startsWith(alias) && (!best || alias.length > best.length))
          best = { match: { chip, sku: null }, length: alias.length };
      }
    }
  }
  return best?.match ?? null;
}

/** The SKU a PCI subsystem id names, when a source gave SKU subsystem ids. */
export function skuBySubsystem(chip: Chip, subsystem: { vendor: string; device: string } | null): ChipSku | null {
  if (!subsystem) return null;
  return (
    (chip.skus ?? []).find((s) =>
      s.subsystems.some((x) => x.vendor === subsystem.vendor && x.device === subsystem.device),
    ) ?? null
  );
}
