import { hex4, normaliseSlot, seenDevice, type SeenDevice } from './types.js';

const LINE =
  /\/sys\/bus\/pci\/devices\/([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\/(vendor|device|class|subsystem_vendor|subsystem_device|revision)\s*[:\s]\s*(\S+)/i;

export const isSysfs = (text: string) => LINE.test(text);

/**
 * The sysfs reading `grep . /sys/bus/pci/devices/STAR/{vendor,device,class,...}`: one
 * `path/attribute:0xvalue` line per attribute, grouped here per device.
 */
export function parseSysfs(lines: readonly string[]): SeenDevice[] {
  const byDevice = new Map<string, Record<string, string>>();
  for (const line of lines) {
    const m = LINE.exec(line);
    if (!m) continue;
    const entry = byDevice.get(m[1]!.toLowerCase()) ?? {};
    entry[m[2]!.toLowerCase()] = m[3]!;
    byDevice.set(m[1]!.toLowerCase(), entry);
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
