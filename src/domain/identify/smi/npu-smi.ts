import { PIPE, normaliseSlot, seenDevice, type SeenDevice } from '../types.js';

export const isNpuSmi = (text: string) => /npu-smi\s+[\d.]|\|\s*NPU\s+Name\s*\|\s*Health/i.test(text);

const NPU_ROW = /^\|\s*(\d+)\s+([^\s|]+)\s*\|\s*([A-Za-z][\w-]*)\s*\|/;
const CHIP_ROW = /^\|\s*(\d+)\s+(?:(\d+)\s+)?\|\s*(\S+)\s*\|(.*)\|?\s*$/;

/**
 * `npu-smi info`: each device takes two rows, `| NPU Name | Health |` then `| Chip [Phy-ID] | Bus-Id |`.
 * The name is the SKU (`910B4-1`, `310P3`, `Ascend910`); the last `used / total` pair is the HBM
 * (or, on cards without HBM, the memory) in MB. Rows with the same NPU id are dies of one module.
 */
export function parseNpuSmi(lines: readonly string[]): SeenDevice[] {
  const devices: SeenDevice[] = [];
  let pending: { npu: string; name: string } | null = null;
  for (const line of lines) {
    if (line.charCodeAt(0) !== PIPE) continue;
    const npu = NPU_ROW.exec(line);
    if (npu && !/^(NPU|Chip)$/i.test(npu[2]!) && !/^\d+$/.test(npu[3]!)) {
      pending = { npu: npu[1]!, name: npu[2]! };
      continue;
    }
    const chip = pending ? CHIP_ROW.exec(line) : null;
    if (pending && chip) {
      const pairs = [...chip[4]!.matchAll(/(\d+)\s*\/\s*(\d+)/g)];
      const total = pairs.length ? Number(pairs[pairs.length - 1]![2]) : 0;
      devices.push(
        seenDevice('npu-smi', {
          vendor: 'huawei',
          vendorId: '19e5',
          name: pending.name,
          slot: normaliseSlot(chip[3]!),
          board: pending.npu,
          memoryMiB: total > 0 ? total : null,
        }),
      );
      pending = null;
    }
  }
  return devices;
}
