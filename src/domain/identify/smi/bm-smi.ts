import { normaliseSlot, seenDevice, type SeenDevice } from '../types.js';

export const isBmSmi = (text: string) => /\bbm-smi\b|SDK Version:.*Driver Version:/i.test(text) && /TPU/i.test(text);

const ROW = /^\|\s*(\d+)\s+(\S*\d{4}\S*)\s+(PCIE|SOC)\b/i;

/** `bm-smi`: a card row names the chip (`| 0  1684X-SC7  PCIE ...`); the row below carries the bus id. */
export function parseBmSmi(lines: readonly string[]): SeenDevice[] {
  const devices: SeenDevice[] = [];
  let last: SeenDevice | null = null;
  for (const line of lines) {
    const row = ROW.exec(line);
    if (row) {
      last = seenDevice('bm-smi', { vendor: 'sophgo', name: row[2]!, board: row[1]! });
      devices.push(last);
      continue;
    }
    const bus = last && /([0-9a-f]{3,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])/i.exec(line);
    if (last && bus) {
      last.slot = normaliseSlot(bus[1]!);
      last = null;
    }
  }
  return devices;
}
