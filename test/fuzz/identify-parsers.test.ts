import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Chip } from '../../src/domain/catalog-types.js';
import { matchChipByName } from '../../src/domain/identify/chip-match.js';
import { detectAndParse } from '../../src/domain/identify/detect.js';
import { isBmSmi, parseBmSmi } from '../../src/domain/identify/smi/bm-smi.js';
import { isMthreadsGmi, parseMthreadsGmi } from '../../src/domain/identify/smi/mthreads-gmi.js';
import { isSysfs, parseSysfs } from '../../src/domain/identify/sysfs.js';
import { dumpLines, type SeenDevice } from '../../src/domain/identify/types.js';
import { shippedPciIds } from '../../src/services/pci-ids-source.js';

/**
 * The parsers changed for the real bm-smi, mthreads-gmi and sysfs dumps, fed text built from those
 * dumps, cut and mixed with the characters each keys on: they never throw, and what they return is
 * well formed (a normalised bus address or none, a positive memory or none).
 */
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/machines/${name}`, import.meta.url), 'utf8').split('\n');
const real = [
  ...fixture('sophgo-bm1684-sc5plus-bm-smi-text.txt'),
  ...fixture('moore-threads-s80-mthreads-gmi.txt'),
  ...fixture('moore-threads-s4000-mthreads-gmi.txt'),
  ...fixture('supermicro-x86-sysfs-grep.txt'),
];
const fragments = fc.constantFrom(
  '1684X-SC7 ',
  '| 0  1684-SC5+   PCIE HQ | 0    56C     55C',
  '|                                       | 1    56C',
  '|000:01:00.0 Active    550M      3.3A     0MB/ 7086MB      |',
  '| Lib Version:    2.7.0             Driver Version:  0.4.8 |',
  'PCIE ',
  'SOC ',
  'chip0: ',
  'chip9: ',
  '0 ',
  '000:01:00.0 ',
  '0MB 7086MB',
  '99999999999999999999MB',
  '0MiB(0MiB)',
  '1MiB(99999999999999999999MiB)',
  '|',
  'MiB(',
  'MPC Parent',
  'Virtual',
  'mthreads-gmi:2.0.0',
  '/sys/devices/pci0000:00/',
  '/sys/bus/pci/devices/',
  '0000:0b:00.0/',
  '/device',
  '/vendor:0x',
  ':',
  ' ',
  '\r',
);
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(...real),
      fc.string({ maxLength: 60 }),
      fc.tuple(fc.constantFrom(...real), fc.nat(), fragments).map(([l, at, f]) => {
        const i = l.length ? at % l.length : 0;
        return l.slice(0, i) + f + l.slice(i);
      }),
      fc.array(fragments, { maxLength: 10 }).map((parts) => parts.join('')),
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.join('\n'));

const wellFormed = (devices: SeenDevice[]) => {
  for (const d of devices) {
    assert.ok(d.slot === null || /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/.test(d.slot), String(d.slot));
    assert.ok(d.memoryMiB === null || (Number.isSafeInteger(d.memoryMiB) && d.memoryMiB > 0), String(d.memoryMiB));
    assert.ok(d.vendorId === null || /^[0-9a-f]{4}$/.test(d.vendorId), String(d.vendorId));
    assert.ok(d.name === null || d.name.length > 0);
  }
};

describe('the bm-smi, mthreads-gmi and sysfs parsers on any text', () => {
  it('never throw and return well-formed devices', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'grapheme', maxLength: 300 })), (t) => {
        const lines = dumpLines(t);
        for (const [is, parse] of [
          [isBmSmi, parseBmSmi],
          [isMthreadsGmi, parseMthreadsGmi],
          [isSysfs, parseSysfs],
        ] as const) {
          is(t);
          wellFormed(parse(lines));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('the detector recognises a text or not, and only a recognised text yields devices', () => {
    const ids = shippedPciIds();
    fc.assert(
      fc.property(text, (t) => {
        const { recognised, devices } = detectAndParse(t, ids);
        if (!recognised) assert.deepEqual(devices, []);
      }),
      { numRuns: 1000 },
    );
  });

  it('a long line without an attribute is read in linear time', () => {
    const ids = shippedPciIds();
    const long = '/sys/devices/pci0000:00/'.repeat(20_000);
    const start = performance.now();
    detectAndParse(`${long}\n${long}`, ids);
    assert.ok(performance.now() - start < 1000, `${performance.now() - start} ms`);
  });

  it('matching any printed name never throws and answers a chip of the list or nothing', () => {
    const chips = [
      { id: 'sophgo-bm1684', nameEn: 'BM1684', aliases: ['BM1684'], skus: [] },
      { id: 'huawei-ascend-310', nameEn: 'Ascend 310', aliases: ['310', 'Ascend310'], skus: [] },
      { id: 'huawei-ascend-910b', nameEn: 'Ascend 910B', aliases: ['910B'], skus: [{ name: '910B3', aliases: [] }] },
    ] as unknown as Chip[];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.array(fragments).map((p) => p.join('')),
        ),
        (name) => {
          const m = matchChipByName(name, chips);
          assert.ok(m === null || chips.includes(m.chip));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
