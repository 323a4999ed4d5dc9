import { parseLspci } from './lspci.js';
import type { PciIds } from './pci-ids.js';
import { isBmSmi, parseBmSmi } from './smi/bm-smi.js';
import { isCnmon, parseCnmon } from './smi/cnmon.js';
import { isEfsmi, parseEfsmi } from './smi/efsmi.js';
import { isHySmi, parseHySmi } from './smi/hy-smi.js';
import { isIxsmi, parseIxsmi } from './smi/ixsmi.js';
import { isMthreadsGmi, parseMthreadsGmi } from './smi/mthreads-gmi.js';
import { isMxSmi, parseMxSmi } from './smi/mx-smi.js';
import { isNpuSmi, parseNpuSmi } from './smi/npu-smi.js';
import { isXpuSmi, parseXpuSmi } from './smi/xpu-smi.js';
import { isSysfs, parseSysfs } from './sysfs.js';
import { dumpLines, type InputFormat, type SeenDevice } from './types.js';

const TOOLS: Array<{ is: (text: string) => boolean; parse: (lines: readonly string[]) => SeenDevice[] }> = [
  { is: isNpuSmi, parse: parseNpuSmi },
  { is: isCnmon, parse: parseCnmon },
  { is: isXpuSmi, parse: parseXpuSmi },
  { is: isMxSmi, parse: parseMxSmi },
  { is: isMthreadsGmi, parse: parseMthreadsGmi },
  { is: isEfsmi, parse: parseEfsmi },
  { is: isIxsmi, parse: parseIxsmi },
  { is: isBmSmi, parse: parseBmSmi },
  { is: isHySmi, parse: parseHySmi },
];

export interface Detected {
  /** The forms found, in the order read; empty when the text is no dump `identify` knows. */
  formats: InputFormat[];
  devices: SeenDevice[];
  /** True when a form was recognised even if it lists no device (an empty table, a header only). */
  recognised: boolean;
}

/** Lines that show the text is lspci output even when no device line survives (a header-only paste). */
const LSPCI_HINT = /^\s*(?:\S*[$#]\s*)?(?:sudo\s+)?(?:\/\S*\/)?lspci\b/m;

/**
 * Reads a pasted dump: every vendor tool whose table appears, then sysfs, then lspci. A paste
 * may hold several (a guide shows `lspci` and `npu-smi info`); a device seen by two of them
 * (same bus address) is kept once, the tool's row enriching the PCI function.
 */
export function detectAndParse(text: string, ids: PciIds): Detected {
  const formats: InputFormat[] = [];
  const found: SeenDevice[] = [];
  let recognised = false;
  const lines = dumpLines(text);
  for (const tool of TOOLS) {
    if (!tool.is(text)) continue;
    recognised = true;
    const devices = tool.parse(lines);
    if (devices.length) formats.push(devices[0]!.format);
    found.push(...devices);
  }
  if (isSysfs(text)) {
    recognised = true;
    formats.push('sysfs');
    found.push(...parseSysfs(lines));
  }
  const pci = parseLspci(lines, ids);
  if (pci.length) {
    recognised = true;
    formats.push(pci[0]!.format);
  } else if (LSPCI_HINT.test(text)) recognised = true;
  return { formats, devices: merge(found, pci), recognised };
}

function merge(tools: SeenDevice[], pci: SeenDevice[]): SeenDevice[] {
  const bySlot = new Map(tools.filter((d) => d.slot).map((d) => [d.slot!, d]));
  const out = [...tools];
  for (const p of pci) {
    const tool = p.slot ? bySlot.get(p.slot) : undefined;
    if (!tool) {
      out.push(p);
      continue;
    }
    tool.deviceId ??= p.deviceId;
    tool.vendorId ??= p.vendorId;
    tool.classCode ??= p.classCode;
    tool.subsystem ??= p.subsystem;
    tool.revision ??= p.revision;
    tool.driver ??= p.driver;
  }
  return out;
}
