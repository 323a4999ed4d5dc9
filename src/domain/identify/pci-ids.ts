/**
 * Name ↔ id lookups over a pci.ids file (the format of the PCI ID Repository), so that plain
 * `lspci` lines, which print names only, resolve to ids: vendor name → vendor id, `Device d500`
 * or a device name such as `S60` → device id, class name → class code.
 */
export interface PciIds {
  vendorId(name: string): string | null;
  vendorName(id: string): string | null;
  /** A device id from what lspci printed after the vendor: `Device d500`, `S60 [Enflame]`, `Kunlun AI Accelerator`. */
  deviceId(vendorId: string, printed: string): string | null;
  deviceName(vendorId: string, deviceId: string): string | null;
  /** `Processing accelerators` → `1200`; `PCI bridge` → `0604`; an unknown name → null. */
  classCode(name: string): string | null;
  /** Splits `Huawei Technologies Co., Ltd. Device d500` into the vendor id and what follows the vendor name. */
  splitVendor(text: string): { vendorId: string; rest: string } | null;
}

const key = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

export function parsePciIds(text: string): PciIds {
  const vendors = new Map<string, string>();
  const vendorNames = new Map<string, string>();
  const devices = new Map<string, Map<string, string>>();
  const deviceNames = new Map<string, string>();
  const classes = new Map<string, string>();
  // lspci prints the subclass name when there is one, so a name that is both (`Communication controller`: 07 and 0780) means the subclass.
  const subclasses = new Map<string, string>();
  let vendor: string | null = null;
  let klass: string | null = null;
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    let m = /^C ([0-9a-f]{2})\s+(.+)$/.exec(line);
    if (m) {
      klass = m[1]!;
      vendor = null;
      classes.set(key(m[2]!), `${klass}00`);
      continue;
    }
    m = /^([0-9a-f]{4})\s+(.+)$/.exec(line);
    if (m) {
      vendor = m[1]!;
      klass = null;
      vendorNames.set(vendor, m[2]!);
      if (!vendors.has(key(m[2]!))) vendors.set(key(m[2]!), vendor);
      continue;
    }
    m = /^\t([0-9a-f]{2,4})\s+(.+)$/.exec(line);
    if (m && klass) {
      // Subclass names are unique enough across classes for what lspci prints (`PCI bridge`, `3D controller`).
      if (!subclasses.has(key(m[2]!))) subclasses.set(key(m[2]!), `${klass}${m[1]!}`);
      continue;
    }
    if (m && vendor && m[1]!.length === 4) {
      const byName = devices.get(vendor) ?? new Map<string, string>();
      if (!byName.has(key(m[2]!))) byName.set(key(m[2]!), m[1]!);
      devices.set(vendor, byName);
      deviceNames.set(`${vendor}:${m[1]!}`, m[2]!);
    }
  }
  // Vendors indexed by their first word, longest name first, so a plain lspci line finds its vendor quickly.
  const byFirstWord = new Map<string, Array<{ name: string; id: string }>>();
  for (const [name, id] of vendors) {
    const first = name.split(' ')[0]!;
    const list = byFirstWord.get(first) ?? [];
    list.push({ name, id });
    byFirstWord.set(first, list);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.name.length - a.name.length);
  return {
    splitVendor(text) {
      const lower = key(text);
      for (const v of byFirstWord.get(lower.split(' ')[0]!) ?? []) {
        if (lower === v.name) return { vendorId: v.id, rest: '' };
        if (lower.startsWith(v.name + ' ')) return { vendorId: v.id, rest: text.trim().slice(v.name.length).trim() };
      }
      return null;
    },
    vendorId: (name) => vendors.get(key(name)) ?? null,
    vendorName: (id) => vendorNames.get(id) ?? null,
    deviceId(vendorId, printed) {
      const text = key(printed.replace(/\s*\(rev [0-9a-f]+\)\s*$/i, ''));
      const generic = /^device ([0-9a-f]{4})$/.exec(text);
      if (generic) return generic[1]!;
      return devices.get(vendorId)?.get(text) ?? null;
    },
    deviceName: (vendorId, deviceId) => deviceNames.get(`${vendorId}:${deviceId}`) ?? null,
    classCode: (name) => subclasses.get(key(name)) ?? classes.get(key(name)) ?? null,
  };
}
