import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchemaRegistry } from '../../src/schemas/schema-registry.js';
import { dataDir } from '../../src/package-root.js';
import { CATALOG_FOLDERS } from '../../src/catalog/read-catalog-files.js';

/**
 * Specification of the reviewed catalog in data/: every record file is schema-valid, named
 * after its id and linked to records that exist; names are unambiguous; chips carry sources.
 */

type Doc = Record<string, unknown> & { id: string };

const { 'requirement-sets': _sets, ...FOLDERS } = CATALOG_FOLDERS;
type Folder = keyof typeof FOLDERS;

interface RecordFile {
  file: string;
  doc: Doc;
}

function readFolder(folder: Folder): RecordFile[] {
  const dir = join(dataDir(), folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: name, doc: JSON.parse(readFileSync(join(dir, name), 'utf8')) as Doc }));
}

const records = Object.fromEntries((Object.keys(FOLDERS) as Folder[]).map((f) => [f, readFolder(f)])) as Record<
  Folder,
  RecordFile[]
>;
const ids = (folder: Folder) => new Set(records[folder].map((r) => r.doc.id));
const registry = createSchemaRegistry();

/** Lookup key of a name, as forgiving as the resolver: NFKC, lowercase, without spaces, hyphens and underscores. */
const nameKey = (name: string) =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_·]+/g, '');

interface Fact {
  field: string;
  value: string;
  source: { url: string; confidence?: string; note?: string };
}
interface PciId {
  vendor: string;
  device: string;
  name?: string | null;
  source: string;
}
interface Chip extends Doc {
  vendor: string;
  deviceClass: string;
  memoryGiB: number | null;
  aliases: string[];
  pciIds: PciId[];
  facts: Fact[];
}
const chips = records.chips.map((r) => r.doc as Chip);

describe('catalog data files', () => {
  for (const [folder, schema] of Object.entries(FOLDERS) as Array<[Folder, string]>) {
    it(`every ${folder} file validates against ${schema}`, () => {
      assert.ok(records[folder].length > 0, `data/${folder} holds records`);
      const failures = records[folder].flatMap(({ file, doc }) =>
        registry.validate(schema, doc).map((p) => `${folder}/${file} ${p.pointer}: ${p.detail}`),
      );
      assert.deepEqual(failures, []);
    });

    it(`every ${folder} file is named after its id`, () => {
      const misnamed = records[folder].filter(({ file, doc }) => file !== `${doc.id}.json`).map(({ file }) => file);
      assert.deepEqual(misnamed, []);
    });

    it(`every ${folder} file is pretty-printed with two spaces and a trailing newline`, () => {
      const dir = join(dataDir(), folder);
      const unformatted = records[folder]
        .filter(({ file, doc }) => readFileSync(join(dir, file), 'utf8') !== JSON.stringify(doc, null, 2) + '\n')
        .map(({ file }) => file);
      assert.deepEqual(unformatted, []);
    });

    it(`${folder} ids are unique`, () => {
      assert.equal(ids(folder).size, records[folder].length);
    });
  }
});

describe('catalog references', () => {
  const missing: string[] = [];
  const expect = (from: string, field: string, folder: Folder, id: unknown) => {
    if (id !== null && id !== undefined && !ids(folder).has(id as string))
      missing.push(`${from} ${field} -> ${folder}/${String(id)}`);
  };

  it('every chip, system, model and software record names an existing vendor', () => {
    missing.length = 0;
    for (const folder of ['chips', 'systems', 'software'] as const) {
      for (const { doc } of records[folder]) expect(`${folder}/${doc.id}`, 'vendor', 'vendors', doc.vendor);
    }
    for (const { doc } of records.models) expect(`models/${doc.id}`, 'publisher', 'vendors', doc.publisher);
    assert.deepEqual(missing, []);
  });

  it('every system is built on an existing chip', () => {
    missing.length = 0;
    for (const { doc } of records.systems) expect(`systems/${doc.id}`, 'chip', 'chips', doc.chip);
    assert.deepEqual(missing, []);
  });

  it('every declaration names an existing model, chip and (when given) system', () => {
    missing.length = 0;
    for (const { doc } of records.declarations) {
      expect(`declarations/${doc.id}`, 'model', 'models', doc.model);
      expect(`declarations/${doc.id}`, 'chip', 'chips', doc.chip);
      expect(`declarations/${doc.id}`, 'system', 'systems', doc.system);
    }
    assert.deepEqual(missing, []);
  });

  it("a declaration that names a system names that system's chip", () => {
    const chipOf = new Map(records.systems.map(({ doc }) => [doc.id, doc.chip]));
    const mismatched = records.declarations
      .filter(({ doc }) => doc.system != null && chipOf.get(doc.system as string) !== doc.chip)
      .map(({ doc }) => doc.id);
    assert.deepEqual(mismatched, []);
  });

  it('vendor roles fit what the vendor is referenced as', () => {
    const roles = new Map(records.vendors.map(({ doc }) => [doc.id, doc.roles as string[]]));
    const wrong = [
      ...chips.filter((c) => !roles.get(c.vendor)?.includes('chip-maker')).map((c) => `chips/${c.id}`),
      ...records.models
        .filter(({ doc }) => !roles.get(doc.publisher as string)?.includes('model-publisher'))
        .map(({ doc }) => `models/${doc.id}`),
    ];
    assert.deepEqual(wrong, []);
  });
});

describe('catalog names', () => {
  for (const folder of ['vendors', 'chips', 'systems', 'models'] as const) {
    it(`${folder} ids, aliases and repository ids are unique case- and whitespace-insensitively`, () => {
      const owner = new Map<string, string>();
      const clashes: string[] = [];
      for (const { doc } of records[folder]) {
        const names = [doc.id, ...((doc.aliases as string[] | undefined) ?? [])];
        if (typeof doc.repository === 'string') names.push(doc.repository);
        for (const name of names) {
          const key = nameKey(name);
          const prior = owner.get(key);
          if (prior && prior !== doc.id) clashes.push(`"${name}" of ${doc.id} is already a name of ${prior}`);
          owner.set(key, doc.id);
        }
      }
      assert.deepEqual(clashes, []);
    });
  }
});

describe('catalog chips', () => {
  it('every chip has at least one sourced fact with an http(s) URL', () => {
    const unsourced = chips
      .filter((c) => c.facts.length === 0 || c.facts.some((f) => !/^https?:\/\//.test(f.source.url)))
      .map((c) => c.id);
    assert.deepEqual(unsourced, []);
  });

  it('a chip states memory only when one of its facts is about memory', () => {
    const unbacked = chips
      .filter((c) => c.memoryGiB !== null && !c.facts.some((f) => f.field === 'memory'))
      .map((c) => c.id);
    assert.deepEqual(unbacked, []);
  });

  it('PCI ids come from pci.ids, DESIGN.md §8 or a public https source, and only the known shared id has several chips', () => {
    // docs/decisions.md §18: Kunlunxin 1d22:3684 is Kunlun 1 (pci.ids) and R300 (the PaddleNLP R480 guide).
    const shared = new Set(['1d22:3684']);
    const owner = new Map<string, string>();
    const problems: string[] = [];
    for (const chip of chips) {
      for (const p of chip.pciIds) {
        const key = `${p.vendor}:${p.device}`;
        if (p.source !== 'pci.ids' && p.source !== 'DESIGN.md §8' && !/^https:\/\/\S+$/.test(p.source))
          problems.push(`${chip.id} ${key} has source "${p.source}"`);
        if (owner.has(key) && owner.get(key) !== chip.id && !shared.has(key))
          problems.push(`${key} is claimed by ${owner.get(key)} and ${chip.id}`);
        owner.set(key, chip.id);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('a chip PCI vendor id is listed on its vendor record', () => {
    const vendorIds = new Map(
      records.vendors.map(({ doc }) => [doc.id, new Set((doc.pciVendorIds as string[] | undefined) ?? [])]),
    );
    const unlisted = chips.flatMap((c) =>
      c.pciIds.filter((p) => !vendorIds.get(c.vendor)?.has(p.vendor)).map((p) => `${c.id} ${p.vendor}`),
    );
    assert.deepEqual(unlisted, []);
  });

  const ecosystems: Array<[string, string]> = [
    ['Huawei Ascend', 'huawei'],
    ['Hygon DCU', 'hygon'],
    ['Cambricon', 'cambricon'],
    ['Moore Threads', 'moore-threads'],
    ['Kunlunxin', 'kunlunxin'],
    ['Iluvatar CoreX', 'iluvatar-corex'],
    ['MetaX', 'metax'],
    ['Enflame', 'enflame'],
    ['Sophgo', 'sophgo'],
    ['Lynxi', 'lynxi'],
    ['Sunway', 'sunway'],
    ['Hexaflake', 'hexaflake'],
    ['Qualcomm (phone SoC)', 'qualcomm'],
    ['MediaTek (phone SoC)', 'mediatek'],
    ['Samsung (phone SoC)', 'samsung'],
  ];
  for (const [ecosystem, vendor] of ecosystems) {
    it(`the ${ecosystem} ecosystem has at least one chip`, () => {
      assert.ok(
        chips.some((c) => c.vendor === vendor),
        `no chip with vendor "${vendor}"`,
      );
    });
  }

  it('phone SoCs are mobile and Sunway chips are supercomputer-class', () => {
    for (const c of chips.filter((c) => ['qualcomm', 'mediatek', 'samsung'].includes(c.vendor)))
      assert.equal(c.deviceClass, 'mobile', c.id);
    for (const c of chips.filter((c) => c.vendor === 'sunway')) assert.equal(c.deviceClass, 'supercomputer', c.id);
  });

  it('device classes follow DESIGN §8 for the named chips', () => {
    const expected: Record<string, string> = {
      'sophgo-bm1684x': 'edge',
      'sophgo-bm1688': 'edge',
      'huawei-ascend-910b': 'datacenter',
      'hygon-k100-ai': 'datacenter',
      'metax-c500': 'datacenter',
    };
    for (const [id, deviceClass] of Object.entries(expected)) {
      assert.equal(chips.find((c) => c.id === id)?.deviceClass, deviceClass, id);
    }
  });

  it('the Ascend 910B carries PCI id 19e5:d802 and the alias 昇腾910B', () => {
    const chip = chips.find((c) => c.id === 'huawei-ascend-910b');
    assert.ok(chip, 'huawei-ascend-910b exists');
    assert.ok(chip.pciIds.some((p) => p.vendor === '19e5' && p.device === 'd802'));
    assert.ok(chip.aliases.includes('昇腾910B'));
  });
});

describe('catalog declarations and software', () => {
  it('every declaration cites a public http(s) source', () => {
    const unsourced = records.declarations
      .filter(({ doc }) => !/^https?:\/\//.test((doc.source as { url: string }).url))
      .map(({ doc }) => doc.id);
    assert.deepEqual(unsourced, []);
  });

  it('declaration ids read <chip>.<model>.<source slug>', () => {
    const wrong = records.declarations
      .filter(({ doc }) => !doc.id.startsWith(`${String(doc.chip)}.${String(doc.model)}.`))
      .map(({ doc }) => doc.id);
    assert.deepEqual(wrong, []);
  });

  it('release candidates are never labelled ga (a development build after one is nightly)', () => {
    const versions = records.software.flatMap(({ doc }) =>
      (doc.versions as Array<{ version: string; channel: string }>).map((v) => ({ id: doc.id, ...v })),
    );
    const mislabelled = versions
      .filter((v) => /(^|[._+\-\d])rc\d*([._+\-]|$)/i.test(v.version) && v.channel === 'ga')
      .map((v) => `${v.id}@${v.version}`);
    assert.deepEqual(mislabelled, []);
  });
});
