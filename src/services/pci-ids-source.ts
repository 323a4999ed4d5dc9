import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePciIds, type PciIds } from '../domain/identify/pci-ids.js';
import { dataDir } from '../package-root.js';

let cached: PciIds | null = null;

/** The pci.ids extract shipped in data/pci/, parsed once per process. */
export function shippedPciIds(): PciIds {
  cached ??= parsePciIds(readFileSync(join(dataDir(), 'pci', 'pci.ids'), 'utf8'));
  return cached;
}
