import { PIPE, normaliseSlot, seenDevice, type SeenDevice } from '../types.js';

export const isIxsmi = (text: string) => /IX-ML|\bixsmi\b|Iluvatar/i.test(text) && /Bus-Id/i.test(text);

const ROW = /^\|\s*(\d+)\s+([^|]+?)(?:\s+(?:On|Off))?\s*\|\s*([0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])/i;

/** `ixsmi` follows the nvidia-smi table: `| 0  Iluvatar BI-V150 | 00000000:13:00.0 |` (some versions add On/Off), then `used MiB / total MiB`. */
export function parseIxsmi(lines: readonly string[]): SeenDevice[] {
  const devices: SeenDevice[] = [];
  let last: SeenDevice | null = null;
  for (const line of lines) {
    if (line.charCodeAt(0) !== PIPE) continue;
    const row = ROW.exec(line);
    if (row) {
      last = seenDevice('ixsmi', {
        vendor: 'iluvatar-corex',
        vendorId: '1e3e',
        name: row[2]!.replace(/^Iluvatar\s+/i, ''),
        slot: normaliseSlot(row[3]!),
      });
      devices.push(last);
      continue;
    }
    const memory = last && /(\d+)\s*MiB\s*\/\s*(\d+)\s*MiB/i.exec(line);
    if (last && memory) {
      last.memoryMiB = Number(memory[2]);
      last = null;
    }
  }
  return devices;
}
