import { INPUT_FORMATS, type InputFormat } from '../vocabulary.js';

export { INPUT_FORMATS, type InputFormat };

/** What each accepted form is, in the words a user would recognise (problem documents and help list these). */
export const FORMAT_HELP: Record<InputFormat, string> = {
  lspci:
    'lspci in any form: plain, -n, -nn, -nv, -nnv, -vvnn, -k, -d vendor:, with or without the domain, IOMMU group listings',
  'lspci-vmm': 'lspci -vmm / -nvmm (Slot:, Class:, Vendor:, Device: records)',
  sysfs: 'grep . /sys/bus/pci/devices/*/{vendor,device,class,subsystem_vendor,subsystem_device,revision}',
  'npu-smi': 'npu-smi info (Huawei Ascend)',
  'hy-smi': 'hy-smi or rocm-smi (Hygon DCU)',
  cnmon: 'cnmon (Cambricon MLU)',
  'xpu-smi': 'xpu_smi / xpu-smi (Kunlunxin XPU)',
  ixsmi: 'ixsmi (Iluvatar CoreX)',
  'mx-smi': 'mx-smi or mx-smi -L (MetaX)',
  'mthreads-gmi': 'mthreads-gmi (Moore Threads)',
  efsmi: 'efsmi (Enflame GCU)',
  'bm-smi': 'bm-smi (Sophgo)',
};

/**
 * One device as the input shows it: a PCI function (lspci, sysfs) or a row of a vendor's
 * management tool. Fields the form does not carry stay null.
 */
export interface SeenDevice {
  format: InputFormat;
  /** Bus address normalised to `dddd:bb:dd.f` (lowercase), when the input gives one. */
  slot: string | null;
  vendorId: string | null;
  deviceId: string | null;
  /** PCI class code, 4 hex digits (`1200`). */
  classCode: string | null;
  /** The device name the input printed (lspci name, or the tool's model column such as `910B4-1`). */
  name: string | null;
  /** The vendor name the input printed, for plain lspci. */
  vendorName: string | null;
  subsystem: { vendor: string; device: string } | null;
  /** Subsystem as lspci -v prints it, when only names are given. */
  subsystemName: string | null;
  revision: string | null;
  driver: string | null;
  /** On-device memory the tool reports for this device, MiB. */
  memoryMiB: number | null;
  /** The board (card) this device sits on, when the tool tells (npu-smi NPU id, cnmon card). */
  board: string | null;
  /** Chipreg vendor id, when the tool itself names the vendor (each SMI tool belongs to one vendor). */
  vendor: string | null;
  /** True for an SR-IOV virtual function. */
  virtualFunction: boolean;
}

export const seenDevice = (format: InputFormat, fields: Partial<SeenDevice>): SeenDevice => ({
  format,
  slot: null,
  vendorId: null,
  deviceId: null,
  classCode: null,
  name: null,
  vendorName: null,
  subsystem: null,
  subsystemName: null,
  revision: null,
  driver: null,
  memoryMiB: null,
  board: null,
  vendor: null,
  virtualFunction: false,
  ...fields,
});

const SLOT = /^(?:([0-9a-f]{1,8}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$/i;

/** `3b:00.0`, `0000:3B:00.0`, `00000000:3b:00.0` → `0000:3b:00.0`; null for anything else (`0000:xx:00.0`). */
export function normaliseSlot(text: string): string | null {
  const m = SLOT.exec(text.trim());
  if (!m) return null;
  const domain = (m[1] ?? '0000').toLowerCase().slice(-4).padStart(4, '0');
  return `${domain}:${m[2]!.toLowerCase()}:${m[3]!.toLowerCase()}.${m[4]}`;
}

export const hex4 = (text: string): string | null => {
  const m = /^(?:0x)?([0-9a-f]{1,4})$/i.exec(text.trim());
  return m ? m[1]!.toLowerCase().padStart(4, '0') : null;
};

/** A memory size a tool printed, in MiB: a positive whole number, else null (a `0` or an overflowing figure tells nothing). */
export const mib = (digits: string | undefined): number | null => {
  const n = Number(digits);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** `|`: every vendor tool table row starts with it, so parsers skip other lines without a regex. */
export const PIPE = 124;

/** The lines of a dump, each without its CR and surrounding blanks. */
export const dumpLines = (text: string): string[] => text.split('\n').map((l) => l.trim());
