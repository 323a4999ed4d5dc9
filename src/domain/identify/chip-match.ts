import type { Chip, ChipSku } from '../catalog-types.js';

const norm = (text: string) => text.toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]/g, '');

/** Vendor words tools put before a model name (`Ascend910B`, `MXC500`, `MTT S80`). */
const PREFIXES = ['ascend', 'mx', 'mtt', 'iluvatar', 'cambricon', 'kunlun', 'enflame', 'hygon', 'dcu'];

export interface ChipMatch {
  chip: Chip;
  sku: ChipSku | null;
}

/**
 * A printed name as compared: lowercase letters, digits and CJK, with `|` where the name had a
 * separator (space, `-`, `_`, `/`, `.`), so a prefix can be told to end on a word boundary.
 */
const marked = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\s\-_/.]+/g, '|')
    .replace(/[^a-z0-9\u4e00-\u9fff|]/g, '');

/**
 * True when `alias` is a prefix of the printed name that ends where a model name can end: at a
 * separator, at the end, or before a digit (`910B` in `910B2C`), never inside a longer name
 * (`310` in `310B4`, which is another chip).
 */
function prefixEndsWell(name: string, alias: string): boolean {
  let seen = 0;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '|') continue;
    if (name[i] !== alias[seen]) return false;
    if (++seen === alias.length) {
      const next = name[i + 1];
      return next === undefined || next === '|' || (next >= '0' && next <= '9');
    }
  }
  return false;
}

/**
 * Matches the model a vendor tool prints (`910B4-1`, `310P3`, `MLU370-X8`, `S60`) to a catalog
 * chip of that vendor: an exact name, alias or SKU first; then the longest alias the printed
 * name starts with, ending on a word boundary (`910B2C` → 910B, `MTT S3000 MtvGPU-1101` → S3000).
 * Null when nothing fits: the caller then lists candidates.
 */
export function matchChipByName(name: string, chips: Chip[]): ChipMatch | null {
  const printed = marked(name);
  const variants = [printed];
  for (const p of PREFIXES) {
    const rest = printed.replace(/^\|+/, '');
    if (rest.startsWith(p) && rest.length > p.length) variants.push(rest.slice(p.length).replace(/^\|+/, ''));
  }
  const wanted = variants.map((v) => v.replace(/\|/g, ''));
  let best: { match: ChipMatch; length: number } | null = null;
  for (const chip of chips) {
    for (const sku of chip.skus ?? []) {
      for (const n of [sku.name, ...sku.aliases]) if (wanted.includes(norm(n))) return { chip, sku };
    }
    for (const n of [chip.id, chip.nameEn, ...(chip.aliases ?? [])]) {
      const alias = norm(n);
      if (!alias) continue;
      if (wanted.includes(alias)) return { chip, sku: null };
      if (alias.length < 3 || (best && alias.length <= best.length)) continue;
      if (variants.some((v) => prefixEndsWell(v, alias))) best = { match: { chip, sku: null }, length: alias.length };
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
