import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Chip } from '../../src/domain/catalog-types.js';
import { matchChipByName } from '../../src/domain/identify/chip-match.js';
import { dataDir } from '../../src/package-root.js';

/** The names vendor tools print, matched against the shipped catalog's chips of that vendor. */
const chips = readdirSync(join(dataDir(), 'chips'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dataDir(), 'chips', f), 'utf8')) as Chip);
const of = (vendor: string) => chips.filter((c) => c.vendor === vendor);
const match = (vendor: string, name: string) => {
  const m = matchChipByName(name, of(vendor));
  return m ? [m.chip.id, m.sku?.name ?? null] : null;
};

describe('matching a printed model name to a chip', () => {
  it('an exact SKU or alias first, then the longest alias the name starts with', () => {
    assert.deepEqual(match('huawei', '310P3'), ['huawei-ascend-310p', '310P3']);
    assert.deepEqual(match('huawei', '910B2C'), ['huawei-ascend-910b', '910B2C']);
    assert.deepEqual(match('huawei', 'Ascend910B3'), ['huawei-ascend-910b', '910B3']);
    assert.deepEqual(match('huawei', '310'), ['huawei-ascend-310', null]);
    assert.deepEqual(match('moore-threads', 'MTT S80'), ['moore-threads-mtt-s80', null]);
  });

  it('a prefix must end on a word boundary or before a digit: 310B4 is not a 310, a vGPU name is its parent', () => {
    assert.equal(match('huawei', '310B4'), null);
    assert.equal(match('huawei', 'Ascend310B1'), null);
    assert.deepEqual(match('moore-threads', 'MTT S3000 MtvGPU-1101'), ['moore-threads-mtt-s3000', null]);
    assert.deepEqual(match('sophgo', 'BM1684-SC5+'), ['sophgo-bm1684', null]);
    assert.deepEqual(match('sophgo', 'BM1684X-SC7'), ['sophgo-bm1684x', null]);
  });
});
