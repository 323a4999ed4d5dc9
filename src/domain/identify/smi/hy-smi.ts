import { seenDevice, type SeenDevice } from '../types.js';

/** `hy-smi` and Hygon's `rocm-smi` print a `DCU`/`HCU` column; AMD's rocm-smi prints `GPU` and is not Hygon. */
export const isHySmi = (text: string) => /^\s*(DCU|HCU)\s+Temp/im.test(text) || /\bhy-smi\b/.test(text);

/**
 * `hy-smi` / `rocm-smi` concise table: one row per device, `0  30.0c  38.0W ...`. The table names
 * no model, so what it tells is the vendor (Hygon) and the count.
 */
export function parseHySmi(lines: readonly string[]): SeenDevice[] {
  const devices: SeenDevice[] = [];
  let inTable = false;
  for (const line of lines) {
    if (/^(DCU|HCU)\s+Temp/i.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    if (/^=+/.test(line) && devices.length) break;
    const row = /^(\d+)\s+[\d.]+\s*[cC°]/.exec(line);
    if (row) devices.push(seenDevice('hy-smi', { vendor: 'hygon', vendorId: '1d94', board: row[1]! }));
  }
  return devices;
}
