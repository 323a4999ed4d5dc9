import type { PciIds } from './pci-ids.js';
import { hex4, normaliseSlot, seenDevice, type SeenDevice } from './types.js';

const PROMPT = /^(?:\[[^\]]*\][$#]\s*|[\w.-]+@[\w.-]+(?::[^\s$#]*)?[$#]\s*|[$#>]\s+)/;
const IOMMU = /^IOMMU [Gg]roup \d+:?\s*/;
const HEAD = /^((?:[0-9a-f]{4,8}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\s+(.*)$/i;
const NUMERIC = /^([0-9a-f]{4}):\s+([0-9a-f]{4}):([0-9a-f]{4})(.*)$/i;
const REV = /\(rev ([0-9a-f]{1,2})\)/i;
const IDS = /\[([0-9a-f]{4}):([0-9a-f]{4})\]/gi;

/** Strips what surrounds a line in pasted terminal text: CR, prompts, IOMMU group prefixes. */
export function cleanLine(line: string): string {
  const first = line.charCodeAt(0);
  // Most lines start with a bus address or a tab-indented detail: only others can carry a prompt or a group prefix.
  if ((first >= 48 && first <= 57) || (first >= 97 && first <= 102)) return line;
  return line.replace(PROMPT, '').replace(IOMMU, '').trim();
}

const isVf = (name: string | null) => !!name && /\[VF\]|\bVF\b|virtual function/i.test(name);

/** One lspci header line (any of plain, -n, -nn, with or without domain); null when the line is no device. */
export function parseLspciHead(line: string, ids: PciIds): SeenDevice | null {
  if (line.length < 8 || (line.charCodeAt(2) !== 58 /* : */ && line.charCodeAt(4) !== 58 && line.charCodeAt(8) !== 58))
    return null;
  const head = HEAD.exec(line);
  if (!head) return null;
  const slot = normaliseSlot(head[1]!);
  let rest = head[2]!.replace(/\s*\(prog-if [^)]*\)/i, '').trim();
  const revision = REV.exec(rest)?.[1]?.toLowerCase().padStart(2, '0') ?? null;
  rest = rest.replace(REV, '').trim();

  const numeric = NUMERIC.exec(rest);
  if (numeric) {
    return seenDevice('lspci', {
      slot,
      classCode: numeric[1]!.toLowerCase(),
      vendorId: numeric[2]!.toLowerCase(),
      deviceId: numeric[3]!.toLowerCase(),
      revision,
    });
  }
  const colon = rest.indexOf(': ');
  if (colon < 0) return null;
  const classText = rest.slice(0, colon);
  const body = rest.slice(colon + 2).trim();
  // `[1200]` with -nn; `Class 1200` when lspci's own pci.ids does not know the class.
  const bracketClass = /(?:\[|^Class )([0-9a-f]{4})\]?\s*$/i.exec(classText);
  const classCode = bracketClass ? bracketClass[1]!.toLowerCase() : ids.classCode(classText);
  const pairs = [...body.matchAll(IDS)];
  const last = pairs[pairs.length - 1];
  if (last) {
    // -nn: the last [vvvv:dddd] is the id pair (names may contain brackets of their own).
    const printed = body.slice(0, last.index).trim();
    const vendorId = last[1]!.toLowerCase();
    const split = ids.splitVendor(printed);
    return seenDevice('lspci', {
      slot,
      classCode,
      vendorId,
      deviceId: last[2]!.toLowerCase(),
      vendorName: split ? (ids.vendorName(split.vendorId) ?? null) : null,
      name: split ? split.rest || null : printed || null,
      revision,
      virtualFunction: isVf(printed),
    });
  }
  // Plain lspci prints names only: `Device 1d22:3684`, or `<vendor name> <device name>` resolved through pci.ids.
  const bare = /^Device ([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(body);
  if (bare) {
    return seenDevice('lspci', {
      slot,
      classCode,
      vendorId: bare[1]!.toLowerCase(),
      deviceId: bare[2]!.toLowerCase(),
      revision,
    });
  }
  const split = ids.splitVendor(body);
  return seenDevice('lspci', {
    slot,
    classCode,
    vendorId: split?.vendorId ?? null,
    deviceId: split ? ids.deviceId(split.vendorId, split.rest) : null,
    vendorName: split ? ids.vendorName(split.vendorId) : null,
    name: split ? split.rest || null : body || null,
    revision,
    virtualFunction: isVf(body),
  });
}

/** A `-v` detail line that belongs to the device above it. */
function applyDetail(device: SeenDevice, line: string): void {
  const subsystem = /^Subsystem:\s*(.*)$/i.exec(line);
  if (subsystem) {
    const text = subsystem[1]!.trim();
    const pair = /(?:\[)?([0-9a-f]{4}):([0-9a-f]{4})(?:\])?\s*$/i.exec(text);
    if (pair) device.subsystem = { vendor: pair[1]!.toLowerCase(), device: pair[2]!.toLowerCase() };
    device.subsystemName = text.replace(/\s*\[[0-9a-f]{4}:[0-9a-f]{4}\]\s*$/i, '') || null;
    return;
  }
  const driver = /^Kernel driver in use:\s*(\S+)/i.exec(line);
  if (driver) device.driver = driver[1]!;
}

/** `lspci -vmm` / `-nvmm` records: `Slot:`, `Class:`, `Vendor:`, `Device:`, `SVendor:`, `SDevice:`, `Rev:`. */
function parseVmm(lines: string[], ids: PciIds): SeenDevice[] {
  const devices: SeenDevice[] = [];
  let record: Record<string, string> = {};
  const flush = () => {
    if (record.slot) {
      const id = (text: string | undefined) => {
        if (!text) return null;
        const bracket = /\[([0-9a-f]{4})\]\s*$/i.exec(text);
        return bracket ? bracket[1]!.toLowerCase() : hex4(text);
      };
      const classCode = id(record.class) ?? (record.class ? ids.classCode(record.class) : null);
      const vendorId = id(record.vendor) ?? (record.vendor ? ids.vendorId(record.vendor) : null);
      const deviceName = record.device?.replace(/\s*\[[0-9a-f]{4}\]\s*$/i, '') ?? null;
      const deviceId = id(record.device) ?? (vendorId && deviceName ? ids.deviceId(vendorId, deviceName) : null);
      const sv = id(record.svendor);
      const sd = id(record.sdevice);
      devices.push(
        seenDevice('lspci-vmm', {
          slot: normaliseSlot(record.slot),
          classCode,
          vendorId,
          deviceId,
          vendorName: vendorId ? ids.vendorName(vendorId) : null,
          name: deviceName && !hex4(deviceName) ? deviceName : null,
          subsystem: sv && sd ? { vendor: sv, device: sd } : null,
          revision: record.rev ? (hex4(record.rev)?.slice(2) ?? null) : null,
          driver: record.driver ?? null,
          virtualFunction: isVf(deviceName),
        }),
      );
    }
    record = {};
  };
  for (const line of lines) {
    if (!line) {
      flush();
      continue;
    }
    const m =
      /^(Slot|Class|Vendor|Device|SVendor|SDevice|Rev|ProgIf|Driver|Module|PhySlot|NUMANode|IOMMUGroup):\s*(.*)$/i.exec(
        line,
      );
    if (!m) continue;
    const field = m[1]!.toLowerCase();
    if (field === 'slot' && record.slot) flush();
    record[field] = m[2]!.trim();
  }
  flush();
  return devices;
}

/** True when the text holds -vmm records rather than one-line devices. */
export const looksLikeVmm = (lines: string[]) => lines.some((l) => /^Slot:\s+\S/i.test(l));

/**
 * Every lspci form: one device per header line (plain names, `-n`, `-nn`; with or without the
 * domain; after a prompt or an `IOMMU Group n` prefix), detail lines (`Subsystem:`, `Kernel
 * driver in use:`) kept for the device above them, and `-vmm` records.
 */
export function parseLspci(rawLines: readonly string[], ids: PciIds): SeenDevice[] {
  const lines = rawLines.map(cleanLine);
  if (looksLikeVmm(lines)) return parseVmm(lines, ids);
  const devices: SeenDevice[] = [];
  let current: SeenDevice | null = null;
  for (const line of lines) {
    if (!line) continue;
    const device = parseLspciHead(line, ids);
    if (device) {
      devices.push(device);
      current = device;
    } else if (current && (line.startsWith('Subsystem') || line.startsWith('Kernel driver')))
      applyDetail(current, line);
  }
  return devices;
}
