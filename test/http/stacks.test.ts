import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addCertification } from '../helpers/builders.js';
import { loadCatalog, writeCatalog } from '../../src/catalog/import-catalog.js';
import { dataDir } from '../../src/package-root.js';
import { assertProblem, assertSchema, schemas, startTestApp, type TestApp } from '../helpers/test-app.js';

let app: TestApp;
before(async () => {
  app = await startTestApp({ now: () => new Date('2026-06-01T00:00:00Z') });
});
after(() => app.close());

const PINNED = /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//;
const q = (s: string) => encodeURIComponent(s);

const get = async (path: string, schema: string) => {
  const res = await app.get(path);
  assert.equal(res.status, 200, res.text);
  assertSchema(res.body, schema);
  return res.body;
};
const check = (chip: string, stack: string) =>
  get(`/v1/stacks/check?chip=${q(chip)}&stack=${q(stack)}`, 'responses/stack-check.v1.schema.json');
const upgrade = (query: string) => get(`/v1/upgrade-path?${query}`, 'responses/upgrade-path.v1.schema.json');

describe('GET /v1/stacks', () => {
  it('lists the known-good combinations for a chip, each with a source pinned to a commit', async () => {
    const body = await get('/v1/stacks?chip=Ascend910B&limit=500', 'responses/stack-combination-list.v1.schema.json');
    const ids = body.items.map((c: { id: string }) => c.id);
    assert.ok(ids.includes('huawei.vllm-ascend-v0.9.1'));
    assert.ok(ids.includes('huawei.torch-npu-2.1.0.cann-7.0.0'));
    for (const c of body.items) {
      assert.equal(c.vendor, 'huawei');
      assert.equal(c.status, 'known-good');
      assert.match(c.source.url, PINNED);
    }
    const row = body.items.find((c: { id: string }) => c.id === 'huawei.vllm-ascend-v0.9.1');
    assert.deepEqual(row.components, [
      { software: 'vllm-ascend', version: 'v0.9.1' },
      { software: 'cann', version: '8.2.RC1' },
      { software: 'torch-npu', version: '2.5.1.post1' },
    ]);
  });

  it('answers per vendor: a Cambricon chip gets the MLU-OPS dependency rows, not Ascend ones', async () => {
    const body = await get('/v1/stacks?chip=cambricon-mlu370-x4', 'responses/stack-combination-list.v1.schema.json');
    assert.ok(body.items.length > 0);
    assert.ok(body.items.every((c: { vendor: string }) => c.vendor === 'cambricon'));
  });

  it('lists known-bad combinations on request', async () => {
    const body = await get('/v1/stacks?chip=910B&status=known-bad', 'responses/stack-combination-list.v1.schema.json');
    assert.deepEqual(
      body.items.map((c: { id: string }) => c.id),
      ['huawei.cann-9.0.0.torch-npu-2.9.0.post1-git4c901a4'],
    );
  });

  it('pages with an opaque cursor and a Link header, and has a CSV twin', async () => {
    const first = await app.get('/v1/stacks?chip=910B&limit=5');
    assert.equal(first.body.items.length, 5);
    assert.match(first.headers.get('link') ?? '', /rel="next"/);
    const second = await get(
      `/v1/stacks?chip=910B&limit=5&cursor=${first.body.nextCursor}`,
      'responses/stack-combination-list.v1.schema.json',
    );
    assert.ok(second.items[0].id > first.body.items[4].id);
    const csv = await app.get('/v1/stacks?chip=910B&format=csv&limit=2');
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(csv.text, /^id,vendor,chips,status,components,statement,source\r\n/);
  });

  it('refuses an unknown chip with suggestions, and an unknown parameter', async () => {
    const res = await app.get('/v1/stacks?chip=Ascend911B');
    assertProblem(res, 404);
    assertProblem(await app.get('/v1/stacks?chip=910B&vendor=huawei'), 400);
    assertProblem(await app.get('/v1/stacks'), 400);
  });
});

describe('GET /v1/stacks/check', () => {
  it('calls a stack that one sourced combination covers known-good', async () => {
    const body = await check('910B', 'CANN@8.2.RC1,torch_npu@2.5.1.post1,vllm-ascend@v0.9.1');
    assert.equal(body.verdict, 'known-good');
    assert.deepEqual(
      body.stack.map((c: { software: string }) => c.software),
      ['cann', 'torch-npu', 'vllm-ascend'],
    );
    assert.ok(body.matches.some((m: { id: string }) => m.id === 'huawei.vllm-ascend-v0.9.1'));
    assert.deepEqual(body.warnings, []);
  });

  it('reads a name several vendors publish (vLLM) as the chip vendor’s build', async () => {
    const body = await check('hygon-bw1000', 'vLLM@0.18.1,DTK@26.04');
    assert.equal(body.verdict, 'known-good');
    assert.equal(body.stack[0].software, 'hygon-vllm');
    assert.deepEqual(
      body.matches.map((m: { id: string }) => m.id),
      ['hygon.vllm-0.18.1.dtk-26.04'],
    );
  });

  it('detects a known-bad combination and names the conflicting component, its fix and its source', async () => {
    const body = await check('910B', 'CANN@9.0.0,torch_npu@2.9.0.post1+git4c901a4');
    assert.equal(body.verdict, 'known-bad');
    const [conflict] = body.conflicts;
    assert.equal(conflict.software, 'torch-npu');
    assert.equal(conflict.given, '2.9.0.post1+git4c901a4');
    assert.equal(conflict.expected, '2.9.0.post2');
    assert.match(conflict.combination.source.url, /release_notes\.md$/);
    assert.match(conflict.combination.source.url, PINNED);
  });

  it('answers unknown for an unsourced mix, with the difference from the closest known-good row', async () => {
    const body = await check('910B', 'CANN@7.0.0,torch_npu@2.5.1');
    assert.equal(body.verdict, 'unknown');
    const cann = body.conflicts.find((c: { software: string }) => c.software === 'cann');
    assert.ok(cann, JSON.stringify(body.conflicts));
    assert.equal(cann.given, '7.0.0');
    assert.equal(cann.expected, '8.1.RC1');
    assert.equal(cann.combination.id, 'huawei.torch-npu-2.5.1.cann-8.1.rc1');
  });

  it('suggests the component a misspelt name means (libsopohn → libsophon, CAN → CANN)', async () => {
    const res = await app.get(`/v1/stacks/check?chip=BM1684X&stack=${q('libsopohn@0.5.0')}`);
    assertProblem(res, 400);
    assert.ok(res.body.suggestions.some((s: { id: string }) => s.id === 'libsophon'));
    assert.equal(res.body.errors[0].pointer, '/query/stack');
    assert.match(res.body.errors[0].detail, /did you mean .*libsophon/i);
    const can = await app.get(`/v1/stacks/check?chip=910B&stack=${q('CAN@8.0.0,torch_npu@2.1.0')}`);
    assertProblem(can, 400);
    assert.ok(can.body.suggestions.some((s: { id: string }) => s.id === 'cann'));
  });

  it('warns about a version the catalog does not know and says which versions it knows', async () => {
    const body = await check('910B', 'CANN@8.0.9,torch_npu@2.1.0');
    assert.equal(body.warnings.length, 1);
    assert.match(body.warnings[0], /^CANN 8\.0\.9: not a version the catalog knows; known versions: .*8\.1\.RC1/);
  });

  it('needs exact installed versions and well-formed components', async () => {
    assertProblem(await app.get(`/v1/stacks/check?chip=910B&stack=${q('CANN@>=8.0')}`), 400);
    assertProblem(await app.get(`/v1/stacks/check?chip=910B&stack=${q('CANN')}`), 400);
    assertProblem(await app.get(`/v1/stacks/check?chip=910B&stack=${q('CANN@8.0.0,cann@8.1.RC1')}`), 400);
  });
});

describe('GET /v1/compatibility with an unknown component', () => {
  it('is a 400 with a suggestion, not a silent not-certified', async () => {
    const res = await app.get(`/v1/compatibility?model=glm-4-9b&chip=910B&stack=${q('CAN@8.0')}`);
    assertProblem(res, 400);
    assert.ok(res.body.suggestions.some((s: { id: string }) => s.id === 'cann'));
  });
});

describe('GET /v1/upgrade-path', () => {
  it('leads from an old CANN to the stack of a certification for GLM-4-9B, every step with its source', async () => {
    const id = addCertification(app.deps, {
      model: 'glm-4-9b',
      level: 2,
      precision: 'bf16',
      stack: [
        { kind: 'sdk', name: 'CANN', version: '8.2.RC1', channel: 'rc' },
        { kind: 'plugin', name: 'torch_npu', version: '2.5.1.post1', channel: 'ga' },
        { kind: 'plugin', name: 'vllm-ascend', version: 'v0.9.1', channel: 'ga' },
      ],
    });
    const body = await upgrade(`chip=910B&model=GLM-4-9B&from=${q('CANN@7.0.0,torch_npu@2.1.0')}`);
    assert.equal(body.found, true);
    assert.equal(body.basis, 'certification');
    assert.equal(body.target.claim.id, id);
    assert.deepEqual(
      body.steps.map((s: { name: string; action: string; from: string | null; to: string }) => [
        s.name,
        s.action,
        s.from,
        s.to,
      ]),
      [
        ['CANN', 'upgrade', '7.0.0', '8.2.RC1'],
        ['torch_npu', 'upgrade', '2.1.0', '2.5.1.post1'],
        ['vllm-ascend', 'add', null, 'v0.9.1'],
      ],
    );
    assert.ok(body.steps.every((s: { because: { id: string } }) => s.because.id === id));
    assert.equal(body.resultingStack.verdict, 'known-good');
  });

  it('completes a claim that names only the serving engine with the sourced row it belongs to', async () => {
    const id = addCertification(app.deps, {
      model: 'glm-4-9b-chat',
      level: 1,
      precision: 'bf16',
      stack: [{ kind: 'plugin', name: 'vllm-ascend', version: 'v0.9.1', channel: 'ga' }],
    });
    const body = await upgrade(`chip=910B&model=glm-4-9b-chat&from=${q('CANN@7.0.0,torch_npu@2.1.0')}`);
    assert.equal(body.target.claim.id, id);
    assert.equal(body.combination.id, 'huawei.vllm-ascend-v0.9.1');
    const cann = body.steps.find((s: { software: string }) => s.software === 'cann');
    assert.deepEqual([cann.action, cann.to, cann.because.kind], ['upgrade', '8.2.RC1', 'stack-combination']);
    assert.match(cann.because.url, PINNED);
    const engine = body.steps.find((s: { software: string }) => s.software === 'vllm-ascend');
    assert.deepEqual([engine.action, engine.because.kind, engine.because.id], ['add', 'certification', id]);
  });

  it('falls back to a declaration when no certification records a stack, citing the declaration source', async () => {
    // A test-only stack on a real declaration (the data helper adds sourced stacks to data/declarations).
    const bundle = loadCatalog(dataDir(), schemas);
    const declaration = bundle.declarations.find((d) => d.id === 'huawei-ascend-910b.glm-4.5.vllm-ascend-matrix')!;
    declaration.stack = [{ kind: 'plugin', name: 'vllm-ascend', version: 'v0.13.0', channel: 'ga' }];
    writeCatalog(app.deps.db, bundle, 'test', new Date().toISOString());
    const body = await upgrade(`chip=910B&model=glm-4.5&from=${q('CANN@8.3.RC2,torch_npu@2.8.0')}`);
    assert.equal(body.basis, 'declaration');
    assert.equal(body.target.claim.id, declaration.id);
    assert.equal(body.target.claim.verified, false);
    const engine = body.steps.find((s: { software: string }) => s.software === 'vllm-ascend');
    assert.deepEqual(
      [engine.action, engine.because.kind, engine.because.url],
      ['add', 'declaration', declaration.source.url],
    );
    assert.equal(body.combination.id, 'huawei.vllm-ascend-v0.13.0');
    const verified = await upgrade(`chip=910B&model=glm-4.5&minLevel=L1&from=${q('CANN@8.3.RC2')}`);
    assert.equal(verified.found, false);
  });

  it('answers found=false, saying why, when no claim at the asked level records a stack', async () => {
    const body = await upgrade(`chip=910B&model=glm-4-9b&minLevel=L3&from=${q('CANN@7.0.0')}`);
    assert.equal(body.found, false);
    assert.equal(body.target, null);
    assert.deepEqual(body.steps, []);
    assert.match(body.message, /no certification at L3 or above for glm-4-9b on huawei-ascend-910b/);
  });

  it('refuses unknown components in from with suggestions, and an unknown model with a 404', async () => {
    const res = await app.get(`/v1/upgrade-path?chip=910B&model=glm-4-9b&from=${q('torch_npo@2.1.0')}`);
    assertProblem(res, 400);
    assert.equal(res.body.errors[0].pointer, '/query/from');
    assert.ok(res.body.suggestions.some((s: { id: string }) => s.id === 'torch-npu'));
    assertProblem(await app.get(`/v1/upgrade-path?chip=910B&model=glm-9&from=${q('CANN@7.0.0')}`), 404);
  });
});

describe('POST /v1/validate with an unknown stack component', () => {
  it('stays valid and warns with a suggestion (libsopohn → libsophon) and with the known versions', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
    doc.deployment.stack[0].name = 'libsopohn';
    doc.deployment.stack[1].version = '0.0.1';
    const res = await app.request('POST', '/v1/validate', { body: doc });
    assert.equal(res.status, 200, res.text);
    assertSchema(res.body, 'responses/validation-report.v1.schema.json');
    assert.equal(res.body.valid, true);
    const [name, version] = res.body.warnings;
    assert.equal(name.pointer, '/deployment/stack/0/name');
    assert.ok(name.suggestions.some((s: { id: string }) => s.id === 'libsophon'));
    assert.equal(version.pointer, '/deployment/stack/1/version');
    assert.match(version.detail, /^tpu-mlir 0\.0\.1 is not a version the catalog knows; known versions: /);
  });
});
