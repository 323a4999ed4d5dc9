/** One PCI function read from `lspci -nn` output. */
export interface PciDevice {
  /** Bus address with the domain (`0000:3b:00.0`). */
  slot: string | null;
  vendor: string;
  device: string;
  /** PCI class code (`1200`), when the line carries one. */
  classCode: string | null;
  /** The text lspci printed between the class and the ids, e.g. `Huawei Technologies Co., Ltd. Device`. */
  name: string | null;
}

const SLOT = /^(?:([0-9a-f]{4}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])\s+/i;
const CLASS = /^[^[]*\[([0-9a-f]{4})\]:\s*/i;
const IDS = /\[([0-9a-f]{4}):([0-9a-f]{4})\]/gi;

/**
 * Parses `lspci -nn` text: one device per line that starts with a bus address (with or
 * without the domain). The vendor:device pair is the last `[vvvv:dddd]` on the line, since
 * names may themselves contain brackets; lines without one (headers, `-v` details) are skipped.
 */
export function parseLspci(text: string): PciDevice[] {
  const devices: PciDevice[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const slot = SLOT.exec(line);
    if (!slot) continue;
    const rest = line.slice(slot[0].length);
    const ids = [...rest.matchAll(IDS)];
    const last = ids[ids.length - 1];
    if (!last) continue;
    const klass = CLASS.exec(rest);
    const nameStart = klass ? klass[0].length : 0;
    const name = rest.slice(nameStart, last.index).trim() || null;
    devices.push({
      slot: `${(slot[1] ?? '0000').toLowerCase()}:${slot[2]!.toLowerCase()}:${slot[3]!.toLowerCase()}.${slot[4]}`,
      vendor: last[1]!.toLowerCase(),
      device: last[2]!.toLowerCase(),
      classCode: klass ? klass[1]!.toLowerCase() : null,
      name,
    });
  }
  return devices;
}

/** Parses `vvvv:dddd` ids (as sent in `{pciIds: [...]}`); null for a malformed one. */
export function parsePciId(text: string): { vendor: string; device: string } | null {
  const m = /^\s*(?:0x)?([0-9a-f]{4})\s*:\s*(?:0x)?([0-9a-f]{4})\s*$/i.exec(text);
  return m ? { vendor: m[1]!.toLowerCase(), device: m[2]!.toLowerCase() } : null;
}

/** Display (03xx), processing accelerator (12xx) and co-processor (0b40) functions are worth reporting even when unknown. */
export const isAcceleratorClass = (classCode: string | null): boolean =>
  classCode !== null && (classCode.startsWith('03') || classCode.startsWith('12') || classCode === '0b40');
