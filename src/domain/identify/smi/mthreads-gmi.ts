import { mib, normaliseSlot, seenDevice, type SeenDevice } from '../types.js';

export const isMthreadsGmi = (text: string) => /mthreads-gmi\s*:?\s*\d/i.test(text);

const ROW = /^(\d+)\s+([^|]+?)\s*\|\s*([0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\s*\|(.*)$/i;

/**
 * `mthreads-gmi`: `0  MTT S80  |00000000:04:00.0 |0%  2MiB(16384MiB)`; the second row gives the device
 * type: `Physical`, `MPC Parent` (a physical GPU that hosts vGPUs, as Moore Threads' vGPU guide shows on
 * the host) or `Virtual` (a vGPU, as the guide shows in a guest), which shares its parent's memory.
 */
export function parseMthreadsGmi(lines: readonly string[]): SeenDevice[] {
  const devices: SeenDevice[] = [];
  let last: SeenDevice | null = null;
  for (const line of lines) {
    const row = ROW.exec(line);
    if (row) {
      const memory = /\d+MiB\((\d+)MiB\)/i.exec(row[4]!);
      last = seenDevice('mthreads-gmi', {
        vendor: 'moore-threads',
        vendorId: '1ed5',
        name: row[2]!,
        slot: normaliseSlot(row[3]!),
        memoryMiB: mib(memory?.[1]),
      });
      devices.push(last);
      continue;
    }
    if (last && /^(?:Virtual|MPC(?!\s+Parent))\b/i.test(line)) last.virtualFunction = true;
    if (last && /^\S/.test(line)) last = null;
  }
  return devices;
}
