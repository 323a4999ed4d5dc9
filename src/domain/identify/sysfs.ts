import { hex4, normaliseSlot, seenDevice, type SeenDevice } from './types.js';

const ATTRIBUTE = '(vendor|device|class|subsystem_vendor|subsystem_device|revision)';
const BUS_ADDRESS = /[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]/gi;

/**
 * One attribute as `grep .` (or `grep -H`) prints it: `path/attribute:0xvalue`, the path under
 * `/sys/bus/pci/devices/<address>/` or the device tree `/sys/devices/pci0000:00/.../<address>/`, where
 * a network interface's `net/<if>/device/` link also leads to its PCI function.
 */
// The path is bounded so that a long line without an attribute costs linear time, not quadratic.
const LINE = new RegExp(`(/sys/(?:bus/pci/devices|devices/pci)\\S{0,400}?)/${ATTRIBUTE}[:\\s]\\s*(\\S+)`, 'i');

export const isSysfs = (text: string) => {
  const m = LINE.exec(text);
  return !!m && slotOf(m[1]!) !== null;
};

/** The PCI function a path names: the last bus address in it (a device below a bridge sits after the bridge's). */
function slotOf(path: string): string | null {
  const all = path.match(BUS_ADDRESS);
  return all ? all[all.length - 1]!.toLowerCase() : null;
}

/**
 * The sysfs reading `grep . /sys/bus/pci/devices/STAR/{vendor,device,class,...}`: one
 * `path/attribute:0xvalue` line per attribute, grouped here per PCI function.
 */
export function parseSysfs(lines: readonly string[]): SeenDevice[] {
  const byDevice = new Map<string, Record<string, string>>();
  for (const line of lines) {
    const m = LINE.exec(line);
    const slot = m ? slotOf(m[1]!) : null;
    if (!m || !slot) continue;
    const entry = byDevice.get(slot) ?? {};
    entry[m[2]!.toLowerCase()] = m[3]!;
    byDevice.set(slot, entry);
  }
  return [...byDevice.entries()].map(([slot, a]) => {
    const sv = a.subsystem_vendor ? hex4(a.subsystem_vendor) : null;
    const sd = a.subsystem_device ? hex4(a.subsystem_device) : null;
    const klass = a.class ? /^(?:0x)?([0-9a-f]{6})$/i.exec(a.class)?.[1] : null;
    return seenDevice('sysfs', {
      slot: normaliseSlot(slot),
      vendorId: a.vendor ? hex4(a.vendor) : null,
      deviceId: a.device ? hex4(a.device) : null,
      classCode: klass ? klass.slice(0, 4).toLowerCase() : null,
      subsystem: sv && sd ? { vendor: sv, device: sd } : null,
      revision: a.revision ? (hex4(a.revision)?.slice(2) ?? null) : null,
    });
  });
}
