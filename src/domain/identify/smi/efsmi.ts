import { PIPE, seenDevice, type SeenDevice } from '../types.js';

export const isEfsmi = (text: string) => /EFSMI\s+V?\d|Enflame System Management Interface/i.test(text);

const ROW = /^\|\s*(\d+)\s+([^\s|]+)\s*\|\s*[\d.]+\s*\|\s*([0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])/i;

/** `efsmi`: `| 0  S60 | 33.6.2 | 00:01:00.0 Disable |` then `| 39 C Sleep 105W 300W | 49120MiB Disable |`. */
export function parseEfsmi(lines: readonly string[]): SeenDevice[] {
  const devices: SeenDevice[] = [];
  let last: SeenDevice | null = null;
  for (const line of lines) {
    if (line.charCodeAt(0) !== PIPE) continue;
    const row = ROW.exec(line);
    if (row) {
      // efsmi prints `00:01:00.0` (domain-less bus:device:function with a leading 00), not a PCI slot we can match.
      last = seenDevice('efsmi', { vendor: 'enflame', vendorId: '1e36', name: row[2]! });
      devices.push(last);
      continue;
    }
    const memory = last && /\|\s*(\d+)\s*MiB/i.exec(line);
    if (last && memory) {
      last.memoryMiB = Number(memory[1]);
      last = null;
    }
  }
  return devices;
}
