import type { CatalogBundle } from '../src/catalog/catalog-bundle.js';
import type { Chip, DeviceClass, Model, Precision, Vendor } from '../src/domain/catalog-types.js';
import type { SchemaRegistry } from '../src/schemas/schema-registry.js';
import type { Random } from './seeded-random.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const source = (path: string) => ({
  url: `https://example.com/chipreg-bench/${path}`,
  confidence: 'low' as const,
  note: 'synthetic benchmark record',
});

const CHIP_VENDORS = 12;
const PUBLISHERS = 8;
const MEMORY: ReadonlyArray<readonly [number, string]> = [
  [16, 'LPDDR5'],
  [32, 'HBM2e'],
  [48, 'GDDR6'],
  [64, 'HBM2e'],
  [96, 'HBM3'],
  [128, 'HBM3e'],
];
const PARAMS = [0.5, 1.5, 1.8, 3, 6, 7, 8, 9, 13, 14, 32, 34, 70, 72, 110, 236, 671];
const DEFAULT_PRECISIONS: Precision[] = ['fp32', 'bf16', 'fp16', 'int8', 'w8a8', 'w4a16', 'int4'];

/**
 * Extra vendors, chips and models that bring the real catalog (data/) up to the benchmark's size,
 * as catalog documents: each one is validated against its schema before it is written, exactly
 * like a file in data/ would be.
 */
export function syntheticCatalog(
  random: Random,
  counts: { chips: number; models: number },
  schemas: SchemaRegistry,
): CatalogBundle {
  const vendors: Vendor[] = [];
  for (let v = 1; v <= CHIP_VENDORS; v++) {
    vendors.push({
      id: `bench-vendor-${pad(v, 2)}`,
      nameEn: `Bench Silicon ${pad(v, 2)}`,
      nameZh: `基准芯片公司${pad(v, 2)}`,
      roles: ['chip-maker'],
      website: null,
      headquarters: random.pick(['Beijing', 'Shanghai', 'Shenzhen', 'Hangzhou', 'Chengdu']),
      pciVendorIds: [`bd${pad(v, 2)}`],
      aliases: [`BenchSi${v}`],
      sources: [source(`vendors/${v}`)],
    });
  }
  for (let p = 1; p <= PUBLISHERS; p++) {
    vendors.push({
      id: `bench-lab-${pad(p, 2)}`,
      nameEn: `Bench Model Lab ${pad(p, 2)}`,
      nameZh: `基准模型实验室${pad(p, 2)}`,
      roles: ['model-publisher'],
      website: null,
      headquarters: null,
      aliases: [`BenchLab${p}`],
      sources: [source(`labs/${p}`)],
    });
  }
  const chips: Chip[] = [];
  for (let i = 1; i <= counts.chips; i++) {
    const vendor = 1 + (i % CHIP_VENDORS);
    const deviceClass = random.weighted<DeviceClass>([
      ['datacenter', 50],
      ['edge', 25],
      ['mobile', 10],
      ['vehicle', 10],
      ['supercomputer', 5],
    ]);
    const [memoryGiB, memoryType] = random.pick(MEMORY);
    const precisions = DEFAULT_PRECISIONS.filter((p) => p === 'int8' || random.chance(0.6));
    chips.push({
      id: `bench-chip-${pad(i, 4)}`,
      vendor: `bench-vendor-${pad(vendor, 2)}`,
      family: `BX${vendor}`,
      nameEn: `Bench BX${pad(i, 4)}`,
      nameZh: `基准加速卡 BX${pad(i, 4)}`,
      deviceClass,
      memoryGiB,
      memoryType,
      precisions,
      aliases: [`BX${pad(i, 4)}`, `BX-${pad(i, 4)} PCIe`, `基准${pad(i, 4)}`],
      pciIds: [
        {
          vendor: `bd${pad(vendor, 2)}`,
          device: i.toString(16).padStart(4, '0'),
          name: null,
          source: 'synthetic (bench/)',
        },
      ],
      facts: [{ field: 'memory', value: `${memoryGiB} GB ${memoryType}`, source: source(`chips/${i}`) }],
    });
  }
  const models: Model[] = [];
  for (let i = 1; i <= counts.models; i++) {
    const params = random.pick(PARAMS);
    const lab = 1 + (i % PUBLISHERS);
    models.push({
      id: `bench-model-${pad(i, 4)}`,
      family: `benchlm-${pad(1 + (i % 40), 2)}`,
      publisher: `bench-lab-${pad(lab, 2)}`,
      nameEn: `BenchLM ${pad(i, 4)} ${params}B`,
      nameZh: null,
      parametersB: params,
      modality: random.weighted([
        ['text', 70],
        ['code', 10],
        ['vision-language', 15],
        ['multimodal', 5],
      ] as const),
      license: random.pick(['Apache-2.0', 'MIT', 'other']),
      repository: `bench-lab-${pad(lab, 2)}/benchlm-${pad(i, 4)}-${params}b`,
      aliases: [`bench-lab-${pad(lab, 2)}/benchlm-${pad(i, 4)}-${params}b`, `BenchLM-${pad(i, 4)}`],
      sources: [source(`models/${i}`)],
    });
  }
  const check = (file: string, docs: object[]) => {
    for (const doc of docs) {
      const problems = schemas.validate(file, doc);
      if (problems.length) throw new Error(`bench: synthetic ${file} document is invalid: ${JSON.stringify(problems)}`);
    }
  };
  check('vendor.v1.schema.json', vendors);
  check('chip.v1.schema.json', chips);
  check('model.v1.schema.json', models);
  return {
    vendors,
    chips,
    models,
    systems: [],
    software: [],
    declarations: [],
    stacks: [],
    requirementSets: [],
    benchmarks: [],
  };
}
