import { PIPE, normaliseSlot, seenDevice, type SeenDevice } from '../types.js';

export const isXpuSmi = (text: string) => /\|\s*DevID\s*\|\s*PCI Addr\s*\|/i.test(text);

const ROW = /^\|\s*(\d+)\s*\|\s*([0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\s*\|\s*([^|]+?)\s*\|(.*)$/i;

/** `xpu_smi`: `| 0 | 0000:53:00.0 | R300 | SN | /dev/xpu0 | 0 % | 0 / 63 MB | 0 / 32768 MB |`. */
export function parseXpuSmi(lines: readonly string[]): SeenDevice[] {
  const devices: SeenDevice[] = [];
  for (const line of lines) {
    if (line.charCodeAt(0) !== PIPE) continue;
    const row = ROW.exec(line);
    if (!row) continue;
    const pairs = [...row[4]!.matchAll(/(\d+)\s*\/\s*(\d+)\s*MB/gi)];
    const total = pairs.length ? Number(pairs[pairs.length - 1]![2]) : 0;
    devices.push(
      seenDevice('xpu-smi', {
        vendor: 'kunlunxin',
        vendorId: '1d22',
        name: row[3]!,
        slot: normaliseSlot(row[2]!),
        memoryMiB: total > 0 ? total : null,
      }),
    );
  }
  return devices;
}
