import type { CatalogRepository } from '../db/catalog-repository.js';
import type { Chip, Vendor } from '../domain/catalog-types.js';
import { isAcceleratorClass, parseLspci, parsePciId, type PciDevice } from '../domain/lspci-parser.js';
import { InvalidInputError } from '../errors.js';
import type { CertificationService } from './certification-service.js';

/**
 * "What is in this machine, and what is certified on it?" Recognised accelerators are grouped
 * per chip with their active verified certifications; accelerator-class devices and devices of
 * known vendors that the catalog cannot name are listed as unknown; the rest (bridges, NICs) is counted.
 */
export function createIdentifyService(deps: { catalog: CatalogRepository; certifications: CertificationService }) {
  const vendorsByPci = () => {
    const map = new Map<string, Vendor>();
    for (const v of deps.catalog.listVendors('', 100_000)) for (const id of v.pciVendorIds ?? []) map.set(id, v);
    return map;
  };

  function identify(devices: PciDevice[]) {
    const chipIds = deps.catalog.chipsByPciId(devices);
    const vendors = vendorsByPci();
    const chips = new Map<string, { chip: Chip; count: number; slots: string[] }>();
    const unknown = new Map<string, { pciId: string; count: number; name: string | null; vendor: string | null }>();
    let ignored = 0;
    for (const d of devices) {
      const pciId = `${d.vendor}:${d.device}`;
      const chipId = chipIds.get(pciId);
      if (chipId) {
        const entry = chips.get(chipId) ?? { chip: deps.catalog.get<Chip>('chip', chipId)!, count: 0, slots: [] };
        entry.count++;
        if (d.slot) entry.slots.push(d.slot);
        chips.set(chipId, entry);
      } else if (vendors.has(d.vendor) || isAcceleratorClass(d.classCode) || d.classCode === null) {
        const entry = unknown.get(pciId) ?? {
          pciId,
          count: 0,
          name: d.name,
          vendor: vendors.get(d.vendor)?.id ?? null,
        };
        entry.count++;
        unknown.set(pciId, entry);
      } else ignored++;
    }
    return {
      devices: devices.length,
      recognized: [...chips.values()].map(({ chip, count, slots }) => ({
        chip,
        count,
        slots,
        certifications: deps.certifications.list({ chip: chip.id, status: 'active', minLevel: 'L1' }, { limit: 500 })
          .items,
      })),
      unknown: [...unknown.values()],
      ignored,
    };
  }

  return {
    fromDevices: identify,
    fromLspci(text: string) {
      return identify(parseLspci(text));
    },
    fromIds(ids: string[]) {
      const problems: Array<{ pointer: string; detail: string }> = [];
      const devices: PciDevice[] = [];
      ids.forEach((text, i) => {
        const id = parsePciId(text);
        if (id) devices.push({ slot: null, classCode: null, name: null, ...id });
        else problems.push({ pointer: `/pciIds/${i}`, detail: 'must be vendor:device in hex, e.g. 19e5:d802' });
      });
      if (problems.length) throw new InvalidInputError('Some PCI ids are malformed.', problems);
      return identify(devices);
    },
  };
}

export type IdentifyService = ReturnType<typeof createIdentifyService>;
