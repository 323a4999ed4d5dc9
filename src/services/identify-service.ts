import type { CatalogRepository } from '../db/catalog-repository.js';
import type { Chip, ChipSku, Model, Vendor } from '../domain/catalog-types.js';
import type { Certification } from '../domain/certification-view.js';
import { matchChipByName, skuBySubsystem } from '../domain/identify/chip-match.js';
import { classify } from '../domain/identify/classify.js';
import { detectAndParse } from '../domain/identify/detect.js';
import { fitAt, type Fit } from '../domain/identify/model-fit.js';
import type { PciIds } from '../domain/identify/pci-ids.js';
import { FORMAT_HELP, INPUT_FORMATS, seenDevice, type InputFormat, type SeenDevice } from '../domain/identify/types.js';
import { levelRank, type Precision } from '../domain/vocabulary.js';
import { InvalidInputError, NotADumpError } from '../errors.js';
import type { CertificationService } from './certification-service.js';

/** Precisions the fit is computed at when the catalog states none for the chip. */
const DEFAULT_FIT_PRECISIONS: Precision[] = ['bf16', 'int8', 'int4'];
const MAX_MODELS = 100;

export interface ModelAnswer {
  model: string;
  nameEn: string;
  parametersB: number | null;
  level: string | null;
  verified: boolean;
  precisions: Precision[];
  source: string | null;
  fit: Fit[];
}

export interface CardGroup {
  chip: Chip;
  sku: { name: string; memoryGiB: number | null; source: string } | null;
  skuCandidates: string[];
  count: number;
  boards: number | null;
  virtualFunctions: number;
  slots: string[];
  memoryGiBPerDevice: number | null;
  totalMemoryGiB: number | null;
  certifications: Certification[];
  models: ModelAnswer[];
}

export interface Identified {
  formats: InputFormat[];
  devices: number;
  summary: string;
  recognized: CardGroup[];
  unresolved: Array<{
    vendor: string | null;
    count: number;
    boards: number | null;
    names: string[];
    candidates: string[];
    reason: string;
  }>;
  unknown: Array<{
    pciId: string | null;
    count: number;
    name: string | null;
    vendor: string | null;
    classCode: string | null;
  }>;
  ignored: Array<{ pciId: string | null; count: number; name: string | null; reason: string }>;
}

const gib = (mib: number) => Math.round((mib / 1024) * 10) / 10;

/**
 * "What is in this machine, and what can I run on it?" Reads any dump the detector knows,
 * groups recognised devices per chip and SKU with their count, boards and memory, and for each
 * group answers with the models certified or declared on the chip and which catalog models fit.
 */
export function createIdentifyService(deps: {
  catalog: CatalogRepository;
  certifications: CertificationService;
  pciIds: PciIds;
}) {
  function catalogIndex() {
    const chips = deps.catalog.listChips({}, '', 100_000);
    const byPci = new Map<string, Chip[]>();
    for (const chip of chips)
      for (const p of chip.pciIds) {
        const list = byPci.get(`${p.vendor}:${p.device}`) ?? [];
        list.push(chip);
        byPci.set(`${p.vendor}:${p.device}`, list);
      }
    const vendorsByPci = new Map<string, Vendor>();
    for (const v of deps.catalog.listVendors('', 100_000))
      for (const id of v.pciVendorIds ?? []) vendorsByPci.set(id, v);
    return { chips, byPci, vendorsByPci };
  }

  function answerModels(chip: Chip, certifications: Certification[], memoryGiB: number | null): ModelAnswer[] {
    const models = new Map<string, Model>();
    for (const m of deps.catalog.listModels({}, '', 100_000)) models.set(m.id, m);
    const byModel = new Map<string, Certification[]>();
    for (const c of certifications) byModel.set(c.model, [...(byModel.get(c.model) ?? []), c]);
    const fitPrecisions = chip.precisions?.length ? chip.precisions : DEFAULT_FIT_PRECISIONS;
    const answers: ModelAnswer[] = [];
    for (const model of models.values()) {
      const certs = byModel.get(model.id) ?? [];
      const size = model.parametersB ?? null;
      if (!certs.length && size === null) continue;
      const best = certs.reduce<Certification | null>(
        (a, c) => (!a || levelRank(c.level) > levelRank(a.level) ? c : a),
        null,
      );
      answers.push({
        model: model.id,
        nameEn: model.nameEn,
        parametersB: size,
        level: best?.level ?? null,
        verified: best?.verified ?? false,
        precisions: [...new Set(certs.flatMap((c) => c.precisions))],
        source: best ? (best.source?.url ?? best.id) : null,
        fit: size !== null && memoryGiB !== null ? fitAt(size, memoryGiB, fitPrecisions) : [],
      });
    }
    const fitsSomewhere = (a: ModelAnswer) => a.fit.some((f) => f.fits);
    answers.sort(
      (a, b) =>
        (b.level ? levelRank(b.level) : -1) - (a.level ? levelRank(a.level) : -1) ||
        Number(fitsSomewhere(b)) - Number(fitsSomewhere(a)) ||
        (b.parametersB ?? 0) - (a.parametersB ?? 0) ||
        a.model.localeCompare(b.model),
    );
    return answers.slice(0, MAX_MODELS);
  }

  function identify(devices: SeenDevice[], formats: InputFormat[]): Identified {
    const { chips, byPci, vendorsByPci } = catalogIndex();
    const groups = new Map<string, { chip: Chip; sku: ChipSku | null; devices: SeenDevice[] }>();
    const unresolved = new Map<
      string,
      { vendor: string | null; devices: SeenDevice[]; candidates: string[]; reason: string }
    >();
    const unknown = new Map<string, Identified['unknown'][number]>();
    const ignored = new Map<string, Identified['ignored'][number]>();

    const addGroup = (chip: Chip, sku: ChipSku | null, d: SeenDevice) => {
      const key = `${chip.id}|${sku?.name ?? ''}`;
      const g = groups.get(key) ?? { chip, sku, devices: [] };
      g.devices.push(d);
      groups.set(key, g);
    };
    const vendorOf = (d: SeenDevice) => d.vendor ?? (d.vendorId ? (vendorsByPci.get(d.vendorId)?.id ?? null) : null);

    for (const seen of devices) {
      const pciId = seen.vendorId && seen.deviceId ? `${seen.vendorId}:${seen.deviceId}` : null;
      // `-n`, sysfs and {pciIds} carry no names: pci.ids names the device (a HiSilicon ZIP engine is class 1200 too).
      const d =
        seen.name || !seen.vendorId || !seen.deviceId
          ? seen
          : { ...seen, name: deps.pciIds.deviceName(seen.vendorId, seen.deviceId) };
      const vendor = vendorOf(d);
      // A vendor tool's model column is the most specific name there is; the PCI id comes next.
      const byName =
        d.name && d.vendor
          ? matchChipByName(
              d.name,
              chips.filter((c) => c.vendor === d.vendor),
            )
          : null;
      if (byName) {
        addGroup(byName.chip, byName.sku ?? skuBySubsystem(byName.chip, d.subsystem), d);
        continue;
      }
      const byId = pciId ? (byPci.get(pciId) ?? []) : [];
      if (byId.length === 1) {
        addGroup(byId[0]!, skuBySubsystem(byId[0]!, d.subsystem), d);
        continue;
      }
      if (byId.length > 1 || (d.vendor && d.format !== 'lspci' && d.format !== 'lspci-vmm' && d.format !== 'sysfs')) {
        const vendorChips = byId.length ? byId : chips.filter((c) => c.vendor === vendor);
        const memory = d.memoryMiB ? d.memoryMiB / 1024 : null;
        const near = memory
          ? vendorChips.filter((c) =>
              [c.memoryGiB, ...(c.skus ?? []).map((s) => s.memoryGiB)].some((m) => m && Math.abs(m - memory) / m < 0.1),
            )
          : [];
        const candidates = (near.length ? near : vendorChips).map((c) => c.id);
        const reason = byId.length
          ? `PCI id ${pciId} is shared by several chips`
          : d.name
            ? `${d.format} names the device "${d.name}", which no catalog chip or SKU matches`
            : `${d.format} names no model; it tells the vendor and the count`;
        const key = `${vendor}|${d.name ?? ''}|${reason}`;
        const u = unresolved.get(key) ?? { vendor, devices: [], candidates, reason };
        u.devices.push(d);
        unresolved.set(key, u);
        continue;
      }
      const verdict = classify(d, vendor !== null);
      if (verdict.kind === 'accelerator') {
        const key = pciId ?? `${d.vendorName ?? '?'}|${d.name ?? '?'}`;
        const u = unknown.get(key) ?? {
          pciId,
          count: 0,
          name: d.name,
          vendor,
          classCode: d.classCode,
        };
        u.count++;
        unknown.set(key, u);
      } else {
        const key = `${pciId ?? d.name ?? '?'}|${verdict.reason}`;
        const i = ignored.get(key) ?? { pciId, count: 0, name: d.name, reason: verdict.reason };
        i.count++;
        ignored.set(key, i);
      }
    }

    const recognized = [...groups.values()].map(({ chip, sku, devices: members }): CardGroup => {
      const reported = members.map((m) => m.memoryMiB).filter((m): m is number => m !== null);
      const perDevice = reported.length ? gib(Math.min(...reported)) : (sku?.memoryGiB ?? chip.memoryGiB ?? null);
      const physical = members.filter((m) => !m.virtualFunction);
      const boardIds = new Set(physical.map((m) => m.board).filter((b) => b !== null));
      const boards = boardIds.size
        ? boardIds.size
        : chip.devicesPerBoard && physical.length
          ? Math.ceil(physical.length / chip.devicesPerBoard)
          : null;
      // Virtual functions share their parent's memory when the parent is listed too; a guest that sees
      // only its vGPUs has their memory to use.
      const counted = physical.length || members.length;
      const total = perDevice !== null ? Math.round(perDevice * counted * 10) / 10 : null;
      const certifications = deps.certifications.list({ chip: chip.id, status: 'active' }, { limit: 500 }).items;
      return {
        chip,
        sku: sku ? { name: sku.name, memoryGiB: sku.memoryGiB, source: sku.source } : null,
        skuCandidates: sku ? [] : (chip.skus ?? []).map((s) => s.name),
        count: members.length,
        boards,
        virtualFunctions: members.length - physical.length,
        slots: [...new Set(members.map((m) => m.slot).filter((s): s is string => s !== null))],
        memoryGiBPerDevice: perDevice,
        totalMemoryGiB: total,
        certifications: certifications.filter((c) => c.verified),
        models: answerModels(chip, certifications, total),
      };
    });
    const accelerators = recognized.reduce((n, g) => n + g.count, 0);
    const unresolvedList = [...unresolved.values()].map((u) => ({
      vendor: u.vendor,
      count: u.devices.length,
      boards: new Set(u.devices.map((d) => d.board).filter((b) => b !== null)).size || null,
      names: [...new Set(u.devices.map((d) => d.name).filter((n): n is string => n !== null))],
      candidates: u.candidates,
      reason: u.reason,
    }));
    const unknownList = [...unknown.values()];
    const pending = unresolvedList.reduce((n, u) => n + u.count, 0) + unknownList.reduce((n, u) => n + u.count, 0);
    const summary =
      accelerators + pending === 0
        ? `No accelerator found among ${devices.length} devices: this machine has none that chipreg knows or that reports an accelerator class.`
        : `${accelerators} accelerator device(s) recognised in ${recognized.length} group(s)` +
          (pending ? `; ${pending} more seen but not pinned to one catalog chip.` : '.');
    return {
      formats,
      devices: devices.length,
      summary,
      recognized,
      unresolved: unresolvedList,
      unknown: unknownList,
      ignored: [...ignored.values()],
    };
  }

  return {
    /** Any dump text; text that is none of the accepted forms is refused with the list of forms. */
    fromText(text: string): Identified {
      const detected = detectAndParse(text, deps.pciIds);
      if (!detected.recognised)
        throw new NotADumpError(
          'This text is not a machine dump identify can read. Paste the output of one of the accepted commands.',
          INPUT_FORMATS.map((f) => FORMAT_HELP[f]),
        );
      return identify(detected.devices, detected.formats);
    },
    fromDevices: (devices: SeenDevice[]) => identify(devices, ['sysfs']),
    fromIds(ids: string[]): Identified {
      const problems: Array<{ pointer: string; detail: string }> = [];
      const devices: SeenDevice[] = [];
      ids.forEach((text, i) => {
        const m = /^\s*(?:0x)?([0-9a-f]{4})\s*:\s*(?:0x)?([0-9a-f]{4})\s*$/i.exec(text);
        if (m) devices.push(seenDevice('lspci', { vendorId: m[1]!.toLowerCase(), deviceId: m[2]!.toLowerCase() }));
        else problems.push({ pointer: `/pciIds/${i}`, detail: 'must be vendor:device in hex, e.g. 19e5:d802' });
      });
      if (problems.length) throw new InvalidInputError('Some PCI ids are malformed.', problems);
      return identify(devices, []);
    },
  };
}

export type IdentifyService = ReturnType<typeof createIdentifyService>;
