import type { SeenDevice } from './types.js';

/** Why a PCI function is not an accelerator (`ignored`), or that it is of an accelerator class (`accelerator`). */
export type Verdict = { kind: 'accelerator' } | { kind: 'ignored'; reason: string };

/** Foreign accelerator vendors: their GPUs are real accelerators but outside what chipreg registers. */
const FOREIGN_GPU: Record<string, string> = { '10de': 'NVIDIA', '1002': 'AMD', '8086': 'Intel' };

/** Management (BMC) display controllers that servers carry next to their accelerators. */
const BMC_VGA = new Set(['19e5:1711', '1a03:2000', '102b:0522', '102b:0532', '102b:0534', '102b:0536', '102b:0538']);

const ENGINE = /QuickAssist|\bQAT\b|ZIP Engine|SEC Engine|HPRE Engine|RDE Engine|DMA Engine|Crypto|Compression/i;

const CLASS_REASONS: Array<[RegExp, string]> = [
  [/^06/, 'bridge'],
  [/^02/, 'network controller'],
  [/^01/, 'storage controller'],
  [/^0c/, 'serial bus controller (USB, SMBus, Fibre Channel…)'],
  [/^10/, 'encryption controller'],
  [/^08/, 'system peripheral'],
  [/^04/, 'multimedia controller'],
  [/^05/, 'memory controller'],
  [/^07/, 'communication controller'],
  [/^11/, 'signal processing controller'],
  [/^0[9ad]/, 'input, docking or wireless device'],
  [/^0b/, 'processor'],
];

/**
 * Accelerator classes: processing accelerators (12xx), co-processors (0b40), display/3D (03xx),
 * and, for a vendor that makes accelerators, the classes its cards really report (Kunlunxin's
 * `0780`, unassigned `ff00`) or no class at all (an SMI row, `{pciIds}`).
 */
export function classify(device: SeenDevice, acceleratorVendor: boolean): Verdict {
  const id = device.vendorId && device.deviceId ? `${device.vendorId}:${device.deviceId}` : null;
  const klass = device.classCode;
  if (id && BMC_VGA.has(id)) return { kind: 'ignored', reason: 'server management (BMC) display controller' };
  if (device.name && ENGINE.test(device.name)) return { kind: 'ignored', reason: 'crypto, compression or DMA engine' };
  const foreign = device.vendorId ? FOREIGN_GPU[device.vendorId] : undefined;
  const acceleratorClass = klass !== null && (klass.startsWith('12') || klass === '0b40' || klass.startsWith('03'));
  if (foreign && (acceleratorClass || klass === null))
    return { kind: 'ignored', reason: `${foreign} device: not a domestic accelerator chipreg registers` };
  if (acceleratorClass) return { kind: 'accelerator' };
  if (acceleratorVendor && (klass === null || klass === '0780' || klass === 'ff00')) return { kind: 'accelerator' };
  if (klass === null) return { kind: 'ignored', reason: 'no class and no known accelerator vendor' };
  for (const [pattern, reason] of CLASS_REASONS) if (pattern.test(klass)) return { kind: 'ignored', reason };
  return { kind: 'ignored', reason: `PCI class ${klass} is not an accelerator class` };
}
