import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readCatalogFiles } from '../../src/catalog/read-catalog-files.js';
import { bundleCatalog } from '../../src/catalog/catalog-bundle.js';
import { stackCombinationProblems } from '../../src/catalog/stack-combination-checks.js';
import type { StackCombination } from '../../src/domain/stack-compatibility.js';
import { dataDir } from '../../src/package-root.js';
import { createSchemaRegistry } from '../../src/schemas/schema-registry.js';

/**
 * Specification of data/stacks/, the stack compatibility catalog: every combination is sourced
 * (GitHub pinned to a commit), names software of data/software/ of its own vendor, and reads
 * as its source states (spot checks against the cited files, re-read at their commits).
 */
const { files } = readCatalogFiles(dataDir(), createSchemaRegistry());
const { bundle, problems } = bundleCatalog(files);
const stacks = new Map(bundle.stacks.map((s) => [s.id, s]));
const on = (id: string) => {
  const s = stacks.get(id);
  assert.ok(s, `no stack combination ${id}`);
  return s;
};

describe('data/stacks', () => {
  it('imports without a problem, and every file of the folder is a record', () => {
    assert.deepEqual(problems, []);
    const names = readdirSync(join(dataDir(), 'stacks')).filter((n) => n.endsWith('.json'));
    assert.equal(bundle.stacks.length, names.length);
    for (const name of names) {
      const text = readFileSync(join(dataDir(), 'stacks', name), 'utf8');
      assert.equal(text, JSON.stringify(JSON.parse(text), null, 2) + '\n', `${name} is not pretty-printed`);
    }
  });

  it('covers Huawei (vLLM Ascend, torch_npu and MindIE tables, a known-bad pair), Cambricon, Hygon and Kunlunxin', () => {
    const vendors = new Set(bundle.stacks.map((s) => s.vendor));
    assert.deepEqual([...vendors].sort(), ['cambricon', 'huawei', 'hygon', 'kunlunxin']);
    assert.ok(bundle.stacks.some((s) => s.status === 'known-bad'));
  });

  it('reads the vLLM Ascend v0.9.1 row, the torch_npu 2.1.0 / CANN 7.0.0 row and the MLU-OPS v1.7 row as stated', () => {
    assert.deepEqual(on('huawei.vllm-ascend-v0.9.1').components, [
      { software: 'vllm-ascend', version: 'v0.9.1' },
      { software: 'cann', version: '8.2.RC1' },
      { software: 'torch-npu', version: '2.5.1.post1' },
    ]);
    assert.deepEqual(on('huawei.torch-npu-2.1.0.cann-7.0.0').components, [
      { software: 'torch-npu', version: '2.1.0' },
      { software: 'cann', version: '7.0.0' },
    ]);
    assert.deepEqual(on('cambricon.mlu-ops-v1.7').components, [
      { software: 'mlu-ops', version: '>=1.7.0 <1.8' },
      { software: 'cntoolkit', version: '>=v4.1.4' },
      { software: 'cnnl', version: '>=v2.1.0' },
    ]);
    const bad = on('huawei.cann-9.0.0.torch-npu-2.9.0.post1-git4c901a4');
    assert.equal(bad.status, 'known-bad');
    assert.deepEqual(bad.resolution, { software: 'torch-npu', version: '2.9.0.post2' });
  });

  describe('the import refuses', () => {
    const sample = on('huawei.vllm-ascend-v0.9.1');
    const check = (change: (s: StackCombination) => StackCombination) =>
      stackCombinationProblems({ ...bundle, stacks: [change(structuredClone(sample))] }, () => 'stacks/x.json');
    it('an unpinned GitHub source', () => {
      const found = check((s) => ({
        ...s,
        source: { url: 'https://github.com/vllm-project/vllm-ascend/blob/main/README.md' },
      }));
      assert.deepEqual(
        found.map((p) => p.pointer),
        ['/source/url'],
      );
    });
    it('an unknown component, another vendor’s component, a non-version and a component named twice', () => {
      const found = check((s) => ({
        ...s,
        components: [
          { software: 'libsopohn', version: '1.0' },
          { software: 'libsophon', version: '0.5.0' },
          { software: 'cann', version: 'latest!' },
          { software: 'cann', version: '8.0.0' },
        ],
      }));
      assert.deepEqual(
        found.map((p) => p.pointer),
        ['/components/0/software', '/components/1/software', '/components/2/version', '/components/3/software'],
      );
    });
    it('a resolution on a known-good combination, or one naming a component it does not hold', () => {
      const found = check((s) => ({ ...s, resolution: { software: 'cntoolkit', version: '1.0' } }));
      assert.deepEqual(
        found.map((p) => p.pointer),
        ['/resolution/software', '/resolution', '/resolution/software'],
      );
    });
  });
});
